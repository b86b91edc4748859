// SPDX-License-Identifier: MIT
#include "core/engine/world.h"

#include "core/bidding/taxonomy.h"
#include "core/engine/market_price_model.h"
#include "core/engine/random.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace bidlab::engine {

namespace {

using bidlab::bidding::kInterestCount;

// Strings of the synthetic world. User agents: the first kHumanAgents are browsers (one per OS x browser
// pair below), then bots that say so, as the seed's _is_bot patterns expect ("bot", "crawler", "spider",
// "scraper"). Some bots use a browser's user agent: no filter on the string can catch them.
const std::vector<std::string>& osTable()
{
    static const std::vector<std::string> names { "Android", "iOS", "Windows", "macOS", "Linux", "iPadOS" };
    return names;
}
const std::vector<std::string>& browserTable()
{
    static const std::vector<std::string> names { "Chrome", "Safari", "Firefox", "Edge", "Samsung Internet" };
    return names;
}
const char* const kBotAgents[] = {
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
    "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
    "Screaming Frog SEO Spider/19.0",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php) crawler",
    "python-requests/2.31.0 price-scraper",
};

std::string browserAgent(int os, int browser)
{
    static const char* const platforms[] = { "Linux; Android 14; Pixel 8",  "iPhone; CPU iPhone OS 17_4 like Mac OS X",
                                             "Windows NT 10.0; Win64; x64", "Macintosh; Intel Mac OS X 14_4",
                                             "X11; Linux x86_64",           "iPad; CPU OS 17_4 like Mac OS X" };
    static const char* const engines[]
        = { "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
            "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15", "Gecko/20100101 Firefox/125.0",
            "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Edg/124.0.0.0",
            "AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 "
            "Mobile Safari/537.36" };
    return std::string("Mozilla/5.0 (") + platforms[os] + ") " + engines[browser];
}

int browserAgentId(int os, int browser)
{
    return os * static_cast<int>(browserTable().size()) + browser;
}

int pickWeighted(Rng& rng, std::initializer_list<double> weights)
{
    double u = rng.uniform() * std::accumulate(weights.begin(), weights.end(), 0.0);
    int i = 0;
    for (const double w : weights) {
        if (u < w)
            return i;
        u -= w;
        ++i;
    }
    return i - 1;
}

std::uint16_t randomInterests(Rng& rng, int count)
{
    std::uint16_t mask = 0;
    while (std::popcount(static_cast<unsigned>(mask)) < count)
        mask |= static_cast<std::uint16_t>(1u << rng.below(kInterestCount));
    return mask;
}

UserProfile makeUser(Rng& rng, bool bot)
{
    UserProfile u {};
    u.age = static_cast<std::uint8_t>(18 + 57 * std::pow(rng.uniform(), 1.3));
    u.gender = static_cast<std::uint8_t>(pickWeighted(rng, { 0.48, 0.48, 0.04 }));
    u.interests = randomInterests(rng, 1 + static_cast<int>(rng.below(3)));
    u.device = static_cast<std::uint8_t>(pickWeighted(rng, { 0.60, 0.30, 0.10 }));
    int os = 0;
    int browser = 0;
    if (u.device == bidding::kMobile) {
        os = pickWeighted(rng, { 0.6, 0.4 });
        browser = os == 1 ? 1 : pickWeighted(rng, { 0.75, 0, 0.05, 0, 0.20 });
    } else if (u.device == bidding::kDesktop) {
        os = 2 + pickWeighted(rng, { 0.70, 0.22, 0.08 });
        browser = os == 3 ? pickWeighted(rng, { 0.5, 0.4, 0.1 }) : pickWeighted(rng, { 0.65, 0, 0.15, 0.20 });
    } else {
        os = rng.chance(0.55) ? 5 : 0;
        browser = os == 5 ? 1 : 0;
    }
    u.os = static_cast<std::uint8_t>(os);
    u.browser = static_cast<std::uint8_t>(browser);
    u.region = static_cast<std::uint16_t>(50 * std::pow(rng.uniform(), 2.0));
    u.ltv = static_cast<std::uint8_t>(255 * std::pow(rng.uniform(), 1.8));
    u.userAgent = static_cast<std::uint32_t>(browserAgentId(os, browser));
    u.bot = bot ? 1 : 0;
    return u;
}

