// SPDX-License-Identifier: MIT
#pragma once

#include "core/bidding/bid_strategy.h"
#include "core/common/expected.h"
#include "core/replay/episode_rules.h"
#include "core/replay/replay_strategy.h"
#include "core/replay/value_table.h"

#include <cstdint>
#include <memory>
#include <optional>

#include <QStringList>

namespace bidlab::replay {

struct CampaignInfo;

// A strategy by name and its parameters, as the CLI and the panel choose it.
struct StrategySpec
{
    QString name; // "rlb", "ssmdp", "mcpc", "constant", "random", "linear", "ortb"
    // In the log's price unit: constant's bid, linear's base bid (at the average CTR), random's highest
    // bid (default: the max bid). Constant and linear are tuned on a tuning log when it is not given.
    std::optional<double> b0;
    std::optional<double> lambda; // ORTB's λ (CTR per currency unit of CPM); tuned when not given
    std::optional<double> ortbC; // ORTB's c in the price unit; default: the median training market price
    std::uint64_t seed = 1; // random's bits
};

// Every strategy the replay runs, in menu order: its own (rlb, ssmdp, mcpc), then the engine's.
QStringList replayStrategyNames();
// The engine's strategies (constant, random, linear, ortb), taken from core/bidding: the same objects the
// engine's bidders run.
QStringList engineStrategyNames();
// The parameter a tuning log chooses for a strategy ("b0", "lambda"), empty when it has none.
QString tunedParameter(const QString& name);
// Whether the spec lacks a parameter only tuning can give.
bool needsTuning(const StrategySpec& spec);
// A name fit for a table's row: "RLB", "SS-MDP", "Mcpc".
QString strategyLabel(const StrategySpec& spec);
bool needsValueTable(const QString& name);

// Everything a strategy may use: the campaign's training statistics, the rules, and (for ssmdp and rlb)
// the value table.
struct StrategyContext
{
    const CampaignInfo& info;
    EpisodeRules rules;
    std::shared_ptr<const ValueTable> table;
};

// The engine's strategy parameters for one of engineStrategyNames(): prices in micros of the log's price
// unit, bids in whole units (bidStepCpm), linear's reference CTR the campaign's θavg. What the offline
// replay runs (BiddingStrategy) and what a live replay hands the engine's workers.
Expected<bidding::StrategyParams> biddingParams(const StrategySpec& spec, const StrategyContext& context);

Expected<std::unique_ptr<ReplayStrategy>> makeStrategy(const StrategySpec& spec, const StrategyContext& context);

} // namespace bidlab::replay
