// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/engine_snapshot.h"

#include <QList>

namespace bidlab::ui {

// Folds a running run's 100 ms snapshots into the per-second series the run history stores, so that the run
// in progress can be exported (and re-drawn) like a finished one. Counters add up exactly; the latency
// percentiles of a second are the highest of its ticks' (a tick's histogram is not published, so the
// engine's own per-second percentiles, in the finished run's summary, replace these at the end).
class SeriesRecorder
{
public:
    void clear();
    void add(const engine::EngineSnapshot& snapshot);

    // Completed seconds, then the second in progress (if it has ticks).
    QList<engine::SeriesPoint> points() const;
    bool isEmpty() const { return m_points.isEmpty() && m_currentTicks == 0; }
    // A summary of the run so far: the last snapshot's totals, workers and campaigns, these points.
    engine::RunSummary summarySoFar(const QJsonObject& scenario, qint64 startedAtMs) const;

private:
    QList<engine::SeriesPoint> m_points;
    engine::SeriesPoint m_current;
    int m_currentTicks = 0;
    engine::EngineSnapshot m_last;
};

} // namespace bidlab::ui
