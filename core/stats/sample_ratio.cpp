// SPDX-License-Identifier: MIT
#include "core/stats/sample_ratio.h"

#include "core/stats/distributions.h"

#include <numeric>

namespace bidlab::stats {

std::optional<SampleRatioCheck> sampleRatioCheck(std::span<const std::int64_t> units, std::span<const double> shares,
                                                 double threshold)
{
    if (units.size() < 2 || (!shares.empty() && shares.size() != units.size()))
        return std::nullopt;
    double total = 0;
    for (std::int64_t u : units)
        total += double(u);
    double shareSum = shares.empty() ? double(units.size()) : 0.0;
    for (double s : shares) {
        if (!(s > 0))
            return std::nullopt;
        shareSum += s;
    }
    if (!(total > 0))
        return std::nullopt;
    SampleRatioCheck check;
    for (std::size_t i = 0; i < units.size(); ++i) {
        const double expected = total * (shares.empty() ? 1.0 : shares[i]) / shareSum;
        const double d = double(units[i]) - expected;
        check.chiSquare += d * d / expected;
    }
    check.degreesOfFreedom = int(units.size()) - 1;
    check.pValue = chiSquaredSf(check.chiSquare, check.degreesOfFreedom);
    check.mismatch = check.pValue < threshold;
    return check;
}

} // namespace bidlab::stats
