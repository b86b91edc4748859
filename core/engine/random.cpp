// SPDX-License-Identifier: MIT
#include "core/engine/random.h"

#include <array>
#include <boost/math/distributions/normal.hpp>

namespace bidlab::engine {

namespace {

// Quantiles of the standard normal at 4096 evenly spaced probabilities: a normal draw is one table lookup
// and a linear interpolation (a few ns, against tens for Box-Muller). The tails are cut at about ±3.7 σ,
// which is fine for prices and delays in a simulation.
constexpr int kTableBits = 12;
constexpr int kTableSize = 1 << kTableBits;

const std::array<double, kTableSize + 1>& quantiles()
{
    static const std::array<double, kTableSize + 1> table = [] {
        std::array<double, kTableSize + 1> t {};
        const boost::math::normal_distribution<double> standard;
        for (int k = 0; k <= kTableSize; ++k)
            t[static_cast<std::size_t>(k)] = boost::math::quantile(standard, (k + 0.5) / (kTableSize + 1));
        return t;
    }();
    return table;
}

} // namespace

double Rng::normalFrom(std::uint64_t bits)
{
    const auto k = static_cast<std::size_t>(bits >> (64 - kTableBits));
    const double fraction = static_cast<double>((bits >> 11) & ((1ULL << (53 - kTableBits)) - 1))
        * (1.0 / static_cast<double>(1ULL << (53 - kTableBits)));
    const auto& q = quantiles();
    return q[k] + (q[k + 1] - q[k]) * fraction;
}

} // namespace bidlab::engine
