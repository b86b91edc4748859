// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"

#include <cstdint>
#include <optional>

#include <QString>

// What the parallelism lab runs: a number of equal tasks of one kind and size, plus an optional serial part.
namespace bidlab::lab {

// The four kinds of task, each exposing a different cost of parallel execution.
enum class TaskKind : std::uint32_t {
    Primes = 0, // the seed's cpu_bound_task: count primes below n by trial division (CPU-bound)
    Memory = 1, // sum n 64-bit values streamed from one shared array (memory-bandwidth-bound)
    Wait = 2, // wait n microseconds without using a core (I/O-like)
    Tiny = 3, // n steps of a xorshift generator: a task far shorter than any dispatch (overhead-bound)
};
inline constexpr int kTaskKindCount = 4;

// "primes", "memory", "wait", "tiny".
QString taskKindName(TaskKind kind);
std::optional<TaskKind> parseTaskKind(const QString& name);
// What n means for the kind, e.g. "count primes below n".
QString taskSizeMeaning(TaskKind kind);

// The bounds of n for each kind (a task must end in reasonable time and memory), and good first values.
struct KindLimits
{
    std::uint64_t minimumN;
    std::uint64_t maximumN;
    std::uint64_t defaultN;
    int defaultTasks;
};
KindLimits kindLimits(TaskKind kind);

inline constexpr int kMaxTasks = 1'000'000;
inline constexpr int kMaxSerialTasks = 1'000;

struct Workload
{
    TaskKind kind = TaskKind::Primes;
    std::uint64_t n = 100'000; // each task's size (see taskSizeMeaning)
    int tasks = 4; // tasks that fan out over the workers
    // Extra tasks of the same size that run one after another on the coordinating thread before the others
    // fan out: the serial part of Amdahl's law (serial fraction = serialTasks / (serialTasks + tasks)).
    int serialTasks = 0;

    int totalTasks() const { return serialTasks + tasks; }
};

// Checks the sizes against the limits; the message names the field and the allowed range.
Status validate(const Workload& workload);

// "4 × primes below 100,000" (and "+ 1 serial").
QString describe(const Workload& workload);

} // namespace bidlab::lab
