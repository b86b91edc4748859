// SPDX-License-Identifier: MIT
#pragma once

#include "core/stats/ab_analysis.h"

#include <QJsonObject>

// An A/B analysis as JSON (`bidlab-cli abtest --json`): every comparison with all its tests, the table's
// columns, the rows left out and the notes. Empty values are null, never NaN.
namespace bidlab::stats {

QJsonObject analysisToJson(const Analysis& analysis);

} // namespace bidlab::stats
