// SPDX-License-Identifier: MIT
#include "ui/live/series_recorder.h"

namespace bidlab::ui {

void SeriesRecorder::clear()
{
    m_points.clear();
    m_last = {};
}

void SeriesRecorder::add(const engine::EngineSnapshot& snapshot)
{
    if (snapshot.tick < m_last.tick)
        clear(); // a new run
    if (snapshot.second)
        m_points.append(*snapshot.second);
    m_last = snapshot;
}

engine::RunSummary SeriesRecorder::summarySoFar(const QJsonObject& scenario, qint64 startedAtMs) const
{
    engine::RunSummary s;
    s.scenario = scenario;
    s.startedAtMs = startedAtMs;
    s.seconds = m_last.elapsedSeconds;
    s.simEndMs = m_last.simTimeMs;
    s.endState = m_last.state;
    s.totals = m_last.totals;
    s.rates = engine::Rates::of(m_last.totals, m_last.elapsedSeconds);
    s.latency = m_last.latency; // the last tick's: a run's histogram is published at its end only
    s.computeLatency = m_last.computeLatency;
    s.workers = m_last.workers;
    s.campaigns = m_last.campaigns;
    s.arms = m_last.arms;
    s.series = m_points;
    for (const engine::WorkerRow& w : m_last.workers)
        s.workerRestarts += w.restarts;
    s.inFlightAtEnd = m_last.totals.generated - m_last.totals.answered();
    return s;
}

} // namespace bidlab::ui
