// SPDX-License-Identifier: MIT
#pragma once

#include "core/report/report.h"

// Writers of the report model in core (no GUI needed). The PDF writer is ui/report/pdf_report_writer.h.
// All writers are atomic: a failure or a crash never leaves a half-written file at the target path.
namespace bidlab::report {

// RFC 4180 CSV of one table: a header row of column names, then the rows; CRLF line ends, UTF-8 without
// BOM, fields quoted only when needed, '.' as decimal point, empty fields for empty values. Money columns
// are written exactly (currency units with all six decimals of the micros, e.g. 12.500000).
Status writeCsv(const Table& table, const QString& path);
// The report's table number `tableIndex` (the primary table is 0).
Status writeCsv(const Report& report, const QString& path, qsizetype tableIndex = 0);

// XLSX workbook: a "Summary" sheet (title, parameters, KPIs, notes), then one sheet per table (bold
// header, frozen header row, autofilter, number formats per column kind), then a native chart per chart.
Status writeXlsx(const Report& report, const QString& path);

} // namespace bidlab::report
