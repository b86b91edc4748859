// SPDX-License-Identifier: MIT
#include "core/stats/ab_job.h"

#include "core/jobs/job_pool.h"
#include "core/stats/translation.h"

#include <QFileInfo>

namespace bidlab::stats {

void runAbJob(QPromise<jobs::JobResult<Analysis>>& promise, const AbJobParams& params)
{
    jobs::JobContext<Analysis> context(promise);
    auto stop = [&context] { return context.canceled(); };
    std::shared_ptr<const Dataset> dataset = params.dataset;
    // Reading takes the first 40 % of the bar when there is something to read.
    const double readShare = dataset ? 0.0 : 0.4;
    if (!dataset) {
        const QString reading = detail::tr("Reading %1…")
                                    .arg(params.files.size() == 1 ? QFileInfo(params.files.front()).fileName()
                                                                  : detail::tr("%1 files").arg(params.files.size()));
        context.progress(0.0, reading);
        LoadOptions load = params.load;
        load.stop = stop;
        load.progress = [&](double f) { context.progress(f * readShare, reading); };
        Expected<Dataset> loaded = loadDataset(params.files, load);
        if (context.canceled())
            return;
        if (!loaded) {
            context.fail(loaded.error());
            return;
        }
        dataset = std::make_shared<const Dataset>(std::move(loaded).value());
    }
    AnalysisOptions options = params.analysis;
    if (params.fallBackToAvailableMetric && metricUnavailable(*dataset, options.metric))
        options.metric = firstAvailableMetric(*dataset).value_or(options.metric);
    const QString analysing = detail::tr("Analysing %n experiment(s)…", nullptr, int(dataset->experiments.size()));
    context.progress(readShare, analysing);
    Expected<Analysis> analysis = analyze(
        dataset, options, jobs::jobPool(),
        [&](double f) { context.progress(readShare + f * (1 - readShare), analysing); }, stop);
    if (context.canceled())
        return;
    if (!analysis) {
        context.fail(analysis.error());
        return;
    }
    context.progress(1.0, detail::tr("Done."));
    context.succeed(std::move(analysis).value());
}

} // namespace bidlab::stats
