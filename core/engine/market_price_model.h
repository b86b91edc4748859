// SPDX-License-Identifier: MIT
#pragma once

#include "core/bidding/bid_request.h"
#include "core/engine/world.h"

#include <array>

namespace bidlab::engine {

// The competing bidders, summarised by the highest competing bid of each auction: log-normal, its log-mean
// set by the slot (size, fold), the publisher, the hour and the device; σ = 0.6. Drawn from the request's
// own random stream, so an auction's market is the same in every run with that seed.
class MarketPriceModel
{
public:
    static constexpr double kSigma = 0.6;
    static constexpr double kBaseCpm = 0.9; // currency units of CPM: median market of an average slot

    explicit MarketPriceModel(const World& world);

    // Competing bid in CPM micros.
    Micros price(const bidding::BidRequest& request) const;
    // The log-mean for a request (before the noise), for tests and the bid landscape.
    double logMean(const bidding::BidRequest& request) const;
    // How much a slot's size and position move its price (log scale); also sets the world's floors.
    static double slotEffect(int width, int height, bool aboveFold);

private:
    double sizeEffect(int width, int height, bool aboveFold) const;

    const World* m_world;
    std::array<double, 24> m_hourEffect {};
    double m_logBase;
    std::array<double, 2 * bidding::kStandardSizes.size()> m_standardEffect {}; // by size, fold
};

} // namespace bidlab::engine
