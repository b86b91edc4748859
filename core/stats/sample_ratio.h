// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <span>

// The sample-ratio-mismatch check: did the arms receive the share of units the split promised? A mismatch
// means that assignment or logging is broken, and the experiment's results cannot be trusted as they are.
namespace bidlab::stats {

// p-values below this flag a mismatch (the usual choice: with thousands of experiments a looser threshold
// would cry wolf every day).
inline constexpr double kSampleRatioThreshold = 0.001;

struct SampleRatioCheck
{
    double chiSquare = 0;
    int degreesOfFreedom = 0;
    double pValue = 1;
    bool mismatch = false; // pValue < threshold
};

// Pearson's goodness-of-fit test of the units per arm against the planned shares (scipy.stats.chisquare
// with f_exp = total * share). `shares` are normalised; empty shares mean an equal split. Empty when there
// are fewer than two arms, no units, or the shares do not match the arms or are not positive.
std::optional<SampleRatioCheck> sampleRatioCheck(std::span<const std::int64_t> units,
                                                 std::span<const double> shares = {},
                                                 double threshold = kSampleRatioThreshold);

} // namespace bidlab::stats
