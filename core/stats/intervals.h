// SPDX-License-Identifier: MIT
#pragma once

#include "core/stats/proportion_tests.h"

#include <optional>

// Confidence intervals: per arm (Wilson), for a difference of proportions (Newcombe) and for a relative lift
// (the delta method on the log of the ratio).
namespace bidlab::stats {

struct Interval
{
    double low = 0;
    double high = 0;

    bool contains(double x) const { return low <= x && x <= high; }
};

// The two-sided critical value z_{1-alpha/2} (1.959963984540054 for alpha = 0.05).
double criticalZ(double alpha);

// Wilson score interval of one proportion (statsmodels proportion_confint, method="wilson"), clipped to
// [0, 1] against rounding. Needs trials > 0.
Interval wilsonInterval(const Proportion& p, double alpha);

// Newcombe's hybrid score interval of pB - pA (method 10 of Newcombe 1998; statsmodels
// confint_proportions_2indep, method="newcomb"), built from the two Wilson intervals.
Interval newcombeInterval(const Proportion& a, const Proportion& b, double alpha);
// The same from the arms' Wilson intervals when they are already known.
Interval newcombeInterval(const Proportion& a, const Interval& wilsonA, const Proportion& b, const Interval& wilsonB);

// An estimate with the variance of its estimator (p with p(1-p)/n, a mean with s^2/n, ...).
struct Estimate
{
    double value = 0;
    double variance = 0;
};

// The relative lift B/A - 1 with a delta-method interval and test on the log scale:
// var(log B/A) ~ var(B)/B^2 + var(A)/A^2, interval exp(log(B/A) +- z se) - 1, which stays above -100 %.
// For proportions this is statsmodels confint_proportions_2indep(compare="ratio", method="log").
struct Lift
{
    std::optional<double> lift; // empty when A is 0
    std::optional<Interval> interval; // empty when either estimate is not positive
    std::optional<double> z; // log(B/A) / se, when the interval exists and se > 0
    std::optional<double> pValue;
};
Lift relativeLift(const Estimate& a, const Estimate& b, double alpha);

// The estimate of a proportion: p and p(1-p)/n.
Estimate proportionEstimate(const Proportion& p);

} // namespace bidlab::stats
