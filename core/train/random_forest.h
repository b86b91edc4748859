// SPDX-License-Identifier: MIT
#pragma once

#include "core/train/decision_tree.h"
#include "core/train/prepared_data.h"

#include <functional>
#include <optional>

class QThreadPool;

// A random forest as the seed's DistributedAdModelTrainer meant it, done right: the trees are cut into
// sub-forests grown in parallel on the pool (model parallelism) and merged in order into one ensemble.
// Each tree draws its bootstrap and its features from its own stream (seed, tree index), so the forest is
// the same for any thread count. Out-of-bag estimate, impurity importance and permutation importance.
namespace bidlab::train {

struct ForestOptions
{
    int trees = 100;
    TreeOptions tree;
    bool bootstrap = true;
    int maxBins = 256;
    std::uint64_t seed = 1;
};

struct ForestFit
{
    std::vector<FeatureBins> bins;
    std::vector<GrownTree> trees;
    std::vector<double> impurityImportance; // mean over the trees of their normalised importance
    std::optional<double> oobAuc;
    std::optional<double> oobLogLoss;
    std::int64_t oobRows = 0; // rows out of the bag of at least one tree
    int subForests = 0;
    bool canceled = false;

    std::vector<bidding::Tree> modelTrees() const;
};

// onTree(done, total) after each tree, from the pool threads (serialised); returning false cancels.
ForestFit fitForest(const PreparedData& train, const ForestOptions& options, QThreadPool* pool,
                    const std::function<bool(int, int)>& onTree = {});

// Mean of the trees' leaf values for every row (rows in parallel).
std::vector<double> predictForest(const ForestFit& forest, const BinnedMatrix& x, QThreadPool* pool);

// Log loss of the first 1, 2, ..., T trees' mean on (at most maxRows of) the rows: the forest's loss curve.
std::vector<double> stagedLogLoss(const ForestFit& forest, const BinnedMatrix& x, std::span<const std::uint8_t> labels,
                                  QThreadPool* pool, std::size_t maxRows = 50'000);

// Drop of the AUC when one feature's values are shuffled among (at most maxRows of) the rows, per feature,
// features in parallel.
std::vector<double> permutationImportance(const ForestFit& forest, const BinnedMatrix& x,
                                          std::span<const std::uint8_t> labels, std::uint64_t seed, QThreadPool* pool,
                                          std::size_t maxRows = 20'000);

} // namespace bidlab::train
