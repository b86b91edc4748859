// SPDX-License-Identifier: MIT
#include "core/stats/distributions.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/hypergeometric.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>

namespace bidlab::stats {

namespace {

// Errors become values (NaN, infinities, zero) instead of exceptions: a statistic computed on odd data must
// never end an analysis of ten thousand experiments.
using Policy
    = boost::math::policies::policy<boost::math::policies::domain_error<boost::math::policies::ignore_error>,
                                    boost::math::policies::pole_error<boost::math::policies::ignore_error>,
                                    boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
                                    boost::math::policies::underflow_error<boost::math::policies::ignore_error>,
                                    boost::math::policies::evaluation_error<boost::math::policies::ignore_error>,
                                    boost::math::policies::rounding_error<boost::math::policies::ignore_error>>;

using Normal = boost::math::normal_distribution<double, Policy>;
using StudentT = boost::math::students_t_distribution<double, Policy>;
using ChiSquared = boost::math::chi_squared_distribution<double, Policy>;
using Hypergeometric = boost::math::hypergeometric_distribution<double, Policy>;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool isProbability(double p)
{
    return p >= 0.0 && p <= 1.0;
}

// Boost's hypergeometric law takes unsigned 32-bit parameters; larger tables are outside its domain.
bool hypergeometricDomain(std::int64_t population, std::int64_t successes, std::int64_t draws)
{
    constexpr std::int64_t limit = std::numeric_limits<unsigned>::max();
    return population >= 0 && population <= limit && successes >= 0 && successes <= population && draws >= 0
        && draws <= population;
}

// The values the number of successes can take.
struct Support
{
    std::int64_t low;
    std::int64_t high;
};

Support support(std::int64_t population, std::int64_t successes, std::int64_t draws)
{
    return { std::max<std::int64_t>(0, draws + successes - population), std::min(successes, draws) };
}

Hypergeometric hypergeometric(std::int64_t population, std::int64_t successes, std::int64_t draws)
{
    // Boost's order: (defective items r, sample size n, total N).
    return Hypergeometric(static_cast<unsigned>(successes), static_cast<unsigned>(draws),
                          static_cast<unsigned>(population));
}

} // namespace

double normalCdf(double z)
{
    if (std::isnan(z))
        return kNaN;
    if (std::isinf(z))
        return z > 0 ? 1.0 : 0.0;
    return boost::math::cdf(Normal(), z);
}

double normalSf(double z)
{
    if (std::isnan(z))
        return kNaN;
    if (std::isinf(z))
        return z > 0 ? 0.0 : 1.0;
    return boost::math::cdf(boost::math::complement(Normal(), z));
}

double normalQuantile(double p)
{
    if (!isProbability(p))
        return kNaN;
    if (p == 0.0 || p == 1.0)
        return p == 0.0 ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    return boost::math::quantile(Normal(), p);
}

double normalIsf(double p)
{
    if (!isProbability(p))
        return kNaN;
    if (p == 0.0 || p == 1.0)
        return p == 0.0 ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
    return boost::math::quantile(boost::math::complement(Normal(), p));
}

double twoSidedNormalP(double z)
{
    return std::min(1.0, 2.0 * normalSf(std::fabs(z)));
}

double studentTSf(double t, double df)
{
    if (std::isnan(t) || !(df > 0))
        return kNaN;
    if (std::isinf(t))
        return t > 0 ? 0.0 : 1.0;
    return boost::math::cdf(boost::math::complement(StudentT(df), t));
}

double studentTIsf(double p, double df)
{
    if (!isProbability(p) || !(df > 0) || p == 0.0 || p == 1.0)
        return kNaN;
    return boost::math::quantile(boost::math::complement(StudentT(df), p));
}

double chiSquaredSf(double x, double df)
{
    if (std::isnan(x) || !(df > 0))
        return kNaN;
    if (x <= 0)
        return 1.0;
    if (std::isinf(x))
        return 0.0;
    if (df == 1.0) // the square of a standard normal: erfc is several times cheaper than the incomplete gamma
        return 2.0 * normalSf(std::sqrt(x));
    return boost::math::cdf(boost::math::complement(ChiSquared(df), x));
}

double hypergeometricPmf(std::int64_t k, std::int64_t population, std::int64_t successes, std::int64_t draws)
{
    if (!hypergeometricDomain(population, successes, draws))
        return kNaN;
    const auto [low, high] = support(population, successes, draws);
    if (k < low || k > high)
        return 0.0;
    return boost::math::pdf(hypergeometric(population, successes, draws), static_cast<unsigned>(k));
}

double hypergeometricCdf(std::int64_t k, std::int64_t population, std::int64_t successes, std::int64_t draws)
{
    if (!hypergeometricDomain(population, successes, draws))
        return kNaN;
    const auto [low, high] = support(population, successes, draws);
    if (k < low)
        return 0.0;
    if (k >= high)
        return 1.0;
    return boost::math::cdf(hypergeometric(population, successes, draws), static_cast<unsigned>(k));
}

double hypergeometricSf(std::int64_t k, std::int64_t population, std::int64_t successes, std::int64_t draws)
{
    if (!hypergeometricDomain(population, successes, draws))
        return kNaN;
    const auto [low, high] = support(population, successes, draws);
    if (k < low)
        return 1.0;
    if (k >= high)
        return 0.0;
    return boost::math::cdf(
        boost::math::complement(hypergeometric(population, successes, draws), static_cast<unsigned>(k)));
}

} // namespace bidlab::stats
