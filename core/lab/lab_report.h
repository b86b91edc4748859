// SPDX-License-Identifier: MIT
#pragma once

#include "core/lab/experiment.h"
#include "core/report/report.h"

namespace bidlab::lab {

// The speedup-vs-workers chart: one line per executor (its name carries the Amdahl serial fraction f), and the
// ideal line (speedup = workers).
report::Chart speedupChart(const ExperimentResult& result);

// One row per configuration (the sequential baseline first): medians and ranges, CPU, speedup, efficiency,
// per-task overhead, start-up, shut-down.
report::Table figuresTable(const ExperimentResult& result);

// Every trial's raw figures, for a spreadsheet.
report::Table trialsTable(const ExperimentResult& result);

// The whole experiment for the report writers: parameters (with the machine and its load), KPIs, the two
// tables, the chart, and the explanation and notes.
report::Report labReport(const ExperimentResult& result);

} // namespace bidlab::lab
