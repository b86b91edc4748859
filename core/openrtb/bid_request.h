// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/money.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// OpenRTB 2.5 / 2.6 bid requests as plain records: the fields a bidder and the replay use, each in one typed
// place whether the request spelled it the 2.5 way (in `ext`) or the 2.6 way. Strings are UTF-8, money is
// CPM micros of the named currency. A field the request left out keeps its default here.
namespace bidlab::openrtb {

// `at`: how the exchange prices the auction. Values above 500 are exchange-specific and kept as they are.
enum class AuctionType : int { FirstPrice = 1, SecondPrice = 2 };

// AdCOM device types (`device.devicetype`).
enum class DeviceType : int {
    Unknown = 0,
    MobileTablet = 1,
    PersonalComputer = 2,
    ConnectedTv = 3,
    Phone = 4,
    Tablet = 5,
    ConnectedDevice = 6,
    SetTopBox = 7,
    OutOfHome = 8,
};

struct Format
{
    int w = 0;
    int h = 0;
    bool operator==(const Format&) const = default;
};

struct Banner
{
    // The allowed sizes: `format[]`, or the single `w`×`h` when there is no format list.
    std::vector<Format> formats;
    int position = 0; // `pos` (AdCOM placement position)
};

struct Video
{
    std::vector<std::string> mimes;
    int w = 0;
    int h = 0;
    int minDuration = 0; // seconds
    int maxDuration = 0; // seconds; 0 when not limited
    std::vector<int> protocols;
    int linearity = 0; // 1 linear (in-stream), 2 non-linear (overlay); 0 unknown
    int placement = 0; // `placement` (2.5) or `plcmt` (2.6)
};

struct Audio
{
    std::vector<std::string> mimes;
    int minDuration = 0;
    int maxDuration = 0;
};

struct Native
{
    std::string request; // the Native Ads request payload, kept as the opaque JSON text it is
    std::string version; // `ver`
};

struct Deal
{
    std::string id;
    Micros floor = 0;
    std::string currency;
};

struct Imp
{
    std::string id;
    std::optional<Banner> banner;
    std::optional<Video> video;
    std::optional<Audio> audio;
    std::optional<Native> native;
    Micros floor = 0; // `bidfloor`, CPM micros of floorCurrency
    std::string floorCurrency = "USD";
    std::string tagId;
    bool interstitial = false;
    bool secure = false;
    bool privateAuction = false; // `pmp.private_auction`: only the listed deals may bid
    std::vector<Deal> deals;

    // Short names of the formats offered ("banner", "video", "audio", "native"), joined by '+'.
    std::string formatNames() const;
};

struct Publisher
{
    std::string id;
    std::string name;
    std::string domain;
};

// Where the impression shows: a web site (`site`), an application (`app`) or a digital out-of-home screen
// (`dooh`, 2.6). A request names at most one of them.
struct Placement
{
    enum class Kind { None, Site, App, Dooh };
    Kind kind = Kind::None;
    std::string id;
    std::string name;
    std::string domain;
    std::string page; // site.page
    std::string bundle; // app.bundle
    std::vector<std::string> categories; // `cat`
    Publisher publisher;
};

struct Geo
{
    std::optional<double> latitude; // -90..90; an out-of-range value is dropped with a warning
    std::optional<double> longitude; // -180..180
    std::string country; // ISO-3166-1 alpha-3
    std::string region;
    std::string city;
    std::string zip;
};

struct Device
{
    DeviceType type = DeviceType::Unknown;
    std::string userAgent;
    std::string ip;
    std::string make;
    std::string model;
    std::string os;
    std::string osVersion;
    std::string language;
    std::string carrier;
    std::string ifa;
    int connectionType = 0;
    bool doNotTrack = false;
    bool limitAdTracking = false;
    std::optional<Geo> geo;
};

struct User
{
    std::string id;
    std::string buyerUid;
    int yearOfBirth = 0;
    std::string gender; // "M", "F", "O" or empty
    std::string consent; // TCF consent string: `user.consent` (2.6) or `user.ext.consent` (2.5)
    std::optional<Geo> geo;
    int segmentCount = 0; // data[].segment[] entries
};

// Regulations: COPPA, GDPR and US privacy, read from the 2.6 fields or their 2.5 `regs.ext` places.
struct Regs
{
    bool coppa = false;
    std::optional<bool> gdpr;
    std::string usPrivacy;
    std::string gpp;
};

struct BidRequest
{
    std::string id;
    std::vector<Imp> imps;
    Placement placement;
    std::optional<Device> device;
    std::optional<User> user;
    Regs regs;
    int tmaxMs = 0; // 0: no limit given
    int auctionType = static_cast<int>(AuctionType::SecondPrice); // `at`, 2 when absent as the spec says
    std::vector<std::string> currencies; // `cur`: allowed bid currencies
    bool test = false;
    std::vector<std::string> blockedCategories; // `bcat`
    std::vector<std::string> blockedAdvertisers; // `badv`
    std::string transactionId; // `source.tid`
    int supplyChainNodes = 0; // `source.schain.nodes` (2.6) or `source.ext.schain.nodes` (2.5)

    // Values accepted but not usable (an out-of-range latitude, ...), each naming its field path.
    std::vector<std::string> warnings;
};

} // namespace bidlab::openrtb
