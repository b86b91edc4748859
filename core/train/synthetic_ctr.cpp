// SPDX-License-Identifier: MIT
#include "core/train/synthetic_ctr.h"

#include "core/bidding/ctr_model.h"
#include "core/train/rng.h"

#include <cmath>

namespace bidlab::train {

namespace {

constexpr std::uint32_t kIdBase = 1000; // ids are 1000 * (feature + 1) + index

// Publisher popularity is skewed (a few big sites, a long tail): index = floor(cardinality * u^2).
std::uint32_t drawIndex(Rng& rng, int feature)
{
    const std::uint32_t cardinality = SyntheticCtrSpec::kCardinality[std::size_t(feature)];
    if (feature == 0) {
        const double u = rng.uniform();
        return std::min(cardinality - 1, static_cast<std::uint32_t>(double(cardinality) * u * u));
    }
    return rng.below(cardinality);
}

} // namespace

double syntheticCategoricalEffect(int feature, std::uint32_t id)
{
    // A fixed pseudo-random value in [-spread, spread] per id.
    Rng rng(id, 0xC0FFEE + std::uint64_t(feature));
    return SyntheticCtrSpec::kEffectSpread[std::size_t(feature)] * (2.0 * rng.uniform() - 1.0);
}

Dataset generateSyntheticCtr(std::size_t rows, std::uint64_t seed, double categoricalScale)
{
    Dataset data;
    data.denseNames = bidding::engineDenseFeatures();
    data.categoricalNames = bidding::engineCategoricalFeatures();
    data.dense.assign(9, std::vector<double>(rows));
    data.categorical.assign(5, std::vector<std::uint32_t>(rows));
    data.labels.resize(rows);
    data.truth.resize(rows);
    Rng rng(seed);
    constexpr double widths[] = { 300, 728, 970 };
    constexpr double heights[] = { 250, 90, 250 }; // as make_ctr's list (250 twice)
    for (std::size_t i = 0; i < rows; ++i) {
        const double x[9]
            = { double(18 + rng.below(47)) / 100.0, double(rng.below(2)),           double(1 + rng.below(3)) / 10.0,
                widths[rng.below(3)] / 1000.0,      heights[rng.below(3)] / 1000.0, double(rng.below(2)),
                double(rng.below(24)) / 24.0,       double(rng.below(7)) / 7.0,     double(rng.below(2)) };
        double z = SyntheticCtrSpec::kBias;
        for (std::size_t f = 0; f < 9; ++f) {
            data.dense[f][i] = x[f];
            z += SyntheticCtrSpec::kWeights[f] * x[f];
        }
        for (int f = 0; f < 5; ++f) {
            const std::uint32_t id = kIdBase * std::uint32_t(f + 1) + drawIndex(rng, f);
            data.categorical[std::size_t(f)][i] = id;
            z += categoricalScale * syntheticCategoricalEffect(f, id);
        }
        const double p = 1.0 / (1.0 + std::exp(-z));
        data.truth[i] = p;
        data.labels[i] = rng.uniform() < p ? 1 : 0;
    }
    return data;
}

} // namespace bidlab::train
