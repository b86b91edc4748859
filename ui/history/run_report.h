// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/engine_snapshot.h"
#include "core/report/report.h"
#include "ui/live/run_marker.h"

#include <QList>
#include <QString>

// A bidding run as a report (the one the Live bidding tab and the run history export as CSV, XLSX and PDF),
// and the run charts the screens draw from a run's per-second series.
namespace bidlab::ui {

// A run with the label it goes by ("#12 linear"), for charts that overlay runs.
struct LabelledRun
{
    QString label;
    const engine::RunSummary* run = nullptr;
};

// The run's report: settings (from its scenario), a KPI table, the four run charts (target vs achieved QPS,
// bid and win rate, latency percentiles on a log axis, spend and revenue) and ROAS over time, then tables:
// the per-second series first (what CSV export writes), the accounting, the workers, the campaigns and the
// A/B arms when there are several. `name` heads the report ("Run #12"). The markers the Live tab drew on the
// run's charts (alerts, incidents, workers that died) are marked on the same report charts, listed in a "markers"
// column of the per-second series (so CSV export carries them: a marker's second, or the nearest one) and, when there
// are any, in a last table (time, kind, text).
report::Report runReport(const engine::RunSummary& run, const QString& name, const QList<RunMarker>& markers = {});

// The four run charts for one run or several overlaid (series named after each run's label when there are
// several), x in seconds since each run's start.
QList<report::Chart> runCharts(const QList<LabelledRun>& runs);

// Puts one run's markers on its run charts (runCharts' order: QPS, rates, latency, money, ROAS): a marker on one
// live chart goes on the report chart in the same place of the order (the live money chart carries ROAS too, so
// its markers go on the ROAS chart as well), one on every live chart on every report chart.
void markCharts(QList<report::Chart>& charts, const QList<RunMarker>& markers);

// The per-second series as a report table (table 0 of runReport(), which adds the markers column).
report::Table seriesTable(const engine::RunSummary& run);

} // namespace bidlab::ui
