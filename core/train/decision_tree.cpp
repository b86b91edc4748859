// SPDX-License-Identifier: MIT
#include "core/train/decision_tree.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace bidlab::train {

namespace {

struct Stats
{
    std::int64_t count = 0; // distinct rows
    std::int64_t weight = 0; // bootstrap weight
    std::int64_t positives = 0; // weight of the clicks

    double rate() const { return weight > 0 ? double(positives) / double(weight) : 0.0; }
};

struct Histogram
{
    std::array<Stats, 256> bins;
};

double impurity(const Stats& s, TreeOptions::Criterion criterion)
{
    const double p = s.rate();
    if (criterion == TreeOptions::Criterion::Gini)
        return 2.0 * p * (1.0 - p);
    auto term = [](double q) { return q > 0.0 ? -q * std::log2(q) : 0.0; };
    return term(p) + term(1.0 - p);
}

struct Split
{
    int feature = -1;
    int bin = 0;
    double gain = -1.0;
    Stats left, right;
};

// The best split on one feature's histogram, or none when no cut leaves minLeaf rows on both sides.
void bestSplitOf(int feature, const Histogram& h, const Stats& node, const TreeOptions& options, Split& best)
{
    const double parent = double(node.weight) * impurity(node, options.criterion);
    Stats left;
    for (int b = 0; b < 255; ++b) {
        const Stats& bin = h.bins[std::size_t(b)];
        if (bin.count == 0)
            continue;
        left.count += bin.count;
        left.weight += bin.weight;
        left.positives += bin.positives;
        const Stats right { node.count - left.count, node.weight - left.weight, node.positives - left.positives };
        if (right.count == 0)
            break;
        if (left.count < options.minSamplesLeaf || right.count < options.minSamplesLeaf)
            continue;
        const double gain = parent - double(left.weight) * impurity(left, options.criterion)
            - double(right.weight) * impurity(right, options.criterion);
        if (gain > best.gain) // strictly: the first of equal cuts wins, so the result is reproducible
            best = { feature, b, gain, left, right };
    }
}

struct Work
{
    std::size_t begin = 0;
    std::size_t end = 0;
    int depth = 0;
    std::int32_t node = 0;
    Stats stats;
};

class Grower
{
public:
    Grower(const BinnedMatrix& x, std::span<const std::uint8_t> labels, std::span<const std::uint16_t> weights,
           const TreeOptions& options, Rng& rng)
        : m_x(x)
        , m_labels(labels)
        , m_weights(weights)
        , m_options(options)
        , m_rng(rng)
        , m_features(x.features)
        , m_histograms(x.features)
    {
        const int d = int(x.features);
        m_mtry = options.featuresPerSplit > 0 ? std::min(options.featuresPerSplit, d)
                                              : std::max(1, int(std::sqrt(double(d)))); // as scikit-learn
        std::iota(m_features.begin(), m_features.end(), 0);
    }

    GrownTree grow(std::vector<std::uint32_t> rows)
    {
        m_rows = std::move(rows);
        m_tree.importance.assign(m_x.features, 0.0);
        Stats root;
        for (const std::uint32_t r : m_rows)
            add(root, r);
        m_tree.nodes.push_back({});
        std::vector<Work> stack { { 0, m_rows.size(), 0, 0, root } };
        while (!stack.empty()) {
            const Work work = stack.back();
            stack.pop_back();
            split(work, stack);
        }
        const double total = std::accumulate(m_tree.importance.begin(), m_tree.importance.end(), 0.0);
        if (total > 0.0)
            for (double& v : m_tree.importance)
                v /= total;
        return std::move(m_tree);
    }

private:
    void add(Stats& s, std::uint32_t row) const
    {
        const std::int64_t w = m_weights[row];
        s.count += 1;
        s.weight += w;
        s.positives += m_labels[row] ? w : 0;
    }

    // Histograms of `count` features over the work's rows, in one pass over the rows.
    void buildHistograms(const Work& work, const int* features, int count)
    {
        for (int k = 0; k < count; ++k)
            m_histograms[std::size_t(k)].bins.fill({});
        for (std::size_t i = work.begin; i < work.end; ++i) {
            const std::uint32_t r = m_rows[i];
            const std::uint8_t* row = &m_x.codes[std::size_t(r) * m_x.features];
            const std::int64_t w = m_weights[r];
            const std::int64_t pos = m_labels[r] ? w : 0;
            for (int k = 0; k < count; ++k) {
                Stats& s = m_histograms[std::size_t(k)].bins[row[features[k]]];
                s.count += 1;
                s.weight += w;
                s.positives += pos;
            }
        }
    }

