// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/money.h"
#include "core/engine/engine_snapshot.h"

#include <optional>

// A campaign's ratios, computed at the edge from its counters (one definition for the campaign table, the
// bid landscape and the run report). Empty for a zero denominator, never inf or NaN.
namespace bidlab::ui::campaign {

inline std::optional<double> winRate(const engine::CampaignRow& c)
{
    return ratio(double(c.wins), double(c.bids));
}

inline std::optional<double> ecpc(const engine::CampaignRow& c) // currency units per click
{
    return ratio(toUnits(c.spend), double(c.clicks));
}

inline std::optional<double> roas(const engine::CampaignRow& c)
{
    return ratio(toUnits(c.revenue), toUnits(c.spend));
}

inline std::optional<double> budgetUsed(const engine::CampaignRow& c) // today's share of the daily budget
{
    return ratio(double(c.spentToday), double(c.dailyBudget));
}

} // namespace bidlab::ui::campaign
