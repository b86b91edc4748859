// SPDX-License-Identifier: MIT
#include "core/bidding/bidder.h"

#include <cmath>

namespace bidlab::bidding {

Bidder::Bidder(BoundModel model, std::vector<CampaignSpec> campaigns)
    : m_model(std::move(model))
    , m_campaigns(std::move(campaigns))
    , m_index(m_campaigns)
{
    const StrategyParams defaults;
    setStrategies({ &defaults, 1 }, false);
}

void Bidder::setStrategies(std::span<const StrategyParams> arms, bool firstPrice)
{
    m_armCount = std::clamp(static_cast<int>(arms.size()), 1, kMaxArms);
    for (int a = 0; a < m_armCount; ++a) {
        m_params[a] = arms.empty() ? StrategyParams {} : arms[static_cast<std::size_t>(a)];
        m_strategies[a] = makeStrategy(m_params[a]);
    }
    m_firstPrice = firstPrice;
}

BidResponse Bidder::respond(const BidRequest& r, const MarketView& market) const
{
    BidResponse response {};
    response.requestId = r.id;
    response.campaign = kNoCampaign;
    const double pCtr = (r.flags & kFlagHasPctrHint) ? r.pCtrHint : m_model.predict(r);
    response.pCtr = static_cast<float>(pCtr);

    const int arm = r.arm < m_armCount ? r.arm : 0;
    const BidStrategy& strategy = *m_strategies[arm];
    const bool shade = m_firstPrice && m_params[arm].shading;
    const Micros strategyCap = m_params[arm].maxBidCpm;
    const std::uint32_t window = FrequencyTable::windowOf(r.simTimeMs);

    BidInput in;
    in.pCtr = pCtr;
    in.floorCpm = r.floorCpm;
    in.ltv = unitFraction(r.ltv);
    in.relevance = unitFraction(r.relevance);
    in.noise = mix64(m_noiseSeed ^ mix64(r.id));

    NoBidReason reason = kNoEligibleCampaign;
    int tries = 0;
    for (const std::uint16_t c : m_index.candidates(r)) {
        const CampaignSpec& spec = m_campaigns[c];
        if (spec.interestMask != 0 && (spec.interestMask & r.interests) == 0)
            continue;
        const CampaignLiveState& live = market.live[c];
        const Micros remaining = live.remaining.load(std::memory_order_relaxed);
        if (remaining <= 0 || (live.flags.load(std::memory_order_relaxed) & (kCampaignExhausted | kCampaignPacedOut)))
            continue;
        if (spec.frequencyCap != 0 && spec.frequencySlot != kNoFrequencySlot && !market.frequency.isNull()
            && r.user < market.frequency.users()
            && market.frequency.count(r.user, spec.frequencySlot, window) >= spec.frequencyCap)
            continue;
        in.maxBidCpm = strategyCap > 0 ? std::min(spec.maxBidCpm, strategyCap) : spec.maxBidCpm;
        in.budgetLeft = remaining;
        in.valueMultiplier = spec.bidMultiplier;
        Micros price = strategy.price(in);
        if (shade)
            price
                = static_cast<Micros>(static_cast<double>(price) * live.shading.load(std::memory_order_relaxed) + 0.5);
        const Micros bid = finalBid(price, in, &reason);
        if (bid > 0) {
            response.bidCpm = bid;
            response.campaign = c;
            response.noBidReason = kBid;
            return response;
        }
        if (++tries == kMaxTries)
            break;
    }
    response.noBidReason = reason;
    return response;
}

} // namespace bidlab::bidding
