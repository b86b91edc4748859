// SPDX-License-Identifier: MIT
#pragma once

#include "core/train/dataset.h"

#include <array>

// gen-train's synthetic click data with a known true model, in the engine's feature contract
// (bidding::engineDenseFeatures() then engineCategoricalFeatures()), so a model trained on it can be
// deployed to the bidder workers.
//
// The nine dense features are drawn as the peers' seed_train.py make_ctr draws them (the seed's
// RealTimeBiddingSystem features: age/100, gender, interests/10, slot size/1000, above the fold, hour/24,
// day/7, mobile) and weighted by its W and B0: with the categorical effects off, the true model's test AUC
// is the peers' 0.712. The five categorical features add a known effect each to the logit.
namespace bidlab::train {

struct SyntheticCtrSpec
{
    static constexpr std::array<double, 9> kWeights { -2.5, 0.3, 3.0, 1.2, -2.0, 0.8, 1.0, -0.5, 0.6 };
    static constexpr double kBias = -5.3065;
    // Values per categorical feature (publisher, region, os, browser, interest) and their ids' offsets.
    static constexpr std::array<std::uint32_t, 5> kCardinality { 60, 20, 4, 6, 12 };
    static constexpr std::array<double, 5> kEffectSpread { 0.4, 0.2, 0.15, 0.1, 0.25 }; // max |effect|
};

// The logit added by value `id` of categorical feature `feature` (0..4): a fixed function of the id, the
// same for every seed, so the true model is known.
double syntheticCategoricalEffect(int feature, std::uint32_t id);

// `rows` rows from the seed; truth holds each row's true click probability. categoricalScale multiplies the
// categorical effects (0: the peers' dense-only world).
Dataset generateSyntheticCtr(std::size_t rows, std::uint64_t seed, double categoricalScale = 1.0);

} // namespace bidlab::train
