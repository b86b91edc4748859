// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

// The distribution functions the tests need, from Boost.Math (the library SciPy itself uses for several of
// them), behind a small face so that no other file includes Boost. Tails are computed directly (never as
// 1 - cdf), so tiny p-values keep their relative precision. Arguments outside a function's domain give NaN.
namespace bidlab::stats {

double normalCdf(double z);
// Upper tail P(Z > z).
double normalSf(double z);
// The z with P(Z <= z) = p.
double normalQuantile(double p);
// The z with P(Z > z) = p: the critical value of a two-sided test at alpha is normalIsf(alpha / 2).
double normalIsf(double p);
// Two-sided p-value of a standard normal statistic, 2 P(Z > |z|).
double twoSidedNormalP(double z);

// Student's t with `df` degrees of freedom (df may be fractional, as Welch's is).
double studentTSf(double t, double df);
double studentTIsf(double p, double df);

// Chi-square upper tail P(X > x).
double chiSquaredSf(double x, double df);

// Hypergeometric law of the number of successes in `draws` items taken without replacement from
// `population` items of which `successes` are successes (SciPy's hypergeom(M=population, n=successes,
// N=draws)). sf(k) is P(X > k).
double hypergeometricPmf(std::int64_t k, std::int64_t population, std::int64_t successes, std::int64_t draws);
double hypergeometricCdf(std::int64_t k, std::int64_t population, std::int64_t successes, std::int64_t draws);
double hypergeometricSf(std::int64_t k, std::int64_t population, std::int64_t successes, std::int64_t draws);

} // namespace bidlab::stats
