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
    for (std::size_t k = 0; k < out.size(); ++k)
        out[k] = request(firstId + k);
    return out.size();
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

    const bool bot = w.botCount() > 0 && rng.chance(m_botShare.load(std::memory_order_relaxed));
    const double u = rng.uniform();
    r.user = bot ? w.humanCount() + rng.below(w.botCount())
                 : std::min(w.humanCount() - 1, static_cast<std::uint32_t>(w.humanCount() * u * u));
    const UserProfile& user = w.users()[r.user];
    const double v = rng.uniform();
    r.publisher = std::min(static_cast<std::uint32_t>(w.publishers().size() - 1),
                           static_cast<std::uint32_t>(static_cast<double>(w.publishers().size()) * v * v * v));
    const Publisher& publisher = w.publishers()[r.publisher];
    const Slot& slot = w.adSlots()[publisher.firstSlot + rng.below(publisher.slotCount)];

    r.floorCpm = static_cast<Micros>(std::llround(static_cast<double>(slot.floorCpm) * (0.9 + 0.2 * rng.uniform())));
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
