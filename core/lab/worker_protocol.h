// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"
#include "core/engine/ipc/futex.h"
#include "core/engine/ipc/spsc_ring.h"
#include "core/lab/stop_token.h"

#include <atomic>
#include <cstddef>
#include <cstdint>

// The shared-memory segment between the lab's process executor and its bidlab-lab-worker processes, built on
// the engine's ipc code (memfd segment, SPSC rings, futex wait words):
//
//   PoolHeader | WorkerRecord × W | (order ring, report ring) × W
//
// The parent writes task orders into each worker's order ring; the worker runs them and writes one report per
// order into its report ring, then wakes the parent through the header's `reports` wait word. Both sides
// sleep on futexes when idle, so no core is burnt waiting.
namespace bidlab::lab {

inline constexpr std::uint32_t kPoolMagic = 0x3142414C; // "LAB1"
inline constexpr std::uint32_t kPoolVersion = 1;
// Orders in flight per worker, at most: 4096 tiny tasks keep a worker busy for about a millisecond between two
// visits of the parent (32 B records: 128 KiB per ring, touched only as far as used).
inline constexpr std::size_t kRingCapacity = 4096;
inline constexpr int kMaxWorkers = 64;

enum class OrderCommand : std::uint16_t { Run = 0, Quit = 1 };

struct TaskOrder
{
    std::uint32_t index = 0;
    OrderCommand command = OrderCommand::Run;
    std::uint16_t kind = 0; // a TaskKind
    std::uint64_t n = 0;
    std::uint64_t reserved[2] {};
};
static_assert(sizeof(TaskOrder) == 32);

enum class ReportStatus : std::uint32_t { Done = 0, Stopped = 1 };

struct TaskReport
{
    std::uint32_t index = 0;
    ReportStatus status = ReportStatus::Done;
    std::uint64_t value = 0;
    std::uint64_t bodyTicks = 0; // time in the task body, in CycleClock ticks
    std::uint64_t reserved = 0;
};
static_assert(sizeof(TaskReport) == 32);

enum class WorkerState : std::uint32_t { Starting = 0, Ready = 1, Exited = 2 };

struct alignas(64) PoolHeader
{
    std::uint32_t magic = 0;
    std::uint32_t version = 0;
    std::uint32_t workerCount = 0;
    std::uint32_t ringCapacity = 0;
    std::uint64_t dataCount = 0; // values in the data segment (memory task), 0 when none
    alignas(64) StopWord stop { 0 }; // 1: abandon the current tasks and exit
    ipc::WaitWord reports; // the parent sleeps here; workers notify after publishing or changing state
};

struct alignas(64) WorkerRecord
{
    std::atomic<WorkerState> state { WorkerState::Starting };
    std::atomic<std::int32_t> pid { 0 };
    std::atomic<std::int64_t> readyNs { 0 }; // ipc::steadyNowNs() (CLOCK_MONOTONIC, one clock for all processes)
    std::atomic<std::uint64_t> cpuNs { 0 }; // its own CPU time, written as it exits
};
static_assert(std::atomic<WorkerState>::is_always_lock_free && std::atomic<std::uint64_t>::is_always_lock_free
              && std::atomic<std::int64_t>::is_always_lock_free);

// Typed access to a mapped pool segment. Each side makes its own ring views (a view keeps that side's cursor).
class PoolLayout
{
public:
    static std::size_t bytesFor(int workers, std::size_t capacity = kRingCapacity);

    // Formats a new, zeroed segment of bytesFor(workers) bytes (parent side).
    static PoolLayout format(void* base, int workers, std::uint64_t dataCount, std::size_t capacity = kRingCapacity);
    // Checks a segment written by format() before a worker uses slot `slot` of it.
    static Expected<PoolLayout> open(void* base, std::size_t bytes, int slot);

    PoolHeader& header() const { return *static_cast<PoolHeader*>(m_base); }
    int workerCount() const { return static_cast<int>(header().workerCount); }
    WorkerRecord& worker(int slot) const;
    ipc::SpscRing<TaskOrder> orders(int slot) const;
    ipc::SpscRing<TaskReport> reports(int slot) const;

private:
    PoolLayout(void* base, std::size_t capacity)
        : m_base(base)
        , m_capacity(capacity)
    { }
    char* ringBase(int slot) const;

    void* m_base = nullptr;
    std::size_t m_capacity = 0;
};

} // namespace bidlab::lab
