// SPDX-License-Identifier: MIT
#include "core/stats/ratio_metric.h"

#include "core/common/money.h"

namespace bidlab::stats {

Estimate ratioEstimate(const RatioUnits& units)
{
    const std::size_t n = units.numerator.size();
    std::int64_t numerator = 0, denominator = 0;
    for (std::size_t i = 0; i < n; ++i) {
        numerator += units.numerator[i];
        denominator += units.denominator[i];
    }
    Estimate estimate;
    if (denominator == 0)
        return estimate;
    estimate.value = double(numerator) / double(denominator);
    if (n < 2 || numerator == 0)
        return estimate;
    const double count = double(n);
    const double meanR = toUnits(numerator) / count, meanC = toUnits(denominator) / count;
    double varR = 0, varC = 0, cov = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double dr = toUnits(units.numerator[i]) - meanR, dc = toUnits(units.denominator[i]) - meanC;
        varR += dr * dr;
        varC += dc * dc;
        cov += dr * dc;
    }
    varR /= count - 1;
    varC /= count - 1;
    cov /= count - 1;
    const double varianceOfLog = (varR / (meanR * meanR) + varC / (meanC * meanC) - 2 * cov / (meanR * meanC)) / count;
    estimate.variance = estimate.value * estimate.value * std::max(0.0, varianceOfLog);
    return estimate;
}

} // namespace bidlab::stats
