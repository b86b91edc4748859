// SPDX-License-Identifier: MIT
#include "core/openrtb/request_parser.h"

#include "core/openrtb/json_walk.h"

#include <optional>
#include <unordered_set>

namespace bidlab::openrtb {

namespace {

using namespace detail;

constexpr int kMaxPixels = 100'000;
constexpr int kMaxSeconds = 86'400;
constexpr int kMaxMilliseconds = 3'600'000;
constexpr int kMaxEnum = 1'000'000; // enumerations: AdCOM lists, with room for exchange-specific values

bool readPublisher(Element value, const Path& at, Diagnostics& d, Publisher& out)
{
    return forEachField(value, at, d, [&](std::string_view key, Element v, const Path& p) {
        if (key == "id")
            return read(v, p, d, out.id);
        if (key == "name")
            return read(v, p, d, out.name);
        if (key == "domain")
            return read(v, p, d, out.domain);
        return true;
    });
}

bool readFormat(Element value, const Path& at, Diagnostics& d, Format& out)
{
    return forEachField(value, at, d, [&](std::string_view key, Element v, const Path& p) {
        if (key == "w")
            return read(v, p, d, out.w, 0, kMaxPixels);
        if (key == "h")
            return read(v, p, d, out.h, 0, kMaxPixels);
        return true;
    });
}

bool readBanner(Element value, const Path& at, Diagnostics& d, Banner& out)
{
    Format single;
    const bool ok = forEachField(value, at, d, [&](std::string_view key, Element v, const Path& p) {
        if (key == "w")
            return read(v, p, d, single.w, 0, kMaxPixels);
        if (key == "h")
            return read(v, p, d, single.h, 0, kMaxPixels);
        if (key == "pos")
            return read(v, p, d, out.position, 0, kMaxEnum);
        if (key == "format") {
            return forEachItem(v, p, d, [&](Element item, const Path& ip) {
                Format format;
                if (!readFormat(item, ip, d, format))
                    return false;
                out.formats.push_back(format);
                return true;
            });
        }
        return true;
    });
    if (ok && out.formats.empty() && single.w > 0 && single.h > 0)
        out.formats.push_back(single);
    return ok;
}

// The fields video and audio share: the MIME types and the duration limits. nullopt when `key` is none of
// them, else whether it was read.
std::optional<bool> readMediaField(std::string_view key, Element v, const Path& p, Diagnostics& d,
                                   std::vector<std::string>& mimes, int& minDuration, int& maxDuration)
{
    if (key == "mimes")
        return read(v, p, d, mimes);
    if (key == "minduration")
        return read(v, p, d, minDuration, 0, kMaxSeconds);
    if (key == "maxduration")
        return read(v, p, d, maxDuration, 0, kMaxSeconds);
    return std::nullopt;
}

bool readVideo(Element value, const Path& at, Diagnostics& d, Video& out)
{
    return forEachField(value, at, d, [&](std::string_view key, Element v, const Path& p) {
        if (const auto shared = readMediaField(key, v, p, d, out.mimes, out.minDuration, out.maxDuration))
            return *shared;
        if (key == "w")
            return read(v, p, d, out.w, 0, kMaxPixels);
        if (key == "h")
            return read(v, p, d, out.h, 0, kMaxPixels);
        if (key == "protocols")
            return read(v, p, d, out.protocols, 0, kMaxEnum);
        if (key == "linearity")
            return read(v, p, d, out.linearity, 0, kMaxEnum);
        if (key == "placement" || key == "plcmt")
            return read(v, p, d, out.placement, 0, kMaxEnum);
        return true;
    });
}

bool readAudio(Element value, const Path& at, Diagnostics& d, Audio& out)
{
    return forEachField(value, at, d, [&](std::string_view key, Element v, const Path& p) {
        return readMediaField(key, v, p, d, out.mimes, out.minDuration, out.maxDuration).value_or(true);
    });
}

bool readNative(Element value, const Path& at, Diagnostics& d, Native& out)
{
    return forEachField(value, at, d, [&](std::string_view key, Element v, const Path& p) {
        if (key == "request") {
            // A string holding the Native payload (2.5); some exchanges send the object itself.
            if (v.is_object()) {
                out.request = simdjson::minify(v);
                return true;
            }
            return read(v, p, d, out.request);
        }
        if (key == "ver")
            return read(v, p, d, out.version);
        return true;
    });
}

bool readDeal(Element value, const Path& at, Diagnostics& d, Deal& out)
{
    const bool ok = forEachField(value, at, d, [&](std::string_view key, Element v, const Path& p) {
        if (key == "id")
            return read(v, p, d, out.id);
        if (key == "bidfloor")
            return readPrice(v, p, d, out.floor);
        if (key == "bidfloorcur")
            return readCurrency(v, p, d, out.currency);
        return true;
    });
    if (ok && out.id.empty())
        return d.fail(at.field("id"), "is required");
    return ok;
}

bool readPmp(Element value, const Path& at, Diagnostics& d, Imp& out)
{
    return forEachField(value, at, d, [&](std::string_view key, Element v, const Path& p) {
        if (key == "private_auction")
            return readFlag(v, p, d, out.privateAuction);
        if (key == "deals") {
            return forEachItem(v, p, d, [&](Element item, const Path& ip) {
                Deal deal;
                if (!readDeal(item, ip, d, deal))
                    return false;
                out.deals.push_back(std::move(deal));
                return true;
            });
        }
        return true;
    });
}

bool readImp(Element value, const Path& at, Diagnostics& d, Imp& out)
{
    const bool ok = forEachField(value, at, d, [&](std::string_view key, Element v, const Path& p) {
        if (key == "id")
            return read(v, p, d, out.id);
        if (key == "banner" && !v.is_null())
            return readBanner(v, p, d, out.banner.emplace());
        if (key == "video" && !v.is_null())
            return readVideo(v, p, d, out.video.emplace());
        if (key == "audio" && !v.is_null())
            return readAudio(v, p, d, out.audio.emplace());
        if (key == "native" && !v.is_null())
            return readNative(v, p, d, out.native.emplace());
        if (key == "bidfloor")
            return readPrice(v, p, d, out.floor);
        if (key == "bidfloorcur")
            return readCurrency(v, p, d, out.floorCurrency);
        if (key == "tagid")
            return read(v, p, d, out.tagId);
        if (key == "instl")
            return readFlag(v, p, d, out.interstitial);
        if (key == "secure")
            return readFlag(v, p, d, out.secure);
        if (key == "pmp")
            return readPmp(v, p, d, out);
        return true;
    });
    if (!ok)
        return false;
    if (out.id.empty())
        return d.fail(at.field("id"), "is required");
    if (!out.banner && !out.video && !out.audio && !out.native)
        return d.fail(at, "must offer at least one of banner, video, audio or native");
    return true;
}

bool readPlacement(Element value, const Path& at, Diagnostics& d, Placement& out)
{
    return forEachField(value, at, d, [&](std::string_view key, Element v, const Path& p) {
        if (key == "id")
            return read(v, p, d, out.id);
        if (key == "name")
            return read(v, p, d, out.name);
        if (key == "domain")
            return read(v, p, d, out.domain);
        if (key == "page")
            return read(v, p, d, out.page);
        if (key == "bundle")
            return read(v, p, d, out.bundle);
        if (key == "cat")
            return read(v, p, d, out.categories);
        if (key == "publisher")
            return readPublisher(v, p, d, out.publisher);
        return true;
    });
}

// A coordinate out of its range is kept out of the record with a warning rather than rejecting the request:
// test traffic is full of them (prebid's own examples use latitude 123.456).
bool readCoordinate(Element value, const Path& at, Diagnostics& d, std::optional<double>& out, double limit)
{
    double number = 0;
    if (!read(value, at, d, number, -1e300, 1e300))
        return false;
    if (value.is_null())
        return true;
    if (number < -limit || number > limit) {
        d.warn(at, "is out of range (" + numberText(number) + "), left out");
        return true;
    }
    out = number;
    return true;
}

bool readGeo(Element value, const Path& at, Diagnostics& d, Geo& out)
{
    return forEachField(value, at, d, [&](std::string_view key, Element v, const Path& p) {
        if (key == "lat")
            return readCoordinate(v, p, d, out.latitude, 90);
        if (key == "lon")
            return readCoordinate(v, p, d, out.longitude, 180);
        if (key == "country")
            return read(v, p, d, out.country);
        if (key == "region")
            return read(v, p, d, out.region);
        if (key == "city")
            return read(v, p, d, out.city);
        if (key == "zip")
            return read(v, p, d, out.zip);
        return true;
    });
}

bool readDevice(Element value, const Path& at, Diagnostics& d, Device& out)
{
    std::string ipv6;
    const bool ok = forEachField(value, at, d, [&](std::string_view key, Element v, const Path& p) {
        if (key == "devicetype") {
            int type = 0;
            if (!read(v, p, d, type, 0, kMaxEnum))
                return false;
            if (type > static_cast<int>(DeviceType::OutOfHome))
                d.warn(p, "is not an AdCOM device type (" + std::to_string(type) + "), taken as unknown");
            else
                out.type = static_cast<DeviceType>(type);
            return true;
        }
        if (key == "ua")
            return read(v, p, d, out.userAgent);
        if (key == "ip")
            return read(v, p, d, out.ip);
        if (key == "ipv6")
            return read(v, p, d, ipv6);
        if (key == "make")
            return read(v, p, d, out.make);
        if (key == "model")
            return read(v, p, d, out.model);
        if (key == "os")
            return read(v, p, d, out.os);
        if (key == "osv")
            return read(v, p, d, out.osVersion);
        if (key == "language")
            return read(v, p, d, out.language);
        if (key == "carrier")
            return read(v, p, d, out.carrier);
        if (key == "ifa")
            return read(v, p, d, out.ifa);
        if (key == "connectiontype")
            return read(v, p, d, out.connectionType, 0, kMaxEnum);
        if (key == "dnt")
            return readFlag(v, p, d, out.doNotTrack);
        if (key == "lmt")
            return readFlag(v, p, d, out.limitAdTracking);
        if (key == "geo" && !v.is_null())
            return readGeo(v, p, d, out.geo.emplace());
        return true;
    });
    if (ok && out.ip.empty())
        out.ip = std::move(ipv6);
    return ok;
}

bool readSegments(Element value, const Path& at, Diagnostics& d, int& count)
{
    return forEachItem(value, at, d, [&](Element data, const Path& dp) {
        return forEachField(data, dp, d, [&](std::string_view key, Element v, const Path& p) {
            if (key != "segment")
                return true;
            return forEachItem(v, p, d, [&](Element, const Path&) {
                ++count;
                return true;
            });
        });
    });
}

bool readUser(Element value, const Path& at, Diagnostics& d, User& out)
{
    std::string extConsent;
    const bool ok = forEachField(value, at, d, [&](std::string_view key, Element v, const Path& p) {
        if (key == "id")
            return read(v, p, d, out.id);
        if (key == "buyeruid")
            return read(v, p, d, out.buyerUid);
        if (key == "yob")
            return read(v, p, d, out.yearOfBirth, 0, 9999);
        if (key == "gender")
            return read(v, p, d, out.gender);
        if (key == "consent")
            return read(v, p, d, out.consent);
        if (key == "geo" && !v.is_null())
            return readGeo(v, p, d, out.geo.emplace());
        if (key == "data")
            return readSegments(v, p, d, out.segmentCount);
        if (key == "ext") {
            return forEachField(v, p, d, [&](std::string_view extKey, Element ev, const Path& ep) {
                return extKey == "consent" ? read(ev, ep, d, extConsent) : true;
            });
        }
        return true;
    });
    if (ok && out.consent.empty())
        out.consent = std::move(extConsent);
    return ok;
}

// GDPR and US-privacy signals: the 2.6 fields, else their 2.5 places in regs.ext.
bool readRegs(Element value, const Path& at, Diagnostics& d, Regs& out)
{
    std::optional<bool> extGdpr;
    std::string extUsPrivacy;
    const bool ok = forEachField(value, at, d, [&](std::string_view key, Element v, const Path& p) {
        if (key == "coppa")
            return readFlag(v, p, d, out.coppa);
        if (key == "gdpr" && !v.is_null())
            return readFlag(v, p, d, out.gdpr.emplace());
        if (key == "us_privacy")
            return read(v, p, d, out.usPrivacy);
        if (key == "gpp")
            return read(v, p, d, out.gpp);
        if (key == "ext") {
            return forEachField(v, p, d, [&](std::string_view extKey, Element ev, const Path& ep) {
                if (extKey == "gdpr" && !ev.is_null())
                    return readFlag(ev, ep, d, extGdpr.emplace());
                if (extKey == "us_privacy")
                    return read(ev, ep, d, extUsPrivacy);
                return true;
            });
        }
        return true;
    });
    if (!out.gdpr)
        out.gdpr = extGdpr;
    if (out.usPrivacy.empty())
        out.usPrivacy = std::move(extUsPrivacy);
    return ok;
}

bool readSupplyChain(Element value, const Path& at, Diagnostics& d, int& nodes)
{
    return forEachField(value, at, d, [&](std::string_view key, Element v, const Path& p) {
        if (key != "nodes")
            return true;
        nodes = 0;
        return forEachItem(v, p, d, [&](Element node, const Path& np) {
            if (!node.is_object())
                return d.fail(np, std::string("must be an object, not ") + describe(node.type()));
            ++nodes;
            return true;
        });
    });
}

bool readSource(Element value, const Path& at, Diagnostics& d, BidRequest& out)
{
    return forEachField(value, at, d, [&](std::string_view key, Element v, const Path& p) {
        if (key == "tid")
            return read(v, p, d, out.transactionId);
        if (key == "schain")
            return readSupplyChain(v, p, d, out.supplyChainNodes);
        if (key == "ext" && out.supplyChainNodes == 0) {
            return forEachField(v, p, d, [&](std::string_view extKey, Element ev, const Path& ep) {
                return extKey == "schain" ? readSupplyChain(ev, ep, d, out.supplyChainNodes) : true;
            });
        }
        return true;
    });
}

bool readPlacementOnce(Element value, const Path& at, Diagnostics& d, Placement& out, Placement::Kind kind)
{
    if (value.is_null())
        return true;
    if (out.kind != Placement::Kind::None)
        return d.fail(at, "may not appear together with another of site, app and dooh");
    out.kind = kind;
    return readPlacement(value, at, d, out);
}

bool readImps(Element value, const Path& at, Diagnostics& d, std::vector<Imp>& out)
{
    std::unordered_set<std::string_view> ids;
    const bool ok = forEachItem(value, at, d, [&](Element item, const Path& p) {
        Imp imp;
        if (!readImp(item, p, d, imp))
            return false;
        out.push_back(std::move(imp));
        return true;
    });
    if (!ok)
        return false;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (!ids.insert(out[i].id).second)
            return d.fail(at.item(static_cast<std::int64_t>(i)).field("id"),
                          "repeats the id \"" + out[i].id + "\" of an earlier impression");
    }
    return true;
}

bool readAuctionType(Element value, const Path& at, Diagnostics& d, int& out)
{
    if (!read(value, at, d, out, 1, kMaxEnum))
        return false;
    if (out > 2 && out <= 500)
        return d.fail(at,
                      "must be 1 (first price), 2 (second price) or an exchange-specific value above 500, not "
                          + std::to_string(out));
    return true;
}

bool readRequest(Element root, Diagnostics& d, BidRequest& out)
{
    const Path top;
    bool sawImp = false;
    const bool ok = forEachField(root, top, d, [&](std::string_view key, Element v, const Path& p) {
        if (key == "id")
            return read(v, p, d, out.id);
        if (key == "imp") {
            sawImp = !v.is_null();
            return readImps(v, p, d, out.imps);
        }
        if (key == "site")
            return readPlacementOnce(v, p, d, out.placement, Placement::Kind::Site);
        if (key == "app")
            return readPlacementOnce(v, p, d, out.placement, Placement::Kind::App);
        if (key == "dooh")
            return readPlacementOnce(v, p, d, out.placement, Placement::Kind::Dooh);
        if (key == "device" && !v.is_null())
            return readDevice(v, p, d, out.device.emplace());
        if (key == "user" && !v.is_null())
            return readUser(v, p, d, out.user.emplace());
        if (key == "regs")
            return readRegs(v, p, d, out.regs);
        if (key == "source")
            return readSource(v, p, d, out);
        if (key == "tmax")
            return read(v, p, d, out.tmaxMs, 0, kMaxMilliseconds);
        if (key == "at")
            return readAuctionType(v, p, d, out.auctionType);
        if (key == "cur") {
            out.currencies.clear();
            return forEachItem(v, p, d, [&](Element item, const Path& ip) {
                std::string code;
                if (!readCurrency(item, ip, d, code))
                    return false;
                out.currencies.push_back(std::move(code));
                return true;
            });
        }
        if (key == "test")
            return readFlag(v, p, d, out.test);
        if (key == "bcat")
            return read(v, p, d, out.blockedCategories);
        if (key == "badv")
            return read(v, p, d, out.blockedAdvertisers);
        return true;
    });
    if (!ok)
        return false;
    if (out.id.empty())
        return d.fail(top.field("id"), "is required");
    if (!sawImp)
        return d.fail(top.field("imp"), "is required");
    if (out.imps.empty())
        return d.fail(top.field("imp"), "must hold at least one impression");
    return true;
}

} // namespace

