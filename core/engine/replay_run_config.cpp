// SPDX-License-Identifier: MIT
#include "core/engine/replay_run_config.h"

#include "core/replay/replay_input.h"

#include <QCoreApplication>

namespace bidlab::engine {

Expected<EngineConfig> liveReplayConfig(const replay::ReplayRun& run, int workers)
{
    const replay::EpisodeRules& rules = run.result.rules;
    auto params = replay::biddingParams(run.strategy, { run.info, rules, nullptr });
    if (!params)
        return Error { QCoreApplication::translate("Replay", "A live replay runs the engine's strategies only: %1")
                           .arg(params.error()) };
    EngineConfig c;
    c.name = QStringLiteral("replay %1 %2").arg(run.info.campaign, replay::strategyLabel(run.strategy));
    c.workers = workers;
    c.deterministic = true;
    c.exactBudgets = true; // each bid capped at the episode's exact budget left (REPLAY.md §3)
    c.unlimitedQps = true;
    c.strategy = *params;
    c.traffic.kind = QStringLiteral("ipinyou");
    c.traffic.path = run.params.logPath;
    c.traffic.options.insert(QStringLiteral("episode"), rules.length);
    if (run.params.maxAuctions > 0)
        c.traffic.options.insert(QStringLiteral("limit"), qint64(run.params.maxAuctions));
    CampaignConfig campaign;
    campaign.name = run.info.campaign;
    campaign.dailyBudget = rules.budget * replay::kPriceUnitMicros / 1000; // one impression costs CPM / 1000
    campaign.maxBidCpm = static_cast<Micros>(rules.maxBid) * replay::kPriceUnitMicros;
    c.world.campaigns = { campaign };
    c.world.invalidEventShare = 0;
    c.world.duplicateClickShare = 0;
    c.world.clickDelayMeanSeconds = 1;
    return c;
}

} // namespace bidlab::engine