CampaignConfig makeCampaign(Rng& rng, int index, double budgetPerCampaign)
{
    CampaignConfig c;
    c.deviceMask = rng.chance(0.35) ? 0x7 : static_cast<std::uint8_t>(1 + rng.below(7));
    c.interestMask = rng.chance(0.3) ? 0 : randomInterests(rng, 1 + static_cast<int>(rng.below(3)));
    if (rng.chance(0.5)) {
        const unsigned first = rng.below(4);
        const unsigned width = 2 + rng.below(3);
        c.ageBandMask = static_cast<std::uint8_t>(((1u << width) - 1) << first) & 0x3F;
    }
    switch (rng.chance(0.25) ? rng.below(3) : 3) {
    case 0:
        c.hourMask = 0xFFFFC0;
        break; // 06-24
    case 1:
        c.hourMask = 0xFE0000;
        break; // evenings 17-24
    case 2:
        c.hourMask = 0x03FE00;
        break; // office hours 09-18
    default:
        break;
    }
    if (rng.chance(0.2))
        c.sizeClassMask = (1u << bidding::kMobileBanner) | (1u << bidding::kRectangle) | (1u << bidding::kInterstitial);
    c.maxBidCpm = fromUnits(std::round(100.0 * 1.5 * std::exp(0.7 * std::abs(rng.normal()) + 0.3)) / 100.0);
    // Values in line with the seed-shaped CTR of about 2 % and prices around 1 CPM: a typical campaign earns
    // back about what it spends (ROAS near 1), the better ones more.
    c.valuePerConversion = fromUnits(std::round(100.0 * 1.2 * std::exp(0.7 * rng.normal())) / 100.0);
    c.conversionRate = 0.02 + 0.06 * rng.uniform();
    c.bidMultiplier = 0.6 + rng.uniform();
    c.frequencyCap = rng.chance(0.4) ? 0 : 2 + static_cast<int>(rng.below(7));
    c.creativeQuality = std::exp(0.25 * rng.normal());
    c.dailyBudget = std::max<Micros>(1, fromUnits(budgetPerCampaign * std::exp(0.6 * rng.normal())));
    std::string focus = c.interestMask ? std::string(bidding::kInterestNames[std::countr_zero(c.interestMask)])
                                       : std::string("broad");
    if (c.deviceMask != 0x7)
        focus += c.deviceMask & 1 ? " · mobile" : (c.deviceMask & 2 ? " · desktop" : " · tablet");
    c.name = QStringLiteral("C%1 %2").arg(index + 1, 3, 10, QLatin1Char('0')).arg(QString::fromStdString(focus));
    return c;
}

} // namespace

const std::vector<std::string>& World::osNames()
{
    return osTable();
}

const std::vector<std::string>& World::browserNames()
{
    return browserTable();
}

const std::array<double, 24>& World::hourlyProfile()
{
    // A day of display traffic (UTC): trough before dawn, peak in the evening; mean 1.
    static const std::array<double, 24> profile = [] {
        std::array<double, 24> p {};
        for (int h = 0; h < 24; ++h)
            p[static_cast<std::size_t>(h)] = 1.0 + 0.55 * std::sin(2.0 * M_PI * (h - 14) / 24.0);
        return p;
    }();
    return profile;
}

