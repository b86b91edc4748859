// SPDX-License-Identifier: MIT
#include "core/engine/market_price_model.h"

#include "core/engine/random.h"

#include <cmath>

namespace bidlab::engine {

MarketPriceModel::MarketPriceModel(const World& world)
    : m_world(&world)
    , m_scale(world.config().marketPriceScale)
{
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
    return std::log(kBaseCpm * m_scale) + slotEffect(r.slotWidth, r.slotHeight, r.aboveFold != 0) + publisher.priceLevel
        + m_hourEffect[r.hour % 24] + deviceEffect[r.device % 3];
}

Micros MarketPriceModel::price(const bidding::BidRequest& r) const
{
    Rng rng(m_world->seed(), Stream::Market, r.id);
    return fromUnits(std::exp(logMean(r) + kSigma * rng.normal()));
}

} // namespace bidlab::engine
