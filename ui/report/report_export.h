// SPDX-License-Identifier: MIT
#pragma once

#include "core/report/report.h"

namespace bidlab::ui {

// Writes a report in the format its file name's suffix names (.csv, .xlsx, .pdf), through the one set of
// writers every panel and command uses. An unknown suffix is an error naming the formats.
Status exportReport(const report::Report& report, const QString& path);

// File-dialog filters for the three formats.
QString reportFileFilters();

} // namespace bidlab::ui
