// SPDX-License-Identifier: MIT
#pragma once

#include "core/report/report.h"
#include "core/stats/ab_analysis.h"

#include <optional>

// An A/B analysis as a report (what the panel exports and `bidlab-cli abtest --output` writes): the results
// table, the arms, the rows that were left out, a plot of the lifts with their intervals and a histogram of
// the p-values, and notes on the methods.
namespace bidlab::stats {

report::Report abReport(const Analysis& analysis);

// What the metric measures on this table: "CVR (conversions per click)".
QString metricDescription(const Dataset& dataset, Metric metric);

// p-values as analysts write them: "0.0312", "4.1e-07", "< 1e-300"; "—" when there is none.
QString formatPValue(std::optional<double> p);

// How values of the metric are shown: rates as percentages, revenue and ROAS as decimals.
report::Column valueColumn(Metric metric, const QString& name);

} // namespace bidlab::stats
