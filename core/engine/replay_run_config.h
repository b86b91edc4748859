// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/engine_config.h"
#include "core/replay/replay_job.h"

namespace bidlab::engine {

// The engine run that replays an offline replay's log live (issue 9): the log as "ipinyou" traffic, one
// campaign whose daily budget is the episode's budget (an episode is a world day) and whose max bid is the
// bid cap, the same strategy parameters the offline replay ran (replay::biddingParams), deterministic mode
// (the exchange judges requests in log order), unlimited QPS and no invalid or duplicate events. The
// engine's strategies only: rlb, ssmdp and mcpc are the replay's own. The totals equal the offline ones
// while no episode's budget binds; see the README for why they differ when it does.
Expected<EngineConfig> liveReplayConfig(const replay::ReplayRun& run, int workers);

} // namespace bidlab::engine
