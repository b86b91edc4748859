// SPDX-License-Identifier: MIT
#include "core/engine/market_price_model.h"

#include "core/engine/random.h"

#include <cmath>

namespace bidlab::engine {

MarketPriceModel::MarketPriceModel(const World& world)
    : m_world(&world)
    , m_logBase(std::log(kBaseCpm * world.config().marketPriceScale))
{
    for (std::size_t s = 0; s < bidding::kStandardSizes.size(); ++s) {
        for (int fold = 0; fold < 2; ++fold)
            m_standardEffect[2 * s + static_cast<std::size_t>(fold)]
                = slotEffect(bidding::kStandardSizes[s].width, bidding::kStandardSizes[s].height, fold != 0);
    }
    // Prices follow demand: busier hours clear higher.
    const std::array<double, 24>& profile = World::hourlyProfile();
    for (std::size_t h = 0; h < 24; ++h)
        m_hourEffect[h] = 0.25 * std::log(profile[h]);
}

double MarketPriceModel::slotEffect(int width, int height, bool aboveFold)
{
    return 0.15 * std::log(width * height / 75'000.0) + (aboveFold ? 0.2 : -0.1);
}

double MarketPriceModel::logMean(const bidding::BidRequest& r) const
{
    static constexpr double deviceEffect[] = { -0.1, 0.1, 0.0 };
    const Publisher& publisher = m_world->publishers()[r.publisher];
    return m_logBase + sizeEffect(r.slotWidth, r.slotHeight, r.aboveFold != 0) + publisher.priceLevel
        + m_hourEffect[r.hour % 24] + deviceEffect[r.device % 3];
}

double MarketPriceModel::sizeEffect(int width, int height, bool aboveFold) const
{
    for (std::size_t s = 0; s < bidding::kStandardSizes.size(); ++s) {
        if (bidding::kStandardSizes[s].width == width && bidding::kStandardSizes[s].height == height)
            return m_standardEffect[2 * s + (aboveFold ? 1 : 0)];
    }
    return slotEffect(width, height, aboveFold);
}

Micros MarketPriceModel::price(const bidding::BidRequest& r) const
{
    const double z = Rng::normalFrom(Rng::hash(m_world->seed(), Stream::Market, r.id));
    return static_cast<Micros>(std::exp(logMean(r) + kSigma * z) * 1e6 + 0.5);
}

} // namespace bidlab::engine
