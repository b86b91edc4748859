// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>

// Tests of two proportions (CTR, CVR): arm A is the control, arm B the treatment. Every function follows the
// definition of a reference implementation, named on each, to the last digit that matters, and says what it
// returns where that implementation would give NaN or raise.
namespace bidlab::stats {

// Successes out of trials in one arm (clicks of impressions, conversions of users).
struct Proportion
{
    std::int64_t successes = 0;
    std::int64_t trials = 0;

    double rate() const { return static_cast<double>(successes) / static_cast<double>(trials); }
    bool valid() const { return trials > 0 && successes >= 0 && successes <= trials; }
};

struct TestStatistic
{
    double statistic = 0; // z or chi-square
    double pValue = 1;
};

// Two-sided two-proportion z-test with the pooled variance under H0 (statsmodels proportions_ztest,
// prop_var=False), z = (pB - pA) / se. When the pooled rate is 0 or 1 (no successes, or no failures, in
// either arm) there is nothing to test: z = 0, p = 1, as Fisher's exact test gives for that table.
TestStatistic twoProportionZTest(const Proportion& a, const Proportion& b);

// Pearson's chi-square test of the 2x2 table [[sA, fA], [sB, fB]] with one degree of freedom, optionally with
// Yates' continuity correction (scipy.stats.chi2_contingency, which caps each correction at the distance
// between observed and expected). An empty margin (no successes or no failures at all): 0 and p = 1.
TestStatistic chiSquareTest(const Proportion& a, const Proportion& b, bool yatesCorrection);

// Fisher's exact test, two-sided: the probability of the tables no more likely than the observed one
// (scipy.stats.fisher_exact, including its relative tolerance of 1e-14 for ties of probability). The odds
// ratio is the sample one, (sA fB) / (fA sB); empty when its denominator is 0 (SciPy says inf or NaN).
struct FisherResult
{
    std::optional<double> oddsRatio;
    double pValue = 1;
};
FisherResult fisherExactTest(const Proportion& a, const Proportion& b);

// The smallest expected cell count of the 2x2 table under H0; Fisher's test is the sound choice below 5.
double smallestExpectedCount(const Proportion& a, const Proportion& b);

} // namespace bidlab::stats
