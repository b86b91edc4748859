// SPDX-License-Identifier: MIT
#pragma once

#include "core/stats/intervals.h"

#include <cstdint>
#include <span>

// Ratio metrics such as ROAS = sum(revenue) / sum(cost), whose units (users, days) carry both parts.
namespace bidlab::stats {

// One arm's units: the ratio's numerator and denominator per unit (revenue and cost in micros).
struct RatioUnits
{
    std::span<const std::int64_t> numerator;
    std::span<const std::int64_t> denominator;
};

// The ratio of sums with the delta-method variance of its estimator (Deng, Knoblich and Lu 2018):
// var(R/C) ~ (R/C)^2 (s_r^2 / r^2 + s_c^2 / c^2 - 2 s_rc / (r c)) / n over the unit means r, c. Passed with
// another arm's to relativeLift(), it gives the closed-form test of the ratio's lift. Needs n >= 2 and
// non-zero sums; the variance is 0 otherwise.
Estimate ratioEstimate(const RatioUnits& units);

} // namespace bidlab::stats
