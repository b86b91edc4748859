// SPDX-License-Identifier: MIT
#include "core/lab/shared_task_data.h"

#include <atomic>
#include <sys/mman.h>

namespace bidlab::lab {

Expected<SharedTaskData> SharedTaskData::create(const Workload& workload)
{
    SharedTaskData data;
    if (workload.kind != TaskKind::Memory)
        return data;
    Expected<ipc::SharedMemory> memory
        = ipc::SharedMemory::create("bidlab-lab-data", static_cast<std::size_t>(workload.n) * sizeof(std::uint64_t));
    if (!memory)
        return Error { memory.error() };
    data.m_memory = std::move(memory).value();
    auto* values = static_cast<std::uint64_t*>(data.m_memory.data());
    fillMemoryValues(values, static_cast<std::size_t>(workload.n));
    data.m_view = { values, static_cast<std::size_t>(workload.n) };
    return data;
}

Expected<SharedTaskData> SharedTaskData::attach(int fd, std::size_t count)
{
    SharedTaskData data;
    if (fd < 0)
        return data;
    Expected<ipc::SharedMemory> memory = ipc::SharedMemory::attach(fd, count * sizeof(std::uint64_t));
    if (!memory)
        return Error { memory.error() };
    data.m_memory = std::move(memory).value();
    data.m_view = { static_cast<const std::uint64_t*>(data.m_memory.data()), count };
    return data;
}

void SharedTaskData::touchPages() const
{
    if (m_view.count == 0)
        return;
    // One system call maps every page (Linux 5.14+), several times faster than a fault per page.
    if (madvise(m_memory.data(), m_memory.size(), MADV_POPULATE_READ) == 0)
        return;
    constexpr std::size_t kValuesPerPage = 4096 / sizeof(std::uint64_t);
    std::uint64_t sink = 0;
    for (std::size_t k = 0; k < m_view.count; k += kValuesPerPage)
        sink += m_view.values[k];
    static std::atomic<std::uint64_t> s_sink; // keeps the reads from being optimised away
    s_sink.store(sink, std::memory_order_relaxed);
}

} // namespace bidlab::lab
