// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/ground_truth.h"
#include "core/engine/market_price_model.h"
#include "core/engine/traffic_source.h"
#include "core/engine/world.h"

#include <atomic>

namespace bidlab::engine {

// Requests drawn from the seeded world: a user (heavy users more often; bots at the world's bot share), a
// publisher (a long tail) and one of its slots, the floor, the context, all from the request's own random
// stream; time from the world clock. About 60 ns a request on this machine.
class SyntheticTraffic final : public TrafficSource
{
public:
    explicit SyntheticTraffic(const World& world);

    std::size_t generate(std::uint64_t firstId, std::span<bidding::BidRequest> out) const override;
    Micros marketPrice(const bidding::BidRequest& request) const override { return m_market.price(request); }
    ImpressionOutcome impressionOutcome(const bidding::BidRequest& request, int campaign) const override
    {
        return m_truth.outcome(request, campaign);
    }
    const std::vector<std::string>& userAgents() const override { return m_world->userAgents(); }

    // Incidents: the share of bot requests can change while a run goes on (a bot attack).
    void setBotShare(double share) { m_botShare.store(share, std::memory_order_relaxed); }

    bidding::BidRequest request(std::uint64_t id) const;
    // The user of request `id` (its own hash, so it is known before the request is drawn).
    std::uint32_t userOf(std::uint64_t id) const;

private:
    const World* m_world;
    MarketPriceModel m_market;
    GroundTruth m_truth;
    std::atomic<double> m_botShare;
};

} // namespace bidlab::engine
