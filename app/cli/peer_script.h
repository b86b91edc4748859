// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"

#include <QJsonObject>
#include <QStringList>

namespace bidlab::cli {

// Runs a peer baseline (the seed's Python designs in /work/shared/peers, scikit-learn) to its end and returns
// the JSON object it prints as its last line on stdout. The error names the script, its exit code and what it
// wrote on stderr.
Expected<QJsonObject> runPeerScript(const QString& python, const QStringList& arguments);

} // namespace bidlab::cli
