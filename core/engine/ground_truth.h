// SPDX-License-Identifier: MIT
#pragma once

#include "core/bidding/bid_request.h"
#include "core/engine/traffic_source.h"
#include "core/engine/world.h"

#include <vector>

namespace bidlab::engine {

// The hidden truth of the synthetic world: who clicks and who converts. A logistic CTR model with the
// seed's nine features (the weights of the built-in bidder model), plus what no bidder model sees:
// interactions (interest match, mobile evenings, below-the-fold skyscrapers), the publisher's quality, the
// campaign's creative and the user's value. Bots click often and never convert.
class GroundTruth
{
public:
    static constexpr double kBotCtr = 0.08;

    explicit GroundTruth(const World& world);

    double clickProbability(const bidding::BidRequest& request, int campaign) const;
    double conversionProbability(const bidding::BidRequest& request, int campaign) const; // given a click
    // Draws the impression's fate from the request's own random stream.
    ImpressionOutcome outcome(const bidding::BidRequest& request, int campaign) const;

private:
    const World* m_world;
    std::vector<double> m_logCreative; // per campaign
};

} // namespace bidlab::engine
