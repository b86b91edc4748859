// SPDX-License-Identifier: MIT
#include "core/engine/ipc/cycle_clock.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace bidlab::ipc {

double CycleClock::nanosecondsPerTick()
{
    static const double value = [] {
        using Clock = std::chrono::steady_clock;
        const auto t0 = Clock::now();
        const std::uint64_t c0 = now();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        const auto t1 = Clock::now();
        const std::uint64_t c1 = now();
        const double ns = static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count());
        return c1 > c0 ? ns / static_cast<double>(c1 - c0) : 1.0;
    }();
    return value;
}

std::uint32_t CycleClock::toNanoseconds(std::uint64_t ticks)
{
    const double ns = static_cast<double>(ticks) * nanosecondsPerTick();
    return static_cast<std::uint32_t>(std::min(ns, 4.0e9));
}

} // namespace bidlab::ipc
