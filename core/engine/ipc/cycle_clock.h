// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>
#include <cstdint>
#include <x86intrin.h>

namespace bidlab::ipc {

// The steady clock in nanoseconds (CLOCK_MONOTONIC): the engine's clock for latencies and deadlines.
inline std::int64_t steadyNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// The time-stamp counter as a cheap clock for per-request compute times (about a third of the cost of
// steady_clock here). Calibrated once against steady_clock; requires a constant TSC (every x86-64 CPU of
// the last decade, and this machine's: constant_tsc, nonstop_tsc).
class CycleClock
{
public:
    static std::uint64_t now() { return __rdtsc(); }
    // Nanoseconds per tick, measured over 20 ms at the first call.
    static double nanosecondsPerTick();
    static std::uint32_t toNanoseconds(std::uint64_t ticks);
};

} // namespace bidlab::ipc