const std::size_t RequestParser::kPadding = simdjson::SIMDJSON_PADDING;

RequestParser::RequestParser()
    : m_parser(std::make_unique<simdjson::dom::parser>())
{ }

RequestParser::~RequestParser() = default;

Expected<BidRequest> RequestParser::parse(std::string_view json)
{
    BidRequest request;
    const Status status = parseInto(json, false, request);
    if (!status)
        return Error { status.error() };
    return request;
}

Expected<BidRequest> RequestParser::parsePadded(std::string_view json)
{
    BidRequest request;
    const Status status = parseInto(json, true, request);
    if (!status)
        return Error { status.error() };
    return request;
}

Status RequestParser::parsePaddedInto(std::string_view json, BidRequest& out)
{
    return parseInto(json, true, out);
}

Status RequestParser::parseInto(std::string_view json, bool padded, BidRequest& out)
{
    Element root;
    const simdjson::error_code code = m_parser->parse(json.data(), json.size(), !padded).get(root);
    if (code != simdjson::SUCCESS)
        return Error { QString::fromStdString("The bid request " + locateSyntaxError(json, code)) };
    if (!root.is_object())
        return Error {
            QStringLiteral("The bid request must be a JSON object, not %1.").arg(QLatin1String(describe(root.type())))
        };
    Diagnostics diagnostics;
    if (!readRequest(root, diagnostics, out))
        return Error { QString::fromStdString(diagnostics.error()) + QLatin1Char('.') };
    out.warnings = std::move(diagnostics.warnings());
    return success();
}

} // namespace bidlab::openrtb
