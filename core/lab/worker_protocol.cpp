// SPDX-License-Identifier: MIT
#include "core/lab/worker_protocol.h"

#include <new>

#include <QCoreApplication>

namespace bidlab::lab {

namespace {

constexpr std::size_t ringBytes(std::size_t capacity)
{
    return ipc::SpscRing<TaskOrder>::bytesFor(capacity);
}
static_assert(ipc::SpscRing<TaskOrder>::bytesFor(kRingCapacity) == ipc::SpscRing<TaskReport>::bytesFor(kRingCapacity));
static_assert(ringBytes(kRingCapacity) % 64 == 0);

constexpr std::size_t fixedBytes(int workers)
{
    return sizeof(PoolHeader) + static_cast<std::size_t>(workers) * sizeof(WorkerRecord);
}

} // namespace

std::size_t PoolLayout::bytesFor(int workers, std::size_t capacity)
{
    return fixedBytes(workers) + static_cast<std::size_t>(workers) * 2 * ringBytes(capacity);
}

PoolLayout PoolLayout::format(void* base, int workers, std::uint64_t dataCount, std::size_t capacity)
{
    auto* header = new (base) PoolHeader;
    header->magic = kPoolMagic;
    header->version = kPoolVersion;
    header->workerCount = static_cast<std::uint32_t>(workers);
    header->ringCapacity = static_cast<std::uint32_t>(capacity);
    header->dataCount = dataCount;
    PoolLayout layout(base, capacity);
    for (int slot = 0; slot < workers; ++slot)
        new (&layout.worker(slot)) WorkerRecord;
    // The rings' control blocks are zero in a new segment: empty rings.
    return layout;
}

Expected<PoolLayout> PoolLayout::open(void* base, std::size_t bytes, int slot)
{
    auto fail = [](const char* text) { return Error { QCoreApplication::translate("Lab", text) }; };
    if (bytes < sizeof(PoolHeader))
        return fail("The lab's shared-memory segment is smaller than its header.");
    const auto* header = static_cast<const PoolHeader*>(base);
    if (header->magic != kPoolMagic || header->version != kPoolVersion)
        return fail("The shared-memory segment is not a lab worker pool of this version.");
    const auto workers = static_cast<int>(header->workerCount);
    if (workers < 1 || workers > kMaxWorkers || header->ringCapacity == 0
        || (header->ringCapacity & (header->ringCapacity - 1)) != 0)
        return fail("The lab worker pool's header is corrupt (worker count or ring capacity).");
    if (bytes < bytesFor(workers, header->ringCapacity))
        return fail("The lab's shared-memory segment is smaller than its header says.");
    if (slot < 0 || slot >= workers)
        return Error {
            QCoreApplication::translate("Lab", "Worker slot %1 does not exist in a pool of %2.").arg(slot).arg(workers)
        };
    return PoolLayout(base, header->ringCapacity);
}

WorkerRecord& PoolLayout::worker(int slot) const
{
    auto* records = reinterpret_cast<WorkerRecord*>(static_cast<char*>(m_base) + sizeof(PoolHeader));
    return records[slot];
}

char* PoolLayout::ringBase(int slot) const
{
    return static_cast<char*>(m_base) + fixedBytes(workerCount())
        + static_cast<std::size_t>(slot) * 2 * ringBytes(m_capacity);
}

ipc::SpscRing<TaskOrder> PoolLayout::orders(int slot) const
{
    return ipc::SpscRing<TaskOrder>(ringBase(slot), m_capacity);
}

ipc::SpscRing<TaskReport> PoolLayout::reports(int slot) const
{
    return ipc::SpscRing<TaskReport>(ringBase(slot) + ringBytes(m_capacity), m_capacity);
}

} // namespace bidlab::lab
