// SPDX-License-Identifier: MIT
#include "core/replay/mcpc_strategy.h"

#include <algorithm>

namespace bidlab::replay {

McpcStrategy::McpcStrategy(double costPerClick, int maxBid)
    : m_costPerClick(costPerClick)
    , m_maxBid(maxBid)
{ }

int McpcStrategy::bid(const BidState& state) const
{
    // floor(min(x, cap)) == min(floor(x), cap) for a whole cap, and cannot overflow.
    return static_cast<int>(std::min(state.pctr * m_costPerClick, static_cast<double>(m_maxBid)));
}

QString McpcStrategy::name() const
{
    return QStringLiteral("mcpc");
}

} // namespace bidlab::replay
