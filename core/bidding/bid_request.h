// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/money.h"

#include <cstdint>
#include <limits>
#include <type_traits>

// The records that cross the process boundary between the engine and its bidder workers: fixed-size PODs,
// one impression per request, strings interned to ids, money in micros (prices as CPM micros). Copying one
// into a shared-memory ring is the whole cost of sending it: no serialisation.
namespace bidlab::bidding {

// Device types (OpenRTB device.devicetype, reduced).
enum Device : std::uint8_t { kMobile = 0, kDesktop = 1, kTablet = 2, kDeviceCount = 3 };

// request.flags
enum RequestFlag : std::uint8_t {
    kFlagHasPctrHint = 1 << 0, // pCtrHint carries the source's own prediction (replay logs): use it
};

struct BidRequest
{
    std::uint64_t id; // position in the stream: the same seed gives the same request for the same id
    std::int64_t simTimeMs; // world clock (ms since the Unix epoch, UTC): hour, day, pacing, attribution
    Micros floorCpm; // reserve price, CPM micros
    double pCtrHint; // a CTR prediction the source brings (kFlagHasPctrHint), e.g. a replayed log's
    std::uint32_t user;
    std::uint32_t publisher; // interned domain
    std::uint16_t slotWidth;
    std::uint16_t slotHeight;
    std::uint16_t interests; // bit mask over the interest taxonomy (taxonomy.h)
    std::uint16_t region; // interned
    std::uint8_t age;
    std::uint8_t gender; // 0 female, 1 male, 2 unknown
    std::uint8_t device; // Device
    std::uint8_t os; // interned
    std::uint8_t browser; // interned
    std::uint8_t hour; // of simTimeMs, 0..23 (UTC)
    std::uint8_t dayOfWeek; // of simTimeMs, 0 = Monday
    std::uint8_t aboveFold; // 0 or 1
    std::uint8_t arm; // A/B arm of the user (engine_config.h), 0 without arms
    std::uint8_t ltv; // the user's lifetime-value score, 0..255 for 0..1
    std::uint8_t relevance; // context relevance (publisher vs user interests), 0..255 for 0..1
    std::uint8_t flags; // RequestFlag
    std::uint32_t userAgent; // interned user-agent string
};
static_assert(std::is_trivially_copyable_v<BidRequest> && std::is_standard_layout_v<BidRequest>);
static_assert(sizeof(BidRequest) == 64, "one cache line per request");

inline constexpr std::uint16_t kNoCampaign = std::numeric_limits<std::uint16_t>::max();

// Why a worker did not bid (BidResponse::noBidReason); kBid when it did.
enum NoBidReason : std::uint8_t {
    kBid = 0,
    kNoEligibleCampaign = 1, // targeting, frequency cap, budget or pacing ruled every campaign out
    kBelowFloor = 2, // the strategy's price (after caps) was under the floor
    kStrategyDeclined = 3, // the strategy chose not to bid (e.g. a price of zero)
};

struct BidResponse
{
    std::uint64_t requestId;
    Micros bidCpm; // 0 when there is no bid
    float pCtr; // the worker's prediction
    std::uint32_t computeNs; // the worker's own time for this request
    std::uint16_t campaign; // kNoCampaign when there is no bid
    std::uint8_t noBidReason; // NoBidReason
    std::uint8_t flags;
    std::uint32_t reserved; // keeps the size explicit; 0
};
static_assert(std::is_trivially_copyable_v<BidResponse> && std::is_standard_layout_v<BidResponse>);
static_assert(sizeof(BidResponse) == 32, "two responses per cache line");

inline double unitFraction(std::uint8_t quantised)
{
    return static_cast<double>(quantised) / 255.0;
}

} // namespace bidlab::bidding