World World::generate(const WorldConfig& config, std::uint64_t seed)
{
    World w;
    w.m_config = config;
    w.m_seed = seed;
    Rng rng(seed, Stream::World, 0);

    for (std::size_t os = 0; os < osTable().size(); ++os) {
        for (std::size_t b = 0; b < browserTable().size(); ++b)
            w.m_userAgents.push_back(browserAgent(static_cast<int>(os), static_cast<int>(b)));
    }
    const auto firstBotAgent = static_cast<std::uint32_t>(w.m_userAgents.size());
    for (const char* agent : kBotAgents)
        w.m_userAgents.emplace_back(agent);

    w.m_humans = static_cast<std::uint32_t>(config.users);
    const std::uint32_t bots = std::max<std::uint32_t>(16, w.m_humans / 50);
    w.m_users.reserve(w.m_humans + bots);
    for (std::uint32_t i = 0; i < w.m_humans; ++i)
        w.m_users.push_back(makeUser(rng, false));
    for (std::uint32_t i = 0; i < bots; ++i) {
        UserProfile bot = makeUser(rng, true);
        if (rng.chance(0.7)) // declared; the rest pass as browsers
            bot.userAgent = firstBotAgent + rng.below(static_cast<std::uint32_t>(std::size(kBotAgents)));
        w.m_users.push_back(bot);
    }

    static const char* const kinds[] = { "daily", "times", "hub", "today", "insider", "world", "now", "zone" };
    for (int p = 0; p < config.publishers; ++p) {
        Publisher pub {};
        pub.category = static_cast<std::uint8_t>(rng.below(kInterestCount));
        pub.logQuality = static_cast<float>(0.3 * rng.normal());
        pub.priceLevel = static_cast<float>(0.25 * rng.normal());
        pub.firstSlot = static_cast<std::uint32_t>(w.m_slots.size());
        pub.slotCount = static_cast<std::uint8_t>(1 + rng.below(3));
        for (int s = 0; s < pub.slotCount; ++s) {
            const bidding::SlotSize size = bidding::kStandardSizes[rng.below(bidding::kStandardSizes.size())];
            Slot slot {};
            slot.width = size.width;
            slot.height = size.height;
            slot.aboveFold = rng.chance(0.5) ? 1 : 0;
            // Floors sit below the typical clearing price of the slot, so most auctions clear.
            const double effect = MarketPriceModel::slotEffect(size.width, size.height, slot.aboveFold != 0);
            slot.floorCpm = fromUnits(std::round(100.0 * (0.15 + 0.45 * rng.uniform()) * std::exp(effect)) / 100.0);
            w.m_slots.push_back(slot);
        }
        w.m_publishers.push_back(pub);
        w.m_domains.push_back(std::string(bidding::kInterestNames[pub.category]) + "-" + kinds[rng.below(8)] + "-"
                              + std::to_string(p + 1) + ".example");
    }

    const std::array<double, 24>& profile = hourlyProfile();
    for (int h = 0; h < 24; ++h)
        w.m_cumulative[static_cast<std::size_t>(h) + 1] = w.m_cumulative[static_cast<std::size_t>(h)]
            + config.requestsPerSimSecond * 3600.0 * profile[static_cast<std::size_t>(h)];

    w.m_firstMidnightMs = config.simStartMs - ((config.simStartMs % 86'400'000) + 86'400'000) % 86'400'000;
    const double intoDayMs = static_cast<double>(config.simStartMs - w.m_firstMidnightMs);
    const auto startHour = static_cast<std::size_t>(intoDayMs / 3'600'000.0);
    w.m_startOffset = w.m_cumulative[startHour]
        + (w.m_cumulative[startHour + 1] - w.m_cumulative[startHour]) * (intoDayMs / 3'600'000.0 - startHour);

    if (!config.campaigns.empty()) {
        w.m_campaigns = config.campaigns;
    } else {
        // Daily budgets: together they buy about a third of the day's impressions at a typical clearing
        // price (1.3 CPM), so budgets bind for the better campaigns and pacing matters.
        const double marketPerDay = w.requestsPerSimDay() * 1.3 / 1000.0;
        const double perCampaign = config.budgetScale * 0.35 * marketPerDay / config.campaignCount;
        for (int c = 0; c < config.campaignCount; ++c)
            w.m_campaigns.push_back(makeCampaign(rng, c, perCampaign));
    }
    return w;
}

std::vector<bidding::CampaignSpec> World::campaignSpecs() const
{
    std::vector<bidding::CampaignSpec> specs;
    specs.reserve(m_campaigns.size());
    std::uint16_t nextSlot = 0;
    for (const CampaignConfig& c : m_campaigns) {
        bidding::CampaignSpec s {};
        s.maxBidCpm = c.maxBidCpm;
        s.valuePerConversion = c.valuePerConversion;
        s.conversionRate = c.conversionRate;
        s.bidMultiplier = c.bidMultiplier;
        s.hourMask = c.hourMask;
        s.interestMask = c.interestMask;
        s.deviceMask = c.deviceMask;
        s.ageBandMask = c.ageBandMask;
        s.sizeClassMask = c.sizeClassMask;
        s.frequencyCap = static_cast<std::uint8_t>(std::clamp(c.frequencyCap, 0, 255));
        s.frequencySlot = s.frequencyCap ? nextSlot++ : bidding::kNoFrequencySlot;
        specs.push_back(s);
    }
    return specs;
}

std::uint32_t World::frequencySlots() const
{
    return static_cast<std::uint32_t>(std::count_if(m_campaigns.begin(), m_campaigns.end(),
                                                    [](const CampaignConfig& c) { return c.frequencyCap > 0; }));
}

std::int64_t World::simTimeOf(std::uint64_t index) const
{
    const double perDay = m_cumulative[24];
    const double i = static_cast<double>(index) + m_startOffset;
    const double day = std::floor(i / perDay);
    const double rest = i - day * perDay;
    std::size_t hour = 0;
    while (hour < 23 && m_cumulative[hour + 1] <= rest)
        ++hour;
    const double rate = (m_cumulative[hour + 1] - m_cumulative[hour]) / 3600.0; // requests per world second
    const double seconds = (rest - m_cumulative[hour]) / rate;
    return m_firstMidnightMs + static_cast<std::int64_t>(day) * 86'400'000 + static_cast<std::int64_t>(hour) * 3'600'000
        + static_cast<std::int64_t>(seconds * 1000.0);
}

} // namespace bidlab::engine
