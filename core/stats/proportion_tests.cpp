// SPDX-License-Identifier: MIT
#include "core/stats/proportion_tests.h"

#include "core/stats/distributions.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>

namespace bidlab::stats {

namespace {

// The 2x2 table [[sA, fA], [sB, fB]] as doubles, with its margins.
struct Table
{
    std::array<double, 4> cells; // sA, fA, sB, fB
    double rowA, rowB, successes, failures, total;

    Table(const Proportion& a, const Proportion& b)
        : cells { double(a.successes), double(a.trials - a.successes), double(b.successes),
                  double(b.trials - b.successes) }
        , rowA(double(a.trials))
        , rowB(double(b.trials))
        , successes(double(a.successes + b.successes))
        , failures(double(a.trials - a.successes + b.trials - b.successes))
        , total(double(a.trials + b.trials))
    { }

    std::array<double, 4> expected() const
    {
        return { rowA * successes / total, rowA * failures / total, rowB * successes / total, rowB * failures / total };
    }
};

// SciPy's _binary_search_for_binom_tst: the i in [lo, hi] with f(i) <= target < f(i + 1) for f increasing.
std::int64_t binarySearch(const std::function<double(std::int64_t)>& f, double target, std::int64_t lo, std::int64_t hi)
{
    while (lo < hi) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        const double value = f(mid);
        if (value < target)
            lo = mid + 1;
        else if (value > target)
            hi = mid - 1;
        else
            return mid;
    }
    return f(lo) <= target ? lo : lo - 1;
}

} // namespace

TestStatistic twoProportionZTest(const Proportion& a, const Proportion& b)
{
    const double pooled = double(a.successes + b.successes) / double(a.trials + b.trials);
    const double variance = pooled * (1.0 - pooled) * (1.0 / double(a.trials) + 1.0 / double(b.trials));
    if (!(variance > 0))
        return {};
    const double z = (b.rate() - a.rate()) / std::sqrt(variance);
    return { z, twoSidedNormalP(z) };
}

TestStatistic chiSquareTest(const Proportion& a, const Proportion& b, bool yatesCorrection)
{
    const Table table(a, b);
    if (table.successes == 0 || table.failures == 0)
        return {};
    const std::array<double, 4> expected = table.expected();
    double chi2 = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        double observed = table.cells[i];
        if (yatesCorrection) {
            const double diff = expected[i] - observed;
            observed += std::copysign(std::min(0.5, std::fabs(diff)), diff) * (diff != 0);
        }
        const double d = observed - expected[i];
        chi2 += d * d / expected[i];
    }
    return { chi2, chiSquaredSf(chi2, 1.0) };
}

FisherResult fisherExactTest(const Proportion& a, const Proportion& b)
{
    // SciPy's layout: c = [[sA, fA], [sB, fB]]; the law of c[0][0] given the margins is hypergeometric
    // with population N, successes = row 0 total, draws = column 0 total.
    const std::int64_t c00 = a.successes, c01 = a.trials - a.successes;
    const std::int64_t c10 = b.successes, c11 = b.trials - b.successes;
    FisherResult result;
    if (c10 > 0 && c01 > 0)
        result.oddsRatio = double(c00) * double(c11) / (double(c10) * double(c01));
    const std::int64_t row0 = c00 + c01, row1 = c10 + c11, column0 = c00 + c10;
    if (row0 == 0 || row1 == 0 || column0 == 0 || c01 + c11 == 0) {
        result.pValue = 1;
        return result;
    }
    const std::int64_t population = row0 + row1;
    auto pmf = [&](std::int64_t x) { return hypergeometricPmf(x, population, row0, column0); };
    const auto mode = static_cast<std::int64_t>(double(column0 + 1) * double(row0 + 1) / double(population + 2));
    const double pExact = pmf(c00);
    const double pMode = pmf(mode);
    constexpr double epsilon = 1e-14;
    const double gamma = 1 + epsilon;
    double p = 0;
    if (std::fabs(pExact - pMode) / std::max(pExact, pMode) <= epsilon) {
        p = 1;
    } else if (c00 < mode) {
        const double lower = hypergeometricCdf(c00, population, row0, column0);
        if (pmf(column0) > pExact * gamma) {
            p = lower;
        } else {
            const std::int64_t guess
                = binarySearch([&](std::int64_t x) { return -pmf(x); }, -pExact * gamma, mode, column0);
            p = lower + hypergeometricSf(guess, population, row0, column0);
        }
    } else {
        const double upper = hypergeometricSf(c00 - 1, population, row0, column0);
        if (pmf(0) > pExact * gamma) {
            p = upper;
        } else {
            const std::int64_t guess = binarySearch(pmf, pExact * gamma, 0, mode);
            p = upper + hypergeometricCdf(guess, population, row0, column0);
        }
    }
    result.pValue = std::min(p, 1.0);
    return result;
}

double smallestExpectedCount(const Proportion& a, const Proportion& b)
{
    const Table table(a, b);
    const std::array<double, 4> expected = table.expected();
    return *std::min_element(expected.begin(), expected.end());
}

} // namespace bidlab::stats
