// SPDX-License-Identifier: MIT
#include "ui/live/series_recorder.h"

#include <algorithm>
#include <cmath>

namespace bidlab::ui {

void SeriesRecorder::clear()
{
    m_points.clear();
    m_current = {};
    m_currentTicks = 0;
    m_last = {};
}

void SeriesRecorder::add(const engine::EngineSnapshot& snapshot)
{
    if (snapshot.tick < m_last.tick)
        clear(); // a new run
    // The tick's counters belong to the second in which the tick ended.
    const int second = std::max(0, int(std::ceil(snapshot.elapsedSeconds - 1e-9)) - 1);
    if (m_currentTicks > 0 && second != m_current.second) {
        m_points.append(m_current);
        m_current = {};
        m_currentTicks = 0;
    }
    if (m_currentTicks == 0)
        m_current.second = second;
    m_current.counters += snapshot.tickCounters;
    m_current.p50Ns = std::max(m_current.p50Ns, snapshot.latency.p50);
    m_current.p99Ns = std::max(m_current.p99Ns, snapshot.latency.p99);
    m_current.p999Ns = std::max(m_current.p999Ns, snapshot.latency.p999);
    m_current.workersAlive
        = int(std::count_if(snapshot.workers.cbegin(), snapshot.workers.cend(),
                            [](const engine::WorkerRow& w) { return w.state == engine::WorkerState::Running; }));
    m_current.targetQps = snapshot.targetQps;
    ++m_currentTicks;
    m_last = snapshot;
}

QList<engine::SeriesPoint> SeriesRecorder::points() const
{
    QList<engine::SeriesPoint> all = m_points;
    if (m_currentTicks > 0)
        all.append(m_current);
    return all;
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
    s.latency = m_last.latency;
    s.computeLatency = m_last.computeLatency;
    s.workers = m_last.workers;
    s.campaigns = m_last.campaigns;
    s.arms = m_last.arms;
    s.series = points();
    for (const engine::WorkerRow& w : m_last.workers)
        s.workerRestarts += w.restarts;
    s.inFlightAtEnd = m_last.totals.generated - m_last.totals.answered();
    return s;
}

} // namespace bidlab::ui
