// SPDX-License-Identifier: MIT
#include "core/stats/power.h"

#include "core/stats/distributions.h"

#include <boost/math/tools/roots.hpp>
#include <cmath>
#include <cstdint>
#include <numbers>

namespace bidlab::stats {

namespace {

// The power of a two-sided normal test with standardized effect h over an effective size n.
double normalPower(double h, double effectiveN, double alpha)
{
    const double shift = h * std::sqrt(effectiveN);
    return normalSf(normalIsf(alpha / 2) - shift) + normalCdf(normalQuantile(alpha / 2) - shift);
}

double effectiveSize(double nA, double ratio)
{
    return 1.0 / (1.0 / nA + 1.0 / (nA * ratio));
}

// The root of f on [low, high] where f changes sign, to about 1e-15 relative (TOMS 748).
std::optional<double> solve(const auto& f, double low, double high)
{
    const double fLow = f(low), fHigh = f(high);
    if (!(fLow * fHigh <= 0))
        return std::nullopt;
    if (fLow == 0)
        return low;
    if (fHigh == 0)
        return high;
    std::uintmax_t iterations = 200;
    const auto [a, b] = boost::math::tools::toms748_solve(f, low, high, fLow, fHigh,
                                                          boost::math::tools::eps_tolerance<double>(50), iterations);
    return (a + b) / 2;
}

bool isRate(double p)
{
    return p > 0 && p < 1;
}

} // namespace

double cohensH(double pA, double pB)
{
    return 2 * std::asin(std::sqrt(pB)) - 2 * std::asin(std::sqrt(pA));
}

double powerOfTest(double pA, double pB, double nA, double alpha, double ratio)
{
    return normalPower(std::fabs(cohensH(pA, pB)), effectiveSize(nA, ratio), alpha);
}

std::optional<double> requiredSampleSize(const PlanningInputs& in, double pB)
{
    if (!isRate(in.baseline) || !isRate(pB) || pB == in.baseline || !(in.ratio > 0) || !(in.power > in.alpha / 2)
        || !(in.power < 1))
        return std::nullopt;
    const double h = std::fabs(cohensH(in.baseline, pB));
    auto gap = [&](double nA) { return normalPower(h, effectiveSize(nA, in.ratio), in.alpha) - in.power; };
    // The power grows with n: widen the upper bound until it is reached.
    double high = 16;
    while (gap(high) < 0 && high < 1e18)
        high *= 4;
    return solve(gap, 1e-9, high);
}

std::optional<double> minimumDetectableRate(const PlanningInputs& in, double nA)
{
    if (!isRate(in.baseline) || !(nA > 0) || !(in.ratio > 0) || !(in.power > in.alpha / 2) || !(in.power < 1))
        return std::nullopt;
    const double n = effectiveSize(nA, in.ratio);
    auto gap = [&](double pB) { return normalPower(cohensH(in.baseline, pB), n, in.alpha) - in.power; };
    if (gap(1.0) < 0)
        return std::nullopt;
    return solve(gap, in.baseline, 1.0);
}

} // namespace bidlab::stats
