// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/engine_config.h"
#include "core/replay/replay_job.h"

namespace bidlab::engine {

// The engine run that replays an offline replay's log live (issue 9): the log as "ipinyou" traffic, one
// campaign whose daily budget is the episode's budget (an episode is a world day) and whose max bid is the
// bid cap, the same strategy parameters the offline replay ran (replay::biddingParams), deterministic mode
// (the exchange judges requests in log order), exact budgets (the exchange caps every bid at the episode's
// budget left at its auction, as REPLAY.md §3 does), unlimited QPS and no invalid or duplicate events. The
// engine's strategies only: rlb, ssmdp and mcpc are the replay's own. The totals (auctions, bids,
// impressions, clicks, cost) equal the offline ones, whether the budget binds or not.
Expected<EngineConfig> liveReplayConfig(const replay::ReplayRun& run, int workers);

} // namespace bidlab::engine
