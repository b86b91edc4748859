// SPDX-License-Identifier: MIT
#include "core/lab/task_kernels.h"

#include <algorithm>
#include <chrono>

namespace bidlab::lab {

namespace {

// Steps between two looks at the stop request: far apart enough to cost nothing, close enough that a cancel
// takes effect within a millisecond or so.
constexpr std::uint32_t kPrimeCheckMask = 1023; // every 1024 candidates
constexpr std::size_t kSumChunk = std::size_t { 1 } << 20; // 8 MiB of values

std::uint64_t splitmix64(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

std::uint64_t sumRange(const std::uint64_t* values, std::size_t count)
{
    // Four accumulators: the adds overlap, so the loop waits on memory only.
    std::uint64_t a = 0, b = 0, c = 0, d = 0;
    std::size_t k = 0;
    for (; k + 4 <= count; k += 4) {
        a += values[k];
        b += values[k + 1];
        c += values[k + 2];
        d += values[k + 3];
    }
    for (; k < count; ++k)
        a += values[k];
    return a + b + c + d;
}

} // namespace

std::optional<std::uint64_t> countPrimesBelow(std::uint64_t n, const StopToken& stop)
{
    const auto limit = static_cast<std::uint32_t>(std::min<std::uint64_t>(n, 0xFFFF'FFFFull));
    std::uint64_t count = 0;
    std::uint32_t root = 0; // int(i ** 0.5), kept up to date as i grows
    for (std::uint32_t i = 0; i < limit; ++i) {
        while (std::uint64_t { root + 1 } * (root + 1) <= i)
            ++root;
        bool divisorFound = false;
        for (std::uint32_t j = 2; j <= root; ++j) {
            if (i % j == 0) {
                divisorFound = true;
                break;
            }
        }
        if (!divisorFound && i > 1) // the seed's for ... else: no break, and i > 1
            ++count;
        if ((i & kPrimeCheckMask) == kPrimeCheckMask && stop.stopRequested())
            return std::nullopt;
    }
    return count;
}

void fillMemoryValues(std::uint64_t* values, std::size_t count)
{
    for (std::size_t k = 0; k < count; ++k)
        values[k] = splitmix64(k);
}

std::size_t streamStart(std::uint32_t index, std::size_t count)
{
    if (count == 0)
        return 0;
    // Golden-ratio spacing: consecutive tasks start far apart; rounded down to a 64-byte line.
    const std::size_t start = static_cast<std::size_t>((index * 0x9E3779B97F4A7C15ull) % count);
    return start & ~std::size_t { 7 };
}

std::optional<std::uint64_t> streamingSum(const MemoryView& memory, std::size_t start, const StopToken& stop)
{
    std::uint64_t sum = 0;
    std::size_t position = std::min(start, memory.count);
    std::size_t remaining = memory.count;
    while (remaining > 0) {
        const std::size_t chunk = std::min({ kSumChunk, remaining, memory.count - position });
        sum += sumRange(memory.values + position, chunk);
        remaining -= chunk;
        position += chunk;
        if (position == memory.count)
            position = 0;
        if (remaining > 0 && stop.stopRequested())
            return std::nullopt;
    }
    return sum;
}

std::optional<std::uint64_t> waitMicroseconds(std::uint64_t microseconds, const StopToken& stop)
{
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + std::chrono::microseconds(microseconds);
    // A coordinator that polls for cancel wakes every 20 ms to look; elsewhere only a stop request wakes it.
    constexpr std::int64_t kPollSliceNs = 20'000'000;
    for (;;) {
        if (stop.stopRequested())
            return std::nullopt;
        const std::int64_t left = std::chrono::duration_cast<std::chrono::nanoseconds>(deadline - Clock::now()).count();
        if (left <= 0)
            return microseconds;
        ipc::futexWait(&stop.word(), 0, stop.polls() ? std::min(left, kPollSliceNs) : left);
    }
}

std::uint64_t tinyWork(std::uint64_t steps, std::uint32_t index)
{
    std::uint64_t x = splitmix64(index);
    for (std::uint64_t s = 0; s < steps; ++s) {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
    }
    return x * 0x2545F4914F6CDD1Dull;
}

std::optional<std::uint64_t> runTask(TaskKind kind, std::uint64_t n, std::uint32_t index, const MemoryView& memory,
                                     const StopToken& stop)
{
    switch (kind) {
    case TaskKind::Primes:
        return countPrimesBelow(n, stop);
    case TaskKind::Memory:
        return streamingSum(memory, streamStart(index, memory.count), stop);
    case TaskKind::Wait:
        return waitMicroseconds(n, stop);
    case TaskKind::Tiny:
        return tinyWork(n, index);
    }
    return std::nullopt;
}

} // namespace bidlab::lab
