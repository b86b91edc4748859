// SPDX-License-Identifier: MIT
#pragma once

#include "core/jobs/job.h"
#include "core/lab/experiment.h"

namespace bidlab::lab {

// The experiment as a background job: progress per trial and per task, cancel at any moment (worker
// processes included), pause between trials.
void runLabJob(QPromise<jobs::JobResult<ExperimentResult>>& promise, const ExperimentSpec& spec);

// Starts runLabJob on the application's job pool.
QFuture<jobs::JobResult<ExperimentResult>> startLabJob(const ExperimentSpec& spec);

} // namespace bidlab::lab
