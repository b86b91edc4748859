// SPDX-License-Identifier: MIT
#pragma once

#include "core/jobs/job.h"
#include "core/replay/campaign_info.h"
#include "core/replay/replay_evaluator.h"
#include "core/replay/strategy_factory.h"
#include "core/replay/strategy_tuning.h"

#include <optional>

#include <QStringList>

namespace bidlab::replay {

// One replay as the CLI and the panel ask for it.
struct ReplayParams
{
    QString logPath; // an iPinYou log, or a file of OpenRTB bid requests
    QString infoPath; // the campaign's info.json
    StrategySpec strategy;
    double c0 = 1.0 / 32; // budget per episode as a share of the training cost of N auctions
    int episodeLength = 1000; // N
    std::int64_t maxAuctions = -1; // replay only the first ones (-1: all)
    // A log to tune the strategy's missing parameter on (constant/linear b0, ortb λ), e.g. a validation log.
    QString tuneLogPath;
};

struct ReplayRun
{
    ReplayParams params;
    CampaignInfo info;
    QString logName;
    std::int64_t logClicks = 0; // in the whole log, won or not
    ReplayResult result;
    double loadSeconds = 0;
    double tableSeconds = 0; // 0 when the strategy needs no table or it came from the cache
    bool tableFromCache = false;
    double replaySeconds = 0;
    std::optional<TuningResult> tuning; // when the parameter was tuned
    StrategySpec strategy; // as played (tuned parameter filled in)
    int threads = 1;
    QStringList notes;
};

// The job: reads the campaign and the log, gets the value table (cached per campaign, N, B), builds the
// strategy and replays, with progress (reading, table, replay) and cancel. Work is shared out on the job
// pool.
void runReplayJob(QPromise<jobs::JobResult<ReplayRun>>& promise, const ReplayParams& params);

// The same on the calling thread (the job's body; tests): `keepGoing(fraction, text)` reports progress and
// returns false to cancel (then the result is an Error saying so).
jobs::JobResult<ReplayRun> runReplay(const ReplayParams& params,
                                     const std::function<bool(double fraction, const QString& text)>& keepGoing = {});

// "1/32", "0.03125": a share from 0 (excluded) to 1. nullopt on anything else.
std::optional<double> parseShare(const QString& text);

} // namespace bidlab::replay