    static bool constant(const Histogram& h, const Stats& node)
    {
        return std::any_of(h.bins.begin(), h.bins.end(), [&](const Stats& s) { return s.count == node.count; });
    }

    // As scikit-learn: mtry features are drawn and examined, the ones constant in the node included (they
    // find no split); only while every feature drawn so far is constant is one more drawn. (Drawing on until
    // mtry non-constant ones are found examines more features deep in the tree, where the binary ones are
    // constant: greedier, more alike trees, and a lower AUC.)
    Split findSplit(const Work& work)
    {
        Split best;
        const int d = int(m_features.size());
        int drawn = 0, nonConstant = 0;
        while (drawn < d && (drawn < m_mtry || nonConstant == 0)) {
            // Draw the next features (partial Fisher-Yates): the first mtry together, then one at a time.
            const int want = std::min(drawn < m_mtry ? m_mtry - drawn : 1, d - drawn);
            for (int k = 0; k < want; ++k)
                std::swap(m_features[std::size_t(drawn + k)],
                          m_features[std::size_t(drawn + k) + m_rng.below(std::uint32_t(d - drawn - k))]);
            buildHistograms(work, &m_features[std::size_t(drawn)], want);
            for (int k = 0; k < want; ++k) {
                const Histogram& h = m_histograms[std::size_t(k)];
                if (constant(h, work.stats))
                    continue;
                ++nonConstant;
                bestSplitOf(m_features[std::size_t(drawn + k)], h, work.stats, m_options, best);
            }
            drawn += want;
        }
        return best;
    }

    void split(const Work& work, std::vector<Work>& stack)
    {
        BinnedNode& node = m_tree.nodes[std::size_t(work.node)];
        node.value = work.stats.rate();
        const bool pure = work.stats.positives == 0 || work.stats.positives == work.stats.weight;
        if (work.depth >= m_options.maxDepth || work.stats.count < 2 * std::int64_t(m_options.minSamplesLeaf) || pure)
            return;
        const Split best = findSplit(work);
        if (best.feature < 0)
            return;
        const auto middle
            = std::partition(m_rows.begin() + std::ptrdiff_t(work.begin), m_rows.begin() + std::ptrdiff_t(work.end),
                             [&](std::uint32_t r) { return m_x.at(r, std::size_t(best.feature)) <= best.bin; });
        const std::size_t cut = std::size_t(middle - m_rows.begin());
        const auto left = std::int32_t(m_tree.nodes.size());
        m_tree.nodes.push_back({});
        m_tree.nodes.push_back({});
        BinnedNode& parent = m_tree.nodes[std::size_t(work.node)]; // push_back may have moved it
        parent.feature = best.feature;
        parent.bin = std::uint8_t(best.bin);
        parent.left = left;
        parent.right = left + 1;
        m_tree.importance[std::size_t(best.feature)] += best.gain;
        stack.push_back({ cut, work.end, work.depth + 1, left + 1, best.right });
        stack.push_back({ work.begin, cut, work.depth + 1, left, best.left });
    }

    const BinnedMatrix& m_x;
    std::span<const std::uint8_t> m_labels;
    std::span<const std::uint16_t> m_weights;
    const TreeOptions& m_options;
    Rng& m_rng;
    int m_mtry = 1;
    std::vector<int> m_features;
    std::vector<Histogram> m_histograms;
    std::vector<std::uint32_t> m_rows;
    GrownTree m_tree;
};

} // namespace

GrownTree growTree(const BinnedMatrix& x, std::span<const std::uint8_t> labels, std::vector<std::uint32_t> rows,
                   std::span<const std::uint16_t> weights, const TreeOptions& options, Rng& rng)
{
    return Grower(x, labels, weights, options, rng).grow(std::move(rows));
}

bidding::Tree toModelTree(const GrownTree& tree, const std::vector<FeatureBins>& bins)
{
    bidding::Tree out;
    out.reserve(tree.nodes.size());
    for (const BinnedNode& n : tree.nodes) {
        bidding::TreeNode node;
        node.feature = n.feature;
        node.left = n.left;
        node.right = n.right;
        node.value = n.value;
        if (n.feature >= 0)
            node.threshold = bins[std::size_t(n.feature)].edges[n.bin];
        out.push_back(node);
    }
    return out;
}

} // namespace bidlab::train
