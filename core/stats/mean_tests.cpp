// SPDX-License-Identifier: MIT
#include "core/stats/mean_tests.h"

#include "core/stats/distributions.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace bidlab::stats {

namespace {

// Midranks (1-based) of the concatenation of two samples, and the tie term sum(t^3 - t) over tie groups.
struct Ranking
{
    double rankSumOfFirst = 0;
    double tieTerm = 0;
    bool hasTies = false;
};

Ranking rank(std::span<const double> first, std::span<const double> second)
{
    const std::size_t n = first.size() + second.size();
    std::vector<std::pair<double, bool>> values; // value, belongs to first
    values.reserve(n);
    for (double v : first)
        values.emplace_back(v, true);
    for (double v : second)
        values.emplace_back(v, false);
    std::sort(values.begin(), values.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    Ranking ranking;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i + 1;
        while (j < n && values[j].first == values[i].first)
            ++j;
        const double midrank = (double(i + 1) + double(j)) / 2.0; // ranks i+1 .. j
        const double t = double(j - i);
        ranking.tieTerm += t * t * t - t;
        ranking.hasTies = ranking.hasTies || j - i > 1;
        for (std::size_t k = i; k < j; ++k) {
            if (values[k].second)
                ranking.rankSumOfFirst += midrank;
        }
        i = j;
    }
    return ranking;
}

// P(U >= u) for the exact null law of U with sample sizes m and n (no ties). The counts of U = k are the
// coefficients of the Gaussian binomial [m+n choose m]_q, built as prod_{i=1..m} (1 - q^(n+i)) / (1 - q^i)
// with m the smaller size; long double keeps them exact up to 2^64.
double exactUpperTail(double u, std::size_t m, std::size_t n)
{
    if (m > n)
        std::swap(m, n);
    const std::size_t maxU = m * n;
    std::vector<long double> counts(maxU + 1, 0.0L);
    counts[0] = 1.0L;
    std::size_t degree = 0;
    for (std::size_t i = 1; i <= m; ++i) {
        // Multiply by (1 - q^(n+i)), then divide by (1 - q^i): each step leaves the Gaussian binomial
        // [n+i choose i]_q, whose coefficients are non-negative integers.
        const std::size_t shift = n + i;
        const std::size_t newDegree = degree + n;
        for (std::size_t k = std::min(degree + shift, maxU); k >= shift; --k)
            counts[k] -= counts[k - shift];
        for (std::size_t k = i; k <= newDegree; ++k)
            counts[k] += counts[k - i];
        // What lies above the quotient's degree is the division's zero remainder, left as -counts[...].
        std::fill(counts.begin() + std::ptrdiff_t(newDegree + 1),
                  counts.begin() + std::ptrdiff_t(std::min(degree + shift, maxU) + 1), 0.0L);
        degree = newDegree;
    }
    long double total = 0, tail = 0;
    const auto from = static_cast<std::size_t>(std::ceil(u));
    for (std::size_t k = 0; k <= maxU; ++k) {
        total += counts[k];
        if (k >= from)
            tail += counts[k];
    }
    return static_cast<double>(tail / total);
}

} // namespace

SampleSummary summarize(std::span<const double> values)
{
    SampleSummary s;
    s.count = double(values.size());
    if (values.empty())
        return s;
    s.mean = std::accumulate(values.begin(), values.end(), 0.0) / s.count;
    if (values.size() > 1) {
        double squares = 0;
        for (double v : values)
            squares += (v - s.mean) * (v - s.mean);
        s.variance = squares / (s.count - 1);
    }
    return s;
}

SampleSummary summarizeSums(double count, double sum, double sumOfSquares)
{
    SampleSummary s;
    s.count = count;
    if (count <= 0)
        return s;
    s.mean = sum / count;
    if (count > 1)
        s.variance = std::max(0.0, (sumOfSquares - sum * s.mean) / (count - 1));
    return s;
}

std::optional<WelchResult> welchTest(const SampleSummary& a, const SampleSummary& b, double alpha)
{
    if (a.count < 2 || b.count < 2)
        return std::nullopt;
    const double va = a.variance / a.count;
    const double vb = b.variance / b.count;
    const double se2 = va + vb;
    if (!(se2 > 0))
        return std::nullopt;
    WelchResult r;
    r.difference = b.mean - a.mean;
    const double se = std::sqrt(se2);
    r.t = r.difference / se;
    r.degreesOfFreedom = se2 * se2 / (vb * vb / (b.count - 1) + va * va / (a.count - 1));
    r.pValue = std::min(1.0, 2.0 * studentTSf(std::fabs(r.t), r.degreesOfFreedom));
    const double half = studentTIsf(alpha / 2.0, r.degreesOfFreedom) * se;
    r.interval = { r.difference - half, r.difference + half };
    return r;
}

std::optional<MannWhitneyResult> mannWhitneyU(std::span<const double> first, std::span<const double> second)
{
    if (first.empty() || second.empty())
        return std::nullopt;
    const double n1 = double(first.size()), n2 = double(second.size());
    const Ranking ranking = rank(first, second);
    MannWhitneyResult r;
    r.u = ranking.rankSumOfFirst - n1 * (n1 + 1) / 2;
    const double uMax = std::max(r.u, n1 * n2 - r.u);
    r.exact = (first.size() <= 8 || second.size() <= 8) && !ranking.hasTies;
    if (r.exact) {
        r.pValue = 2.0 * exactUpperTail(uMax, first.size(), second.size());
    } else {
        const double n = n1 + n2;
        const double s = std::sqrt(n1 * n2 / 12 * ((n + 1) - ranking.tieTerm / (n * (n - 1))));
        const double z = (uMax - n1 * n2 / 2 - 0.5) / s;
        r.pValue = 2.0 * normalSf(z);
    }
    r.pValue = std::clamp(r.pValue, 0.0, 1.0);
    return r;
}

} // namespace bidlab::stats
