// SPDX-License-Identifier: MIT
#include "core/replay/dp_strategies.h"

#include <algorithm>

namespace bidlab::replay {

namespace {

// The table covers budgets 0..B and 1..N auctions left; the evaluator never leaves that range.
int tableBid(const ValueTable& table, const BidState& state, double ctr, int maxBid)
{
    const int budget = static_cast<int>(std::min<std::int64_t>(state.budgetLeft, table.budget()));
    const int left = std::clamp(state.auctionsLeft, 1, table.episodeLength());
    return table.bid(left, budget, ctr, maxBid);
}

} // namespace

RlbStrategy::RlbStrategy(std::shared_ptr<const ValueTable> table, int maxBid)
    : m_table(std::move(table))
    , m_maxBid(maxBid)
{ }

int RlbStrategy::bid(const BidState& state) const
{
    return tableBid(*m_table, state, state.pctr, m_maxBid);
}

QString RlbStrategy::name() const
{
    return QStringLiteral("rlb");
}

SsMdpStrategy::SsMdpStrategy(std::shared_ptr<const ValueTable> table, double averageCtr, int maxBid)
    : m_table(std::move(table))
    , m_averageCtr(averageCtr)
    , m_maxBid(maxBid)
{ }

int SsMdpStrategy::bid(const BidState& state) const
{
    return tableBid(*m_table, state, m_averageCtr, m_maxBid);
}

QString SsMdpStrategy::name() const
{
    return QStringLiteral("ssmdp");
}

} // namespace bidlab::replay
