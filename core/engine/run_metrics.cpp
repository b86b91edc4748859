// SPDX-License-Identifier: MIT
#include "core/engine/run_metrics.h"

namespace bidlab::engine {

RunMetrics::RunMetrics(std::int64_t startNs)
    : m_startNs(startNs)
    , m_lastTickNs(startNs)
    , m_secondStartNs(startNs)
{ }

void RunMetrics::closeTick(std::int64_t now, const Counters& totals, int workersAlive, bool last, EngineSnapshot& s)
{
    const double seconds = static_cast<double>(now - m_lastTickNs) / 1e9;
    s.tick = m_tick++;
    s.elapsedSeconds = static_cast<double>(now - m_startNs) / 1e9;
    s.tickSeconds = seconds;
    s.tickCounters = totals - m_lastTickTotals;
    s.totals = totals;
    s.rates = Rates::of(s.tickCounters, seconds);
    s.totalRates = Rates::of(totals, s.elapsedSeconds);
    s.latency = m_tickLatency.summary();
    s.computeLatency = m_tickCompute.summary();

    m_runLatency.add(m_tickLatency);
    m_runCompute.add(m_tickCompute);
    m_secondLatency.add(m_tickLatency);
    m_tickLatency.reset();
    m_tickCompute.reset();
    m_lastTickTotals = totals;
    m_lastTickNs = now;
    if (++m_ticksInSecond < kTicksPerSecond && !last)
        return;
    SeriesPoint p;
    p.second = static_cast<int>(m_series.size());
    p.length = static_cast<double>(now - m_secondStartNs) / 1e9;
    p.counters = totals - m_lastSecondTotals;
    p.p50Ns = static_cast<qint64>(m_secondLatency.percentile(0.5));
    p.p99Ns = static_cast<qint64>(m_secondLatency.percentile(0.99));
    p.p999Ns = static_cast<qint64>(m_secondLatency.percentile(0.999));
    p.workersAlive = workersAlive;
    p.targetQps = s.targetQps;
    m_series.append(p);
    s.second = p;
    m_secondLatency.reset();
    m_lastSecondTotals = totals;
    m_secondStartNs = now;
    m_ticksInSecond = 0;
}

void RunMetrics::fillSummary(RunSummary& summary) const
{
    summary.latency = m_runLatency.summary();
    summary.computeLatency = m_runCompute.summary();
    summary.series = m_series;
}

} // namespace bidlab::engine
