// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace bidlab::ui {

// A marker the Live tab draws on a run's charts (an alert, an incident, a worker that died or came back), kept
// so that the run's report shows it too.
struct RunMarker
{
    static constexpr int kAllCharts = -1;

    double seconds = 0.0; // since the run started
    QString kind; // "alert", or the engine event's kind ("incident", "worker-crashed", ...)
    QString label; // the short text on the chart
    QString text; // the whole sentence, as in the event log
    int chart = kAllCharts; // the LiveChartGrid::Chart it is on (the first four run charts share that order)

    bool operator==(const RunMarker&) const = default;
};

} // namespace bidlab::ui
