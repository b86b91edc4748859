// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"
#include "core/engine/ipc/shared_memory.h"
#include "core/lab/task_kernels.h"
#include "core/lab/workload.h"

namespace bidlab::lab {

// The input data of a workload, in one shared-memory segment that every executor reads in place: threads
// through the parent's mapping, worker processes through the inherited descriptor. Only the memory task has
// data (its array of n values); for the other kinds the segment is empty.
class SharedTaskData
{
public:
    // Creates and fills the segment (untimed: it happens once, before any executor runs).
    static Expected<SharedTaskData> create(const Workload& workload);
    // A worker's view of the parent's segment behind `fd` (-1: no data), which must hold `count` values.
    static Expected<SharedTaskData> attach(int fd, std::size_t count);

    MemoryView view() const { return m_view; }
    // The descriptor to hand to worker processes; -1 when there is no data.
    int fd() const { return m_memory.isNull() ? -1 : m_memory.fd(); }
    // Maps every page of the array into this process's page tables now (a new process would otherwise take a
    // page fault per 4 KiB page during its first task).
    void touchPages() const;

private:
    ipc::SharedMemory m_memory;
    MemoryView m_view;
};

} // namespace bidlab::lab
