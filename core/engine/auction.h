// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/money.h"
#include "core/engine/engine_config.h"

namespace bidlab::engine {

struct AuctionResult
{
    bool won = false;
    Micros priceCpm = 0; // what the winner pays, CPM micros (0 when lost)
};

// One impression's auction between our bid and the market (the highest competing bid), with a reserve
// price (the floor):
//  - a bid under the floor is not admitted (lost);
//  - the bid wins when it is at least the market's (a tie goes to us, as in the iPinYou logs' rule);
//  - first price: the winner pays its bid; second price: the larger of the market's bid and the floor.
AuctionResult runAuction(AuctionType type, Micros bidCpm, Micros marketCpm, Micros floorCpm);

// The cost of one impression at a CPM price, rounded to the nearest micro.
constexpr Micros impressionCost(Micros priceCpm)
{
    return (priceCpm + 500) / 1000;
}

} // namespace bidlab::engine
