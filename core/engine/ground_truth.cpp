// SPDX-License-Identifier: MIT
#include "core/engine/ground_truth.h"

#include "core/bidding/request_features.h"
#include "core/bidding/taxonomy.h"
#include "core/engine/random.h"

#include <algorithm>
#include <cmath>

namespace bidlab::engine {

namespace {

// The built-in bidder model's weights (ctr_model.cpp, CtrModel::builtInDefault): the part of the truth a
// model of the seed's nine features can learn.
constexpr double kBias = -5.3065;
constexpr double kWeights[bidding::kEngineDenseCount] = { -2.5, 0.3, 3.0, 1.2, -2.0, 0.8, 1.0, -0.5, 0.6 };

} // namespace

GroundTruth::GroundTruth(const World& world)
    : m_world(&world)
{
    for (const CampaignConfig& c : world.campaigns())
        m_logCreative.push_back(std::log(std::max(c.creativeQuality, 1e-9)));
}

double GroundTruth::clickProbability(const bidding::BidRequest& r, int campaign) const
{
    if (r.user < m_world->users().size() && m_world->users()[r.user].bot)
        return kBotCtr;
    const bidding::RequestFeatures f = bidding::extractFeatures(r);
    double z = kBias;
    for (int i = 0; i < bidding::kEngineDenseCount; ++i)
        z += kWeights[i] * f.dense[static_cast<std::size_t>(i)];
    z += 0.8 * (bidding::unitFraction(r.relevance) - 0.4);
    z += (r.device == bidding::kMobile && r.hour >= 18) ? 0.35 : 0.0;
    z -= (!r.aboveFold && bidding::sizeClass(r.slotWidth, r.slotHeight) == bidding::kSkyscraper) ? 0.4 : 0.0;
    z += 0.5 * (bidding::unitFraction(r.ltv) - 0.25);
    if (r.publisher < m_world->publishers().size())
        z += m_world->publishers()[r.publisher].logQuality;
    if (campaign >= 0 && static_cast<std::size_t>(campaign) < m_logCreative.size())
        z += m_logCreative[static_cast<std::size_t>(campaign)];
    return 1.0 / (1.0 + std::exp(-z));
}

double GroundTruth::conversionProbability(const bidding::BidRequest& r, int campaign) const
{
    if (r.user < m_world->users().size() && m_world->users()[r.user].bot)
        return 0.0;
    if (campaign < 0 || static_cast<std::size_t>(campaign) >= m_world->campaigns().size())
        return 0.0;
    const double base = m_world->campaigns()[static_cast<std::size_t>(campaign)].conversionRate;
    return std::min(0.9, base * (0.5 + bidding::unitFraction(r.ltv)));
}

ImpressionOutcome GroundTruth::outcome(const bidding::BidRequest& r, int campaign) const
{
    const WorldConfig& config = m_world->config();
    ImpressionOutcome o;
    // Most impressions are not clicked: decide that with one hash, and draw the rest only after a click.
    o.clicked = Rng::unitFrom(Rng::hash(m_world->seed(), Stream::Truth, r.id)) < clickProbability(r, campaign);
    if (!o.clicked)
        return o;
    Rng rng(m_world->seed(), Stream::Truth, r.id);
    o.clickDelayMs = 1 + static_cast<std::int64_t>(rng.exponential(config.clickDelayMeanSeconds * 1000.0));
    o.duplicateClick = rng.chance(config.duplicateClickShare);
    if (o.duplicateClick) // a double click or a retried beacon: mostly within seconds
        o.duplicateDelayMs = 1 + static_cast<std::int64_t>(rng.exponential(config.duplicateWindowSeconds * 1000.0 / 8));
    o.converted = rng.chance(conversionProbability(r, campaign));
    if (o.converted) {
        o.conversionDelayMs
            = 1 + static_cast<std::int64_t>(rng.exponential(config.conversionDelayMeanSeconds * 1000.0));
        const Micros value = m_world->campaigns()[static_cast<std::size_t>(campaign)].valuePerConversion;
        o.conversionValue = static_cast<Micros>(std::llround(static_cast<double>(value) * (0.5 + rng.uniform())));
    }
    return o;
}

} // namespace bidlab::engine
