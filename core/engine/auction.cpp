// SPDX-License-Identifier: MIT
#include "core/engine/auction.h"

#include <algorithm>

namespace bidlab::engine {

AuctionResult runAuction(AuctionType type, Micros bidCpm, Micros marketCpm, Micros floorCpm)
{
    if (bidCpm <= 0 || bidCpm < floorCpm || bidCpm < marketCpm)
        return {};
    const Micros price = type == AuctionType::FirstPrice ? bidCpm : std::max(marketCpm, floorCpm);
    return { true, price };
}

} // namespace bidlab::engine
