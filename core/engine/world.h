// SPDX-License-Identifier: MIT
#pragma once

#include "core/bidding/campaign.h"
#include "core/engine/engine_config.h"

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace bidlab::engine {

struct UserProfile
{
    std::uint32_t userAgent; // interned
    std::uint16_t interests; // bit mask
    std::uint16_t region;
    std::uint8_t age;
    std::uint8_t gender;
    std::uint8_t device;
    std::uint8_t os;
    std::uint8_t browser;
    std::uint8_t ltv; // 0..255
    std::uint8_t bot; // ground truth: 1 for a bot (declared in its user agent or not)
    std::uint8_t reserved;
};
static_assert(sizeof(UserProfile) == 16);

struct Publisher
{
    std::uint32_t firstSlot;
    std::uint8_t slotCount;
    std::uint8_t category; // interest index
    float logQuality; // adds to the true CTR's log-odds
    float priceLevel; // log offset of the market price
};

struct Slot
{
    Micros floorCpm;
    std::uint16_t width;
    std::uint16_t height;
    std::uint8_t aboveFold;
};

// The seeded synthetic world: users (and a pool of bots), publishers and their slots, campaigns, the
// interned strings, and the world clock. Generated once per run; read-only afterwards (shared by threads).
class World
{
public:
    static World generate(const WorldConfig& config, std::uint64_t seed);

    const WorldConfig& config() const { return m_config; }
    std::uint64_t seed() const { return m_seed; }

    // Humans first, then bots.
    std::span<const UserProfile> users() const { return m_users; }
    std::uint32_t humanCount() const { return m_humans; }
    std::uint32_t botCount() const { return static_cast<std::uint32_t>(m_users.size()) - m_humans; }
    std::span<const Publisher> publishers() const { return m_publishers; }
    std::span<const Slot> adSlots() const { return m_slots; }

    const std::vector<CampaignConfig>& campaigns() const { return m_campaigns; }
    std::vector<bidding::CampaignSpec> campaignSpecs() const;
    std::uint32_t frequencySlots() const; // campaigns with a frequency cap

    // Interned strings, indexed by the ids in requests and events.
    const std::vector<std::string>& userAgents() const { return m_userAgents; }
    const std::vector<std::string>& publisherDomains() const { return m_domains; }
    static const std::vector<std::string>& osNames();
    static const std::vector<std::string>& browserNames();

    // The world clock: the time of request `index` (traffic follows a daily profile around
    // requestsPerSimSecond), ms since the epoch.
    std::int64_t simTimeOf(std::uint64_t index) const;
    double requestsPerSimDay() const { return m_cumulative[24]; }
    // Relative traffic by hour of day (mean 1).
    static const std::array<double, 24>& hourlyProfile();

private:
    WorldConfig m_config;
    std::uint64_t m_seed = 0;
    std::vector<UserProfile> m_users;
    std::uint32_t m_humans = 0;
    std::vector<Publisher> m_publishers;
    std::vector<Slot> m_slots;
    std::vector<CampaignConfig> m_campaigns;
    std::vector<std::string> m_userAgents;
    std::vector<std::string> m_domains;
    std::array<double, 25> m_cumulative {}; // requests before each hour of a day
    std::int64_t m_firstMidnightMs = 0; // midnight (UTC) before the world's start
    double m_startOffset = 0.0; // requests from that midnight to the start
};

} // namespace bidlab::engine
