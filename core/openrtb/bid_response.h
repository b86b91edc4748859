// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"
#include "core/common/money.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// OpenRTB 2.5 / 2.6 bid responses: a record, its JSON writer, and a reader that checks a response a bidder
// received or wrote (used to recognise responses and to test the writer).
namespace bidlab::openrtb {

struct Bid
{
    std::string id;
    std::string impId; // the impression it bids on
    Micros price = 0; // CPM micros of the response currency
    std::string adId; // `adid`
    std::string creativeId; // `crid`
    std::string markup; // `adm`, opaque (VAST, HTML, native JSON)
    std::string winNoticeUrl; // `nurl`
    std::string dealId;
    std::vector<std::string> advertiserDomains; // `adomain`
    int w = 0;
    int h = 0;
};

struct SeatBid
{
    std::string seat;
    std::vector<Bid> bids;
};

// OpenRTB no-bid reason codes (`nbr`).
enum class NoBidReason : int {
    Unknown = 0,
    TechnicalError = 1,
    InvalidRequest = 2,
    KnownWebSpider = 3,
    SuspectedNonHumanTraffic = 4,
    CloudOrProxyIp = 5,
    UnsupportedDevice = 6,
    BlockedPublisher = 7,
    UnmatchedUser = 8,
    DailyReaderCapMet = 9,
    DailyDomainCapMet = 10,
};

struct BidResponse
{
    std::string id; // the request's id
    std::vector<SeatBid> seatBids;
    std::string bidId; // `bidid`
    std::string currency; // `cur`; empty means USD
    std::optional<int> noBidReason; // `nbr`, for a response without bids

    // A no-bid answer to request `requestId`.
    static BidResponse noBid(std::string requestId, NoBidReason reason);
    std::size_t bidCount() const;
};

// The response as compact JSON. Prices are written with at most six decimals (exactly the micros); empty
// optional fields are left out. A response without bids carries `nbr` (0, unknown, when none was given).
std::string writeResponse(const BidResponse& response);

// Reads a bid response; the message of a rejected one names the field path ("seatbid[0].bid[1].price must
// not be negative, not -1").
Expected<BidResponse> parseResponse(std::string_view json);

} // namespace bidlab::openrtb
