// SPDX-License-Identifier: MIT
#pragma once

#include "core/aggregate/aggregate_result.h"
#include "core/report/report.h"

#include <optional>

#include <QList>
#include <QString>
#include <QVariant>

namespace bidlab::aggregate {

// The figures of a group: the five sums and the ratios derived from them at the edge.
enum class Metric { Rows, Impressions, Clicks, Conversions, Cost, Revenue, Ctr, Cvr, Cpc, Cpa, Cpm, Roas };

QList<Metric> allMetrics();
QString metricKey(Metric metric); // "ctr"
QString metricTitle(Metric metric); // "CTR"
std::optional<Metric> metricFromKey(const QString& key);
// Whether the file has what the metric needs (ROAS needs revenue and cost).
bool metricAvailable(const AggregateResult& result, Metric metric);
// The report column of a metric (Integer, Money in micros, Percent, Decimal).
report::Column metricColumn(Metric metric);
// A metric's value: qint64 counts and micros, double ratios; a null QVariant where the denominator is zero.
QVariant metricValue(const Sums& sums, Metric metric);
// The same as a plain number for charts (money in currency units); nullopt where empty.
std::optional<double> metricNumber(const Sums& sums, Metric metric);

// The choices behind the report's charts.
struct ReportOptions
{
    QString title; // empty: "Campaign aggregation"
    Metric topMetric = Metric::Cost; // bar chart of the top groups of the first text dimension
    int topCount = 10;
    Metric timeMetric = Metric::Clicks; // line chart over the first time dimension
    int shareDimension = -1; // bar chart of shares by this dimension; -1: chosen
    Metric shareMetric = Metric::Impressions;
};

// The report of an aggregation: parameters, KPIs, the rollup table (every level, subtotals after their
// rows, a "level" column), one table per level (a sheet each in XLSX), the bad rows, and the charts (top
// groups, a metric over time, shares by a dimension) where the dimensions allow them.
report::Report buildAggregateReport(const AggregateResult& result, const ReportOptions& options = {});

} // namespace bidlab::aggregate
