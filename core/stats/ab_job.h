// SPDX-License-Identifier: MIT
#pragma once

#include "core/jobs/job.h"
#include "core/stats/ab_analysis.h"
#include "core/stats/ab_loader.h"

#include <memory>

// The background job of the A/B panel and `bidlab-cli abtest`: read the tables (unless they are already
// loaded), then analyse them on the job pool, with progress and cancel.
namespace bidlab::stats {

struct AbJobParams
{
    QStringList files;
    LoadOptions load; // its stop and progress are the job's own
    AnalysisOptions analysis;
    std::shared_ptr<const Dataset> dataset; // set: analyse it again (another metric, correction, ...)
    bool fallBackToAvailableMetric = false; // a metric the table cannot give becomes the first one it can
};

void runAbJob(QPromise<jobs::JobResult<Analysis>>& promise, const AbJobParams& params);

} // namespace bidlab::stats
