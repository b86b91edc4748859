// SPDX-License-Identifier: MIT
#include "core/replay/market_price.h"

namespace bidlab::replay {

MarketPrice MarketPrice::fromCounts(const std::vector<std::int64_t>& counts)
{
    std::int64_t total = 0;
    for (const std::int64_t count : counts)
        total += count;
    // Both operands are exact integers below 2^53, so each quotient is the correctly rounded one, the same
    // as Python's int / int in the reference implementation.
    const double denominator = static_cast<double>(total + static_cast<std::int64_t>(counts.size()));
    MarketPrice market;
    market.m_pdf.reserve(counts.size());
    for (const std::int64_t count : counts)
        market.m_pdf.push_back(static_cast<double>(count + 1) / denominator);
    return market;
}

} // namespace bidlab::replay
