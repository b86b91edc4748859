// SPDX-License-Identifier: MIT
#include "core/openrtb/bid_response.h"

#include "core/openrtb/json_walk.h"

#include <nlohmann/json.hpp>

namespace bidlab::openrtb {

namespace {

using namespace detail;

// A JSON number with exactly the digits of the micros: 1028428 -> 1.028428, 500000 -> 0.5.
nlohmann::json priceNumber(Micros micros)
{
    return static_cast<double>(micros) / static_cast<double>(kMicrosPerUnit);
}

void putIfSet(nlohmann::json& object, const char* key, const std::string& value)
{
    if (!value.empty())
        object[key] = value;
}

nlohmann::json bidJson(const Bid& bid)
{
    nlohmann::json out = nlohmann::json::object();
    out["id"] = bid.id;
    out["impid"] = bid.impId;
    out["price"] = priceNumber(bid.price);
    putIfSet(out, "adid", bid.adId);
    putIfSet(out, "crid", bid.creativeId);
    putIfSet(out, "adm", bid.markup);
    putIfSet(out, "nurl", bid.winNoticeUrl);
    putIfSet(out, "dealid", bid.dealId);
    if (!bid.advertiserDomains.empty())
        out["adomain"] = bid.advertiserDomains;
    if (bid.w > 0 && bid.h > 0) {
        out["w"] = bid.w;
        out["h"] = bid.h;
    }
    return out;
}

bool readBid(Element value, const Path& at, Diagnostics& d, Bid& out)
{
    bool sawPrice = false;
    const bool ok = forEachField(value, at, d, [&](std::string_view key, Element v, const Path& p) {
        if (key == "id")
            return read(v, p, d, out.id);
        if (key == "impid")
            return read(v, p, d, out.impId);
        if (key == "price") {
            sawPrice = !v.is_null();
            return readPrice(v, p, d, out.price);
        }
        if (key == "adid")
            return read(v, p, d, out.adId);
        if (key == "crid")
            return read(v, p, d, out.creativeId);
        if (key == "adm")
            return read(v, p, d, out.markup);
        if (key == "nurl")
            return read(v, p, d, out.winNoticeUrl);
        if (key == "dealid")
            return read(v, p, d, out.dealId);
        if (key == "adomain")
            return read(v, p, d, out.advertiserDomains);
        if (key == "w")
            return read(v, p, d, out.w, 0, 100'000);
        if (key == "h")
            return read(v, p, d, out.h, 0, 100'000);
        return true;
    });
    if (!ok)
        return false;
    if (out.id.empty())
        return d.fail(at.field("id"), "is required");
    if (out.impId.empty())
        return d.fail(at.field("impid"), "is required");
    if (!sawPrice)
        return d.fail(at.field("price"), "is required");
    return true;
}

bool readSeatBid(Element value, const Path& at, Diagnostics& d, SeatBid& out)
{
    const bool ok = forEachField(value, at, d, [&](std::string_view key, Element v, const Path& p) {
        if (key == "seat")
            return read(v, p, d, out.seat);
        if (key == "bid") {
            return forEachItem(v, p, d, [&](Element item, const Path& ip) {
                Bid bid;
                if (!readBid(item, ip, d, bid))
                    return false;
                out.bids.push_back(std::move(bid));
                return true;
            });
        }
        return true;
    });
    if (ok && out.bids.empty())
        return d.fail(at.field("bid"), "must hold at least one bid");
    return ok;
}

} // namespace

BidResponse BidResponse::noBid(std::string requestId, NoBidReason reason)
{
    BidResponse response;
    response.id = std::move(requestId);
    response.noBidReason = static_cast<int>(reason);
    return response;
}

std::size_t BidResponse::bidCount() const
{
    std::size_t count = 0;
    for (const SeatBid& seat : seatBids)
        count += seat.bids.size();
    return count;
}

std::string writeResponse(const BidResponse& response)
{
    nlohmann::json out = nlohmann::json::object();
    out["id"] = response.id;
    if (response.bidCount() > 0) {
        nlohmann::json seats = nlohmann::json::array();
        for (const SeatBid& seat : response.seatBids) {
            if (seat.bids.empty())
                continue;
            nlohmann::json seatJson = nlohmann::json::object();
            nlohmann::json bids = nlohmann::json::array();
            for (const Bid& bid : seat.bids)
                bids.push_back(bidJson(bid));
            seatJson["bid"] = std::move(bids);
            putIfSet(seatJson, "seat", seat.seat);
            seats.push_back(std::move(seatJson));
        }
        out["seatbid"] = std::move(seats);
        putIfSet(out, "bidid", response.bidId);
        putIfSet(out, "cur", response.currency);
    } else {
        out["nbr"] = response.noBidReason.value_or(static_cast<int>(NoBidReason::Unknown));
    }
    // Replace invalid UTF-8 rather than throw: a response must always come out.
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Expected<BidResponse> parseResponse(std::string_view json)
{
    simdjson::dom::parser parser;
    Element root;
    const simdjson::error_code code = parser.parse(json.data(), json.size()).get(root);
    if (code != simdjson::SUCCESS)
        return Error { QString::fromStdString("The bid response " + locateSyntaxError(json, code)) };
    if (!root.is_object())
        return Error {
            QStringLiteral("The bid response must be a JSON object, not %1.").arg(QLatin1String(describe(root.type())))
        };
    Diagnostics d;
    BidResponse out;
    const Path top;
    const bool ok = forEachField(root, top, d, [&](std::string_view key, Element v, const Path& p) {
        if (key == "id")
            return read(v, p, d, out.id);
        if (key == "bidid")
            return read(v, p, d, out.bidId);
        if (key == "cur")
            return readCurrency(v, p, d, out.currency);
        if (key == "nbr" && !v.is_null())
            return read(v, p, d, out.noBidReason.emplace(), 0, 1'000'000);
        if (key == "seatbid") {
            return forEachItem(v, p, d, [&](Element item, const Path& ip) {
                SeatBid seat;
                if (!readSeatBid(item, ip, d, seat))
                    return false;
                out.seatBids.push_back(std::move(seat));
                return true;
            });
        }
        return true;
    });
    if (ok && out.id.empty())
        d.fail(top.field("id"), "is required");
    if (d.failed())
        return Error { QString::fromStdString(d.error()) + QLatin1Char('.') };
    return out;
}

} // namespace bidlab::openrtb
