// SPDX-License-Identifier: MIT
#pragma once

#include "core/lab/trial.h"

namespace bidlab::lab {

// A fresh QThreadPool of `setup.workers` threads (as the seed's `with ThreadPoolExecutor(...)`), the tasks
// handed out by QtConcurrent::map (which groups tiny items into blocks by itself). The calling thread runs the
// serial tasks, then only waits, and cancels through the stop word.
Expected<TrialOutcome> runThreadTrial(const TrialSetup& setup, const RunControl& control);

} // namespace bidlab::lab
