// SPDX-License-Identifier: MIT
#include "core/replay/bidding_strategy.h"

#include "core/bidding/bidder.h"
#include "core/replay/replay_input.h"

namespace bidlab::replay {

BiddingStrategy::BiddingStrategy(bidding::StrategyParams params, int maxBid, std::uint64_t seed)
    : m_params(params)
    , m_maxBidCpm(static_cast<Micros>(maxBid) * kPriceUnitMicros)
    , m_seed(seed)
{
    m_params.bidStepCpm = kPriceUnitMicros;
    m_strategy = bidding::makeStrategy(m_params);
}

int BiddingStrategy::bid(const BidState& state) const
{
    bidding::BidInput in;
    in.pCtr = state.pctr;
    in.maxBidCpm = m_maxBidCpm;
    // The budget is counted in CPM units (Σ logged prices); one impression costs a thousandth of that.
    in.budgetLeft = state.budgetLeft * kPriceUnitMicros / 1000;
    in.noise = bidding::mix64(m_seed ^ bidding::mix64(static_cast<std::uint64_t>(state.index)));
    bidding::NoBidReason reason = bidding::kBid;
    const Micros bid = bidding::finalBid(m_strategy->price(in), in, &reason);
    return static_cast<int>(bid / kPriceUnitMicros);
}

QString BiddingStrategy::name() const
{
    return bidding::strategyName(m_params.kind);
}

} // namespace bidlab::replay
