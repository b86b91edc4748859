// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

#include <QString>

namespace bidlab::replay {

// What a strategy sees of one logged auction: how many auctions the episode has left (this one included),
// the budget left, and the auction's predicted CTR.
struct BidState
{
    int auctionsLeft = 0;
    std::int64_t budgetLeft = 0;
    double pctr = 0.0;
    std::int64_t index = 0; // the auction's position in the log (random strategies draw their bits from it)
};

// A bidding strategy as the offline evaluator drives it: a whole bid in the log's price unit. The evaluator
// clamps it into [0, min(budget left, max bid)], wins when it is >= the logged price and pays that price.
// bid() must not change the strategy (it is const): episodes are replayed in parallel.
class ReplayStrategy
{
public:
    virtual ~ReplayStrategy() = default;
    virtual int bid(const BidState& state) const = 0;
    // The name the CLI and the reports use ("rlb", "mcpc", ...).
    virtual QString name() const = 0;
};

} // namespace bidlab::replay
