// SPDX-License-Identifier: MIT
#pragma once

#include "core/bidding/bid_strategy.h"
#include "core/replay/replay_strategy.h"

#include <cstdint>
#include <memory>

namespace bidlab::replay {

// The engine's strategies (constant, random, linear, ortb) in the replay: the very objects the engine's
// bidders run (core/bidding), fed what the log knows of each auction. Prices cross in the log's price unit
// (replay_input.h: kPriceUnitMicros): the strategy bids in whole units (StrategyParams::bidStepCpm), the
// common limits (bidding::finalBid) cap it at the max bid and at what the budget left can pay, and the
// random bits of an auction are those a bidder draws for the request with the same id and seed.
class BiddingStrategy final : public ReplayStrategy
{
public:
    // `params` in micros; bidStepCpm is set here to the log's price unit.
    BiddingStrategy(bidding::StrategyParams params, int maxBid, std::uint64_t seed);
    int bid(const BidState& state) const override;
    QString name() const override;

    const bidding::StrategyParams& params() const { return m_params; }

private:
    bidding::StrategyParams m_params;
    std::unique_ptr<bidding::BidStrategy> m_strategy;
    Micros m_maxBidCpm;
    std::uint64_t m_seed;
};

} // namespace bidlab::replay
