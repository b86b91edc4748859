// SPDX-License-Identifier: MIT
#include "core/lab/lab_job.h"

#include "core/jobs/job_pool.h"

namespace bidlab::lab {

void runLabJob(QPromise<jobs::JobResult<ExperimentResult>>& promise, const ExperimentSpec& spec)
{
    jobs::JobContext<ExperimentResult> context(promise);
    ExperimentControl control;
    // isCanceled() alone inside trials: a pause must not stretch a timed run, so it waits between trials.
    control.canceled = [&promise] { return promise.isCanceled(); };
    control.betweenTrials = [&context] { context.canceled(); };
    control.progress = [&context](double fraction, const QString& text) { context.progress(fraction, text); };
    Expected<ExperimentResult> result = runExperiment(spec, control);
    if (promise.isCanceled())
        return;
    if (!result) {
        context.fail(result.error());
        return;
    }
    context.succeed(std::move(result).value());
}

QFuture<jobs::JobResult<ExperimentResult>> startLabJob(const ExperimentSpec& spec)
{
    return jobs::runJob<ExperimentResult>(jobs::jobPool(), runLabJob, spec);
}

} // namespace bidlab::lab
