// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"
#include "core/replay/episode_rules.h"
#include "core/replay/replay_strategy.h"
#include "core/replay/value_table.h"

#include <memory>
#include <optional>

#include <QStringList>

namespace bidlab::replay {

struct CampaignInfo;

// A strategy by name and its parameters, as the CLI and the panel choose it.
struct StrategySpec
{
    QString name; // "mcpc", "ssmdp", "rlb"
    std::optional<double> b0; // the linear strategy's base bid, in the log's price unit
};

// The strategies the replay runs today, in menu order.
QStringList replayStrategyNames();
// The engine's strategies (constant, random, linear, ortb): the replay takes them from core/bidding once
// the engine (issue 3) provides them, and names them until then only to say so.
QStringList engineStrategyNames();
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

Expected<std::unique_ptr<ReplayStrategy>> makeStrategy(const StrategySpec& spec, const StrategyContext& context);

} // namespace bidlab::replay
