// SPDX-License-Identifier: MIT
#pragma once

#include "core/stats/intervals.h"
#include "core/stats/ratio_metric.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

class QThreadPool;

// Bootstrap intervals for a ratio metric such as ROAS = sum(revenue) / sum(cost), per arm and for the
// relative lift of treatment over control. Each arm is resampled on its own (a stratified two-sample
// bootstrap); the intervals are the percentile and the BCa (bias-corrected and accelerated, Efron 1987) ones,
// computed as scipy.stats.bootstrap does. Sums are exact (int64 micros), so a replicate does not depend on
// the order of the additions, and resample b always draws from its own random stream: the result depends on
// the seed only, never on the number of threads.
namespace bidlab::stats {

enum class Resampling {
    Units, // the classic bootstrap: n units drawn with replacement per resample (cost O(n) per resample)
    PoissonBuckets, // units hashed into buckets once; each resample weighs every bucket by a Poisson(1) draw
                    // (cost O(buckets) per resample): for millions of rows, an approximation stated as such
};

struct BootstrapOptions
{
    int resamples = 2000;
    std::uint64_t seed = 20240611;
    double alpha = 0.05;
    Resampling resampling = Resampling::Units;
    int buckets = 1000; // per arm, for PoissonBuckets
    QThreadPool* pool = nullptr; // resamples run in chunks on it (parallelFor); nullptr: the calling thread only
    std::function<bool()> stop; // polled between chunks, from any thread
    std::function<void(double)> progress; // fraction done; called on the calling thread only
};

struct BootstrapInterval
{
    double estimate = 0;
    std::optional<Interval> percentile;
    std::optional<Interval> bca; // empty when the bootstrap law is degenerate
    double biasCorrection = 0; // z0
    double acceleration = 0; // a, from the jackknife
};

struct RatioBootstrap
{
    BootstrapInterval control; // sum(num) / sum(den) of the control arm
    BootstrapInterval treatment;
    BootstrapInterval lift; // treatment / control - 1
    int resamples = 0;
    int undefined = 0; // resamples where a denominator summed to zero (left out of the intervals)
    Resampling resampling = Resampling::Units;
    int buckets = 0;
};

// Empty when cancelled, when an arm has no units, or when an arm's denominator (or the control's ratio) is 0.
std::optional<RatioBootstrap> bootstrapRatio(const RatioUnits& control, const RatioUnits& treatment,
                                             const BootstrapOptions& options);

// The same statistics from given resamples (index lists per resample and arm), with the jackknife over the
// units: what a test compares with an independent computation from the same indices.
std::optional<RatioBootstrap> bootstrapRatioFromIndices(const RatioUnits& control, const RatioUnits& treatment,
                                                        std::span<const std::vector<std::int32_t>> controlIndices,
                                                        std::span<const std::vector<std::int32_t>> treatmentIndices,
                                                        double alpha);

// The q-quantile (0..1) of sorted values with linear interpolation (numpy's default "linear" method).
double quantileOfSorted(std::span<const double> sorted, double q);

} // namespace bidlab::stats
