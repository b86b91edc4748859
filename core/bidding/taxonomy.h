// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

// The small fixed vocabularies the world, the requests and the campaigns' targeting share.
namespace bidlab::bidding {

inline constexpr int kInterestCount = 16;
inline constexpr std::array<std::string_view, kInterestCount> kInterestNames {
    "sports", "fashion", "tech",   "food",   "travel", "finance",   "auto", "gaming",
    "music",  "movies",  "health", "beauty", "home",   "education", "news", "parenting",
};

inline constexpr std::array<std::string_view, 3> kDeviceNames { "mobile", "desktop", "tablet" };

// Age bands for targeting: under 25, 25-34, 35-44, 45-54, 55-64, 65 and over.
inline constexpr int kAgeBandCount = 6;
inline constexpr int ageBand(int age)
{
    if (age < 25)
        return 0;
    if (age >= 65)
        return 5;
    return (age - 15) / 10;
}

// Slot sizes grouped the way campaigns buy them.
enum SizeClass : std::uint8_t {
    kMobileBanner, // 320x50, 300x50, 320x100
    kLeaderboard, // 728x90, 970x90
    kRectangle, // 300x250, 336x280
    kBillboard, // 970x250
    kSkyscraper, // 160x600, 300x600
    kInterstitial, // 320x480, 480x320
    kOtherSize,
    kSizeClassCount
};
inline constexpr std::array<std::string_view, kSizeClassCount> kSizeClassNames {
    "mobile banner", "leaderboard", "rectangle", "billboard", "skyscraper", "interstitial", "other",
};

constexpr SizeClass sizeClass(int width, int height)
{
    if (height <= 100 && width <= 320)
        return kMobileBanner;
    if (height <= 100)
        return kLeaderboard;
    if (height >= 600 && width <= 300)
        return kSkyscraper;
    if (width >= 900 && height <= 300)
        return kBillboard;
    if (width <= 350 && height <= 300)
        return kRectangle;
    if (width * height >= 150'000)
        return kInterstitial;
    return kOtherSize;
}

// The IAB sizes the synthetic world's publishers offer.
struct SlotSize
{
    std::uint16_t width;
    std::uint16_t height;
};
inline constexpr std::array<SlotSize, 9> kStandardSizes { {
    { 300, 250 },
    { 728, 90 },
    { 320, 50 },
    { 970, 250 },
    { 300, 600 },
    { 160, 600 },
    { 336, 280 },
    { 320, 480 },
    { 970, 90 },
} };

} // namespace bidlab::bidding
