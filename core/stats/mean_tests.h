// SPDX-License-Identifier: MIT
#pragma once

#include "core/stats/intervals.h"

#include <optional>
#include <span>

// Tests of two means (revenue per user, daily metrics): Welch's t-test from summaries, and the Mann-Whitney U
// test on the values as a check that does not lean on normality.
namespace bidlab::stats {

// Size, mean and unbiased variance (n - 1 in the denominator) of a sample.
struct SampleSummary
{
    double count = 0;
    double mean = 0;
    double variance = 0;

    // The mean with the variance of its estimator, s^2 / n.
    Estimate estimate() const { return { mean, count > 0 ? variance / count : 0.0 }; }
};

// Two-pass mean and variance (numerically stable for large, nearly constant samples).
SampleSummary summarize(std::span<const double> values);
// From a count, a sum and a sum of squares (aggregated tables carry these); the variance is clamped at 0.
SampleSummary summarizeSums(double count, double sum, double sumOfSquares);

// Welch's unequal-variance t-test of mean(B) - mean(A) with Welch–Satterthwaite degrees of freedom
// (scipy.stats.ttest_ind_from_stats, equal_var=False), with the matching interval of the difference.
// Empty when an arm has fewer than 2 values or both variances are 0.
struct WelchResult
{
    double t = 0;
    double degreesOfFreedom = 0;
    double pValue = 1;
    double difference = 0;
    Interval interval;
};
std::optional<WelchResult> welchTest(const SampleSummary& a, const SampleSummary& b, double alpha);

// Two-sided Mann–Whitney U test (scipy.stats.mannwhitneyu, method "auto", continuity correction): U is the
// statistic of `first`; the exact law when a sample has at most 8 values and there are no ties, otherwise
// the normal approximation with the tie correction. Empty when a sample is empty.
struct MannWhitneyResult
{
    double u = 0;
    double pValue = 1;
    bool exact = false;
};
std::optional<MannWhitneyResult> mannWhitneyU(std::span<const double> first, std::span<const double> second);

} // namespace bidlab::stats
