// SPDX-License-Identifier: MIT
#pragma once

#include "core/bidding/bid_strategy.h"
#include "core/bidding/campaign.h"
#include "core/bidding/campaign_index.h"
#include "core/bidding/frequency_table.h"
#include "core/bidding/request_features.h"

#include <array>
#include <memory>
#include <span>
#include <vector>

namespace bidlab::bidding {

// What a bidder sees of the exchange while it bids: live budgets, pacing and shading per campaign, and the
// frequency counts. Shared memory in the engine's workers, plain arrays in tests.
struct MarketView
{
    std::span<const CampaignLiveState> live; // one per campaign
    FrequencyTable frequency; // may be null: no frequency caps
};

// The per-request decision of a bidder worker (the seed's RealTimeBiddingSystem._process_bid_request, done
// properly): features -> pCTR once -> the eligible campaign with the best expected value -> the strategy of
// the request's A/B arm -> the common limits. No allocation, no lock.
class Bidder
{
public:
    static constexpr int kMaxArms = 8;
    static constexpr int kMaxTries = 4; // campaigns tried, best value first, before giving up on a request

    Bidder(BoundModel model, std::vector<CampaignSpec> campaigns);

    // One strategy per A/B arm (at least one; requests of an arm beyond the list use the first).
    void setStrategies(std::span<const StrategyParams> arms, bool firstPrice);
    void setModel(BoundModel model) { m_model = std::move(model); }
    // Salts the per-request random bits (the run's seed), so that other seeds draw other numbers.
    void setNoiseSeed(std::uint64_t seed) { m_noiseSeed = seed; }

    const BoundModel& model() const { return m_model; }
    std::span<const CampaignSpec> campaigns() const { return m_campaigns; }

    // Fills everything of the response but computeNs.
    BidResponse respond(const BidRequest& request, const MarketView& market) const;

private:
    BoundModel m_model;
    std::vector<CampaignSpec> m_campaigns;
    CampaignIndex m_index;
    std::array<std::unique_ptr<BidStrategy>, kMaxArms> m_strategies;
    std::array<StrategyParams, kMaxArms> m_params;
    int m_armCount = 0;
    bool m_firstPrice = false;
    std::uint64_t m_noiseSeed = 0;
};

// The splitmix64 finaliser: the random bits of a (seed, request) pair, the same in every process.
constexpr std::uint64_t mix64(std::uint64_t z)
{
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

} // namespace bidlab::bidding
