// SPDX-License-Identifier: MIT
#pragma once

#include "core/lab/trial.h"

namespace bidlab::lab {

// A fresh pool of `setup.workers` bidlab-lab-worker processes (as the seed's `with ProcessPoolExecutor(...)`)
// fed through shared memory: one memfd segment with an order ring and a report ring per worker (the engine's
// SPSC rings and futex wait words), the task data mapped by every worker from its own descriptor. Orders go
// out in guided batches (large at first, one at a time near the end) so that tiny tasks share the cost of a
// wake-up and long ones still balance. Workers die with the thread that started them (PR_SET_PDEATHSIG); a
// cancel stops them within milliseconds, and one that does not stop within a second is killed.
Expected<TrialOutcome> runProcessTrial(const TrialSetup& setup, const RunControl& control);

} // namespace bidlab::lab
