// SPDX-License-Identifier: MIT
#include "core/engine/synthetic_traffic.h"

#include "core/engine/random.h"

#include <cmath>

namespace bidlab::engine {

SyntheticTraffic::SyntheticTraffic(const World& world)
    : m_world(&world)
    , m_market(world)
    , m_truth(world)
    , m_botShare(world.config().botShare)
{ }

std::size_t SyntheticTraffic::generate(std::uint64_t firstId, std::span<bidding::BidRequest> out) const
{
    // The user table is megabytes and read at random: fetch each profile a few requests ahead.
    constexpr std::size_t kAhead = 8;
    const UserProfile* users = m_world->users().data();
    for (std::size_t k = 0; k < std::min(kAhead, out.size()); ++k)
        __builtin_prefetch(users + userOf(firstId + k));
    for (std::size_t k = 0; k < out.size(); ++k) {
        if (k + kAhead < out.size())
            __builtin_prefetch(users + userOf(firstId + k + kAhead));
        out[k] = request(firstId + k);
    }
    return out.size();
}

std::uint32_t SyntheticTraffic::userOf(std::uint64_t id) const
{
    const World& w = *m_world;
    const std::uint64_t bits = Rng::hash(w.seed(), Stream::User, id);
    if (w.botCount() > 0 && Rng::unitFrom(bits) < m_botShare.load(std::memory_order_relaxed))
        return w.humanCount() + static_cast<std::uint32_t>((bits & 0xFFFFFFFF) * w.botCount() >> 32);
    // Heavy users more often: the index is u² of the humans (a tenth of the traffic from the top 1 %).
    const double u = Rng::unitFrom(bidding::mix64(bits));
    return std::min(w.humanCount() - 1, static_cast<std::uint32_t>(w.humanCount() * u * u));
}

bidding::BidRequest SyntheticTraffic::request(std::uint64_t id) const
{
    const World& w = *m_world;
    Rng rng(w.seed(), Stream::Request, id);
    bidding::BidRequest r {};
    r.id = id;
    r.simTimeMs = w.simTimeOf(id);
    const std::int64_t day = r.simTimeMs >= 0 ? r.simTimeMs / 86'400'000 : (r.simTimeMs - 86'399'999) / 86'400'000;
    r.hour = static_cast<std::uint8_t>((r.simTimeMs - day * 86'400'000) / 3'600'000);
    r.dayOfWeek = static_cast<std::uint8_t>(((day + 3) % 7 + 7) % 7); // 1970-01-01 was a Thursday

    r.user = userOf(id);
    const UserProfile& user = w.users()[r.user];
    const double v = rng.uniform();
    r.publisher = std::min(static_cast<std::uint32_t>(w.publishers().size() - 1),
                           static_cast<std::uint32_t>(static_cast<double>(w.publishers().size()) * v * v * v));
    const Publisher& publisher = w.publishers()[r.publisher];
    const Slot& slot = w.adSlots()[publisher.firstSlot + rng.below(publisher.slotCount)];

    r.floorCpm = static_cast<Micros>(static_cast<double>(slot.floorCpm) * (0.9 + 0.2 * rng.uniform()) + 0.5);
    r.pCtrHint = 0.0;
    r.slotWidth = slot.width;
    r.slotHeight = slot.height;
    r.aboveFold = slot.aboveFold;
    r.interests = user.interests;
    r.region = user.region;
    r.age = user.age;
    r.gender = user.gender;
    r.device = user.device;
    r.os = user.os;
    r.browser = user.browser;
    r.ltv = user.ltv;
    const bool match = (user.interests >> publisher.category) & 1u;
    r.relevance = static_cast<std::uint8_t>(255.0 * (match ? 0.55 + 0.45 * rng.uniform() : 0.35 * rng.uniform()));
    r.userAgent = user.userAgent;
    return r;
}

} // namespace bidlab::engine
