// SPDX-License-Identifier: MIT
#pragma once

#include "core/bidding/bid_request.h"
#include "core/bidding/taxonomy.h"

#include <atomic>
#include <cstdint>
#include <type_traits>

// What a bidder knows of a campaign (targeting and economics) and what it sees of the exchange's live
// state (budget left, pacing, frequency counts). Plain records, so that the engine can place them in the
// shared memory its workers map.
namespace bidlab::bidding {

struct CampaignSpec
{
    Micros maxBidCpm; // never bid above this
    Micros valuePerConversion; // what the advertiser earns per conversion (revenue)
    double conversionRate; // the advertiser's expected conversions per click
    double bidMultiplier; // how much this advertiser values this audience against the base (1 neutral)
    std::uint32_t hourMask; // bit per hour of the day (UTC); all 24 bits for no day-parting
    std::uint16_t interestMask; // bit per interest; 0 for any
    std::uint8_t deviceMask; // bit per Device
    std::uint8_t ageBandMask; // bit per age band (taxonomy.h)
    std::uint8_t sizeClassMask; // bit per SizeClass
    std::uint8_t frequencyCap; // impressions per user per hour of the world clock; 0 for no cap
    std::uint16_t frequencySlot; // its position in the frequency table; kNoFrequencySlot without a cap

    // The value of a click, which ranks campaigns: with one pCTR per request, the best expected value
    // is the best value per click.
    double clickValue() const { return toUnits(valuePerConversion) * conversionRate * bidMultiplier; }
    bool targets(const BidRequest& r) const
    {
        return (deviceMask >> r.device & 1u) && (ageBandMask >> ageBand(r.age) & 1u) && (hourMask >> r.hour & 1u)
            && (sizeClassMask >> sizeClass(r.slotWidth, r.slotHeight) & 1u)
            && (interestMask == 0 || (interestMask & r.interests) != 0);
    }
};
static_assert(std::is_trivially_copyable_v<CampaignSpec>);

// CampaignLiveState::flags
enum CampaignFlag : std::uint32_t {
    kCampaignExhausted = 1u << 0, // today's budget is spent
    kCampaignPacedOut = 1u << 1, // even pacing: ahead of schedule, holding back
};

// Written by the exchange, read by every bidder (relaxed: an approximate, recent view is enough; the
// exchange checks the exact budget at each win).
struct CampaignLiveState
{
    std::atomic<Micros> remaining; // today's budget left, micros
    std::atomic<std::uint32_t> flags; // CampaignFlag
    std::atomic<float> shading; // first-price bid shading factor, (0, 1]; 1 without shading
};
static_assert(std::atomic<Micros>::is_always_lock_free && std::atomic<float>::is_always_lock_free,
              "the live state is shared between processes: its atomics must be address-free");
static_assert(sizeof(CampaignLiveState) == 16);

} // namespace bidlab::bidding
