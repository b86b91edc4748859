// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/engine_snapshot.h"

#include <QList>

namespace bidlab::ui {

// Keeps what a run in progress has published so far: the per-second rows the engine attaches to the tick
// that closes each second (the same rows the finished run's summary and the run history hold), and the last
// snapshot. So the run in progress can be exported like a finished one.
class SeriesRecorder
{
public:
    void clear();
    void add(const engine::EngineSnapshot& snapshot);

    const QList<engine::SeriesPoint>& points() const { return m_points; }
    bool isEmpty() const { return m_points.isEmpty() && m_last.tick == 0 && m_last.workers.isEmpty(); }
    // A summary of the run so far: the last snapshot's totals, latency, workers and campaigns, the seconds
    // closed so far, and what is in flight now.
    engine::RunSummary summarySoFar(const QJsonObject& scenario, qint64 startedAtMs) const;

private:
    QList<engine::SeriesPoint> m_points;
    engine::EngineSnapshot m_last;
};

} // namespace bidlab::ui
