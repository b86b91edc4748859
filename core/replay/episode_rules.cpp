// SPDX-License-Identifier: MIT
#include "core/replay/episode_rules.h"

#include "core/replay/campaign_info.h"

#include <cmath>

namespace bidlab::replay {

std::int64_t episodeBudget(const CampaignInfo& info, double c0, int episodeLength)
{
    const double budget = info.costPerAuction() * c0 * static_cast<double>(episodeLength);
    if (!(budget >= 0) || budget > 9e15)
        return 0;
    return static_cast<std::int64_t>(budget); // truncation, as Python's int()
}

} // namespace bidlab::replay
