// SPDX-License-Identifier: MIT
#include "core/engine/worker_slot.h"

#include <algorithm>

namespace bidlab::engine::detail {

bool WorkerSlot::recordCrash(std::int64_t now, int limit, std::int64_t windowNs)
{
    crashTimes.push_back(now);
    while (!crashTimes.empty() && crashTimes.front() < now - windowNs)
        crashTimes.pop_front();
    return static_cast<int>(crashTimes.size()) >= limit;
}

std::int64_t WorkerSlot::restartDelayNs() const
{
    const int n = std::max<int>(1, static_cast<int>(crashTimes.size()));
    return std::min<std::int64_t>(2'000'000'000, 50'000'000LL << std::min(n - 1, 6));
}

WorkerRow WorkerSlot::row(double tickSeconds) const
{
    WorkerRow r;
    r.id = id;
    r.pid = pid;
    r.state = state;
    r.requestsPerSecond = tickSeconds > 0 ? static_cast<double>(tickAnswered) / tickSeconds : 0.0;
    r.meanLatencyNs = static_cast<qint64>(tickLatency.mean());
    r.p99LatencyNs = static_cast<qint64>(tickLatency.percentile(0.99));
    r.inFlight = channel ? static_cast<qint64>(channel->inFlight()) : 0;
    r.answered = answered;
    r.restarts = restarts;
    r.modelFingerprint = channel ? channel->header().modelFingerprint.load(std::memory_order_relaxed) : 0;
    return r;
}

void WorkerSlot::resetTick()
{
    tickAnswered = 0;
    tickLatency.reset();
}

} // namespace bidlab::engine::detail
