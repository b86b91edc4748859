// SPDX-License-Identifier: MIT
#include "core/replay/replay_job.h"

#include "core/jobs/job_pool.h"
#include "core/replay/replay_input.h"
#include "core/replay/value_table_cache.h"

#include <limits>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QThreadPool>

namespace bidlab::replay {

namespace {

// Shares of the progress bar.
constexpr double kLoadShare = 0.1;
constexpr double kTableShare = 0.6;

QString tr(const char* text)
{
    return QCoreApplication::translate("Replay", text);
}

double seconds(const QElapsedTimer& clock)
{
    return static_cast<double>(clock.nsecsElapsed()) / 1e9;
}

Error cancelled()
{
    return Error { tr("The replay was cancelled.") };
}

} // namespace

std::optional<double> parseShare(const QString& text)
{
    const QString trimmed = text.trimmed();
    const qsizetype slash = trimmed.indexOf(QLatin1Char('/'));
    bool ok = false;
    double value = 0;
    if (slash < 0) {
        value = trimmed.toDouble(&ok);
    } else {
        bool okDenominator = false;
        const double numerator = trimmed.left(slash).toDouble(&ok);
        const double denominator = trimmed.mid(slash + 1).toDouble(&okDenominator);
        ok = ok && okDenominator && denominator > 0;
        value = ok ? numerator / denominator : 0;
    }
    if (!ok || !(value > 0 && value <= 1))
        return std::nullopt;
    return value;
}

jobs::JobResult<ReplayRun> runReplay(const ReplayParams& params,
                                     const std::function<bool(double, const QString&)>& keepGoing)
{
    const auto going = [&](double fraction, const QString& text) { return !keepGoing || keepGoing(fraction, text); };
    ReplayRun run;
    run.params = params;
    QThreadPool* pool = jobs::jobPool();
    run.threads = pool->maxThreadCount();
    if (params.episodeLength < 1)
        return Error { tr("The episode length must be at least 1.") };
    if (!(params.c0 > 0 && params.c0 <= 1))
        return Error { tr("c0 must be above 0 and at most 1.") };

    QElapsedTimer clock;
    clock.start();
    if (!going(0.0, tr("Reading %1").arg(QFileInfo(params.infoPath).fileName())))
        return cancelled();
    auto info = readCampaignInfo(params.infoPath);
    if (!info)
        return Error { info.error() };
    run.info = std::move(info).value();
    if (!going(0.02, tr("Reading %1").arg(QFileInfo(params.logPath).fileName())))
        return cancelled();
    auto log = readReplayInput(params.logPath, params.maxAuctions, run.info.averageCtr(), &run.notes);
    if (!log)
        return Error { log.error() };
    run.logName = log->name;
    run.logClicks = log->clicks;
    run.loadSeconds = seconds(clock);

    EpisodeRules rules;
    rules.length = params.episodeLength;
    rules.maxBid = run.info.maxPrice();
    rules.budget = episodeBudget(run.info, params.c0, params.episodeLength);

    std::shared_ptr<const ValueTable> table;
    if (needsValueTable(params.strategy.name)) {
        clock.restart();
        ValueTableInput input;
        input.episodeLength = rules.length;
        input.budget = static_cast<int>(std::min<std::int64_t>(rules.budget, std::numeric_limits<int>::max()));
        input.averageCtr = run.info.averageCtr();
        input.maxBid = rules.maxBid;
        input.market = MarketPrice::fromCounts(run.info.priceCounts);
        const QString text = tr("Value table for N = %1, B = %2").arg(rules.length).arg(rules.budget);
        auto obtained = obtainValueTable(
            run.info.campaign, input, ValueTableCache::shared(), pool,
            [&](int rows) { return going(kLoadShare + kTableShare * rows / rules.length, text); }, &run.tableFromCache);
        if (!obtained)
            return Error { obtained.error() };
        table = std::move(obtained).value();
        run.tableSeconds = run.tableFromCache ? 0.0 : seconds(clock);
    }

    run.strategy = params.strategy;
    if (needsTuning(params.strategy) && !params.tuneLogPath.isEmpty()) {
        if (!going(kLoadShare,
                   tr("Tuning %1 on %2")
                       .arg(tunedParameter(params.strategy.name), QFileInfo(params.tuneLogPath).fileName())))
            return cancelled();
        const auto tuningLog = readAuctionLog(params.tuneLogPath);
        if (!tuningLog)
            return Error { tuningLog.error() };
        auto tuning = tuneStrategy(params.strategy, tuningLog->auctions, { run.info, rules, table }, pool,
                                   [&](double) { return going(kLoadShare, tr("Tuning")); });
        if (!tuning)
            return Error { tuning.error() };
        run.strategy = withTuned(params.strategy, *tuning);
        run.notes << tr("%1 = %2 was tuned on %3 (%4 complete episodes, %5 clicks; grid of %6 values, ties to "
                        "the larger).")
                         .arg(tuning->parameter)
                         .arg(tuning->best)
                         .arg(QFileInfo(params.tuneLogPath).fileName())
                         .arg(tuning->episodes)
                         .arg(tuning->bestClicks)
                         .arg(tuning->grid.size());
        run.tuning = std::move(tuning).value();
    }
    auto strategy = makeStrategy(run.strategy, { run.info, rules, table });
    if (!strategy)
        return Error { strategy.error() };
    clock.restart();
    const double start = kLoadShare + (table ? kTableShare : 0.0);
    const QString text = tr("Replaying %1 auctions").arg(log->auctions.size());
    auto result = replay(log->auctions, **strategy, rules, pool,
                         [&](double fraction) { return going(start + (1.0 - start) * fraction, text); });
    if (!result)
        return cancelled();
    run.replaySeconds = seconds(clock);
    run.result = std::move(*result);
    if (run.result.episodes.size() > 0 && run.result.episodes.back().auctions < rules.length)
        run.notes << tr("The last episode is partial (%1 of %2 auctions); it was played from the full budget, as "
                        "the reference does.")
                         .arg(run.result.episodes.back().auctions)
                         .arg(rules.length);
    return run;
}

void runReplayJob(QPromise<jobs::JobResult<ReplayRun>>& promise, const ReplayParams& params)
{
    jobs::JobContext<ReplayRun> context(promise);
    auto run = runReplay(params, [&](double fraction, const QString& text) {
        context.progress(fraction, text);
        return !context.canceled();
    });
    if (context.canceled())
        return; // a cancelled job delivers nothing
    if (!run)
        context.fail(run.error());
    else
        context.succeed(std::move(run).value());
}

} // namespace bidlab::replay
