// SPDX-License-Identifier: MIT
#include "core/bidding/bid_shading.h"

#include <algorithm>

namespace bidlab::bidding {

BidShader::BidShader()
    : BidShader(Options {})
{ }

BidShader::BidShader(const Options& options)
    : m_options(options)
    , m_centre(std::clamp(options.initial, options.min, options.max))
{ }

double BidShader::factor() const
{
    return std::clamp(m_centre + m_side * m_options.probe, m_options.min, m_options.max);
}

void BidShader::record(Micros shadedBidCpm, bool won)
{
    const double price = static_cast<double>(shadedBidCpm);
    const double value = price / factor();
    ++m_bids;
    m_valueOffered += value;
    if (won)
        m_surplus += value - price;
}

bool BidShader::advance()
{
    if (m_bids < m_options.bidsPerPeriod)
        return false;
    const double score = m_valueOffered > 0 ? m_surplus / m_valueOffered : 0.0;
    m_bids = 0;
    m_valueOffered = m_surplus = 0.0;
    if (m_side > 0) {
        m_upperScore = score;
        m_side = -1;
        return true;
    }
    // Both sides measured: move the centre toward the better one.
    const double direction = m_upperScore > score ? 1.0 : (m_upperScore < score ? -1.0 : 0.0);
    m_centre = std::clamp(m_centre + direction * m_options.step, m_options.min, m_options.max);
    m_side = +1;
    return true;
}

} // namespace bidlab::bidding
