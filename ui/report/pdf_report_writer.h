// SPDX-License-Identifier: MIT
#pragma once

#include "core/report/report.h"

namespace bidlab::ui {

// PDF of a report (QPdfWriter, A4 portrait): title, subtitle and date, parameters, KPI table, each table
// paginated with its header repeated on every page, and each chart drawn as vectors by the same chart
// code as the screen. Written atomically. Needs a QApplication (the offscreen platform is enough).
Status writePdf(const report::Report& report, const QString& path);

} // namespace bidlab::ui
