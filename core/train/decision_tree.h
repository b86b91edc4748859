// SPDX-License-Identifier: MIT
#pragma once

#include "core/bidding/ctr_model.h"
#include "core/train/histogram_bins.h"
#include "core/train/rng.h"

#include <span>

// One classification tree grown on histogram-binned features with weighted rows (bootstrap counts): at each
// node a random subset of the features is examined (as scikit-learn: featuresPerSplit of them, constant ones
// included, more only while all drawn are constant), each through a histogram of its bins, and the split
// with the largest weighted impurity decrease (Gini or entropy) that leaves enough rows on both sides is
// taken.
namespace bidlab::train {

struct TreeOptions
{
    enum class Criterion { Gini, Entropy };
    int maxDepth = 12;
    int minSamplesLeaf = 50; // distinct rows, as scikit-learn's min_samples_leaf
    int featuresPerSplit = 0; // 0: floor(sqrt(features)), as scikit-learn's "sqrt"
    Criterion criterion = Criterion::Gini;
};

struct BinnedNode
{
    std::int32_t feature = -1; // -1 for a leaf
    std::int32_t left = -1;
    std::int32_t right = -1;
    std::uint8_t bin = 0; // left when the row's bin <= bin
    double value = 0.0; // P(click) of the node's rows (weighted)
};

struct GrownTree
{
    std::vector<BinnedNode> nodes; // children after their parent; node 0 is the root
    std::vector<double> importance; // weighted impurity decrease per feature, normalised to sum 1 (or all 0)

    double predict(const std::uint8_t* binnedRow) const
    {
        std::int32_t n = 0;
        while (nodes[std::size_t(n)].feature >= 0) {
            const BinnedNode& node = nodes[std::size_t(n)];
            n = binnedRow[node.feature] <= node.bin ? node.left : node.right;
        }
        return nodes[std::size_t(n)].value;
    }
};

// rows: the distinct rows in the bag; weights[row]: how often each was drawn (0 for the others).
GrownTree growTree(const BinnedMatrix& x, std::span<const std::uint8_t> labels, std::vector<std::uint32_t> rows,
                   std::span<const std::uint16_t> weights, const TreeOptions& options, Rng& rng);

// The same tree over prepared values, thresholds taken from the bin edges: what the model file stores.
bidding::Tree toModelTree(const GrownTree& tree, const std::vector<FeatureBins>& bins);

} // namespace bidlab::train
