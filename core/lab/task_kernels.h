// SPDX-License-Identifier: MIT
#pragma once

#include "core/lab/stop_token.h"
#include "core/lab/workload.h"

#include <cstddef>
#include <cstdint>
#include <optional>

// The bodies of the lab's tasks. The same code runs in the sequential loop, on pool threads and inside
// bidlab-lab-worker processes, so every executor computes exactly the same results. A body returns nullopt
// when it was asked to stop before it finished.
namespace bidlab::lab {

// The seed's cpu_bound_task(n), the same algorithm: for every i below n, trial division by j = 2 ..
// int(sqrt(i)), stopping at the first divisor; i > 1 without a divisor is a prime. (32-bit arithmetic, as
// n < 2^32.) 9592 primes lie below 100,000.
std::optional<std::uint64_t> countPrimesBelow(std::uint64_t n, const StopToken& stop);

// The shared array the memory task streams over (read-only while tasks run).
struct MemoryView
{
    const std::uint64_t* values = nullptr;
    std::size_t count = 0;
};
// Fills `values` with a fixed pseudo-random sequence (splitmix64 of the position).
void fillMemoryValues(std::uint64_t* values, std::size_t count);
// The wrapping sum of all values, read from position `start` to the end and then from the beginning, so that
// tasks running at the same time stream different parts of the array.
std::optional<std::uint64_t> streamingSum(const MemoryView& memory, std::size_t start, const StopToken& stop);
// Where task `index` starts reading: spread over the array, cache-line aligned.
std::size_t streamStart(std::uint32_t index, std::size_t count);

// Waits `microseconds` without using a core (a futex wait on the stop word, which a stop request wakes).
// Returns the microseconds asked for.
std::optional<std::uint64_t> waitMicroseconds(std::uint64_t microseconds, const StopToken& stop);

// `steps` rounds of xorshift64* from a seed derived from the task index: a few nanoseconds of work per step.
std::uint64_t tinyWork(std::uint64_t steps, std::uint32_t index);

// Runs task `index` of `kind` and size `n`.
std::optional<std::uint64_t> runTask(TaskKind kind, std::uint64_t n, std::uint32_t index, const MemoryView& memory,
                                     const StopToken& stop);

} // namespace bidlab::lab
