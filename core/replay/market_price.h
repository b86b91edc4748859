// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <vector>

namespace bidlab::replay {

// The market-price distribution m(δ), δ = 0..maxPrice, estimated from the training price counts with
// add-one (Laplace) smoothing over all bins, as RLB does (REPLAY.md §4):
//   m(δ) = (count[δ] + 1) / (Σ count + bins).
class MarketPrice
{
public:
    static MarketPrice fromCounts(const std::vector<std::int64_t>& counts);

    int maxPrice() const { return static_cast<int>(m_pdf.size()) - 1; }
    double probability(int price) const { return m_pdf[static_cast<std::size_t>(price)]; }
    const std::vector<double>& pdf() const { return m_pdf; }

private:
    std::vector<double> m_pdf;
};

} // namespace bidlab::replay
