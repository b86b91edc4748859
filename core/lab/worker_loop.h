// SPDX-License-Identifier: MIT
#pragma once

#include "core/lab/task_kernels.h"
#include "core/lab/worker_protocol.h"

namespace bidlab::lab {

// The body of a bidlab-lab-worker process (also runnable on a thread, for tests): marks slot `slot` ready,
// then runs the orders of its ring and reports each result, sleeping on the ring's wait word while it is
// empty, until a Quit order or a stop request. Writes its process CPU time into its record as it leaves.
void runWorkerLoop(const PoolLayout& pool, int slot, const MemoryView& memory);

} // namespace bidlab::lab
