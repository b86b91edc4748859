// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/engine_snapshot.h"
#include "core/engine/latency_histogram.h"

#include <cstdint>

namespace bidlab::engine {

// The run's metrics over time, on the engine's thread: latency histograms per tick, per second and for the
// whole run (recording costs two increments; histograms are merged once per tick), and the per-second
// series. Counters come from the exchange; this turns their differences into ticks and seconds.
class RunMetrics
{
public:
    static constexpr int kTicksPerSecond = 10;

    explicit RunMetrics(std::int64_t startNs);

    void record(std::int64_t latencyNs, std::uint32_t computeNs)
    {
        m_tickLatency.record(static_cast<std::uint64_t>(latencyNs));
        m_tickCompute.record(computeNs);
    }

    // Closes the tick that ends at `now`: fills the snapshot's counters, rates and latencies, and its
    // `second` when this tick closes a second of the run (every tenth tick, and the last one).
    void closeTick(std::int64_t now, const Counters& totals, int workersAlive, bool last, EngineSnapshot& snapshot);

    // The whole run's latencies and series.
    void fillSummary(RunSummary& summary) const;

private:
    std::int64_t m_startNs;
    std::int64_t m_lastTickNs;
    std::int64_t m_secondStartNs;
    qint64 m_tick = 0;
    int m_ticksInSecond = 0;
    Counters m_lastTickTotals;
    Counters m_lastSecondTotals;
    LatencyHistogram m_tickLatency, m_tickCompute, m_secondLatency, m_runLatency, m_runCompute;
    QList<SeriesPoint> m_series;
};

} // namespace bidlab::engine
