// SPDX-License-Identifier: MIT
#include "core/train/random_forest.h"

#include "core/jobs/parallel_for.h"
#include "core/train/metrics.h"

#include <atomic>
#include <cmath>
#include <mutex>

#include <QThreadPool>

namespace bidlab::train {

namespace {

constexpr std::size_t kRowChunk = 16384;

struct Bag
{
    std::vector<std::uint32_t> rows; // distinct rows drawn
    std::vector<std::uint16_t> weights; // per row: times drawn
    std::vector<std::uint64_t> outOfBag; // bitset of the rows never drawn
};

Bag drawBag(std::size_t n, bool bootstrap, Rng& rng)
{
    Bag bag;
    bag.weights.assign(n, bootstrap ? 0 : 1);
    if (bootstrap) {
        for (std::size_t k = 0; k < n; ++k) {
            std::uint16_t& w = bag.weights[rng.below(std::uint32_t(n))];
            w = std::uint16_t(std::min<int>(w + 1, 65535));
        }
    }
    bag.outOfBag.assign((n + 63) / 64, 0);
    for (std::size_t i = 0; i < n; ++i) {
        if (bag.weights[i])
            bag.rows.push_back(std::uint32_t(i));
        else
            bag.outOfBag[i / 64] |= std::uint64_t(1) << (i % 64);
    }
    return bag;
}

// Row chunks in parallel; body(begin, end) per chunk.
void forRowChunks(QThreadPool* pool, std::size_t rows, const std::function<void(std::size_t, std::size_t)>& body)
{
    const auto chunks = qsizetype((rows + kRowChunk - 1) / kRowChunk);
    jobs::parallelFor(pool, chunks, [&](qsizetype c) {
        const std::size_t begin = std::size_t(c) * kRowChunk;
        body(begin, std::min(rows, begin + kRowChunk));
    });
}

void outOfBagEstimate(ForestFit& fit, const BinnedMatrix& x, std::span<const std::uint8_t> labels,
                      const std::vector<std::vector<std::uint64_t>>& outOfBag, QThreadPool* pool)
{
    std::vector<double> sum(x.rows, 0.0);
    std::vector<std::uint16_t> count(x.rows, 0);
    forRowChunks(pool, x.rows, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            const std::uint8_t* row = &x.codes[i * x.features];
            for (std::size_t t = 0; t < fit.trees.size(); ++t) {
                if (outOfBag[t][i / 64] >> (i % 64) & 1) {
                    sum[i] += fit.trees[t].predict(row);
                    ++count[i];
                }
            }
        }
    });
    std::vector<double> predictions;
    std::vector<std::uint8_t> observed;
    for (std::size_t i = 0; i < x.rows; ++i) {
        if (count[i] == 0)
            continue;
        predictions.push_back(sum[i] / count[i]);
        observed.push_back(labels[i]);
    }
    fit.oobRows = std::int64_t(predictions.size());
    fit.oobAuc = rocAuc(predictions, observed);
    fit.oobLogLoss = logLoss(predictions, observed);
}

// At most maxRows rows, evenly spread, as a binned matrix of their own (with their labels).
std::pair<BinnedMatrix, std::vector<std::uint8_t>> sampleRows(const BinnedMatrix& x,
                                                              std::span<const std::uint8_t> labels, std::size_t maxRows)
{
    const std::size_t take = std::min(x.rows, maxRows);
    BinnedMatrix out;
    out.rows = take;
    out.features = x.features;
    std::vector<std::uint8_t> y;
    for (std::size_t k = 0; k < take; ++k) {
        const std::size_t i = k * x.rows / take;
        out.codes.insert(out.codes.end(), x.codes.begin() + std::ptrdiff_t(i * x.features),
                         x.codes.begin() + std::ptrdiff_t((i + 1) * x.features));
        y.push_back(labels[i]);
    }
    return { std::move(out), std::move(y) };
}

} // namespace

std::vector<bidding::Tree> ForestFit::modelTrees() const
{
    std::vector<bidding::Tree> out;
    for (const GrownTree& t : trees)
        out.push_back(toModelTree(t, bins));
    return out;
}

ForestFit fitForest(const PreparedData& train, const ForestOptions& options, QThreadPool* pool,
                    const std::function<bool(int, int)>& onTree)
{
    ForestFit fit;
    fit.bins = fitBins(train.dense, options.maxBins);
    const BinnedMatrix x = binMatrix(train.dense, fit.bins);
    const int total = std::max(1, options.trees);
    fit.trees.resize(std::size_t(total));
    std::vector<std::vector<std::uint64_t>> outOfBag(static_cast<std::size_t>(total));
    fit.subForests = std::clamp(pool ? pool->maxThreadCount() : 1, 1, total);
    std::atomic<bool> stop { false };
    std::mutex progressMutex;
    int done = 0;
    // Sub-forest s grows trees [total*s/S, total*(s+1)/S); each tree from its own random stream.
    jobs::parallelFor(
        pool, fit.subForests,
        [&](qsizetype s) {
            for (int t = int(total * s / fit.subForests); t < int(total * (s + 1) / fit.subForests); ++t) {
                if (stop.load())
                    return;
                Rng rng(options.seed, 1000 + std::uint64_t(t));
                Bag bag = drawBag(x.rows, options.bootstrap, rng);
                fit.trees[std::size_t(t)]
                    = growTree(x, train.labels, std::move(bag.rows), bag.weights, options.tree, rng);
                outOfBag[std::size_t(t)] = std::move(bag.outOfBag);
                std::lock_guard lock(progressMutex);
                ++done;
                if (onTree && !onTree(done, total))
                    stop = true;
            }
        },
        [&] { return stop.load(); });
    if (stop.load()) {
        fit.canceled = true;
        return fit;
    }
    fit.impurityImportance.assign(x.features, 0.0);
    for (const GrownTree& t : fit.trees)
        for (std::size_t f = 0; f < x.features; ++f)
            fit.impurityImportance[f] += t.importance[f] / double(total);
    if (options.bootstrap)
        outOfBagEstimate(fit, x, train.labels, outOfBag, pool);
    return fit;
}

std::vector<double> predictForest(const ForestFit& forest, const BinnedMatrix& x, QThreadPool* pool)
{
    std::vector<double> out(x.rows, 0.0);
    if (forest.trees.empty())
        return out;
    forRowChunks(pool, x.rows, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            double sum = 0.0;
            for (const GrownTree& t : forest.trees)
                sum += t.predict(&x.codes[i * x.features]);
            out[i] = sum / double(forest.trees.size());
        }
    });
    return out;
}

std::vector<double> stagedLogLoss(const ForestFit& forest, const BinnedMatrix& x, std::span<const std::uint8_t> labels,
                                  QThreadPool* pool, std::size_t maxRows)
{
    const auto [sample, y] = sampleRows(x, labels, maxRows);
    const std::size_t trees = forest.trees.size();
    const std::size_t chunks = (sample.rows + kRowChunk - 1) / kRowChunk;
    std::vector<std::vector<double>> chunkLoss(chunks, std::vector<double>(trees, 0.0));
    forRowChunks(pool, sample.rows, [&](std::size_t begin, std::size_t end) {
        std::vector<double>& loss = chunkLoss[begin / kRowChunk];
        for (std::size_t i = begin; i < end; ++i) {
            double sum = 0.0;
            for (std::size_t t = 0; t < trees; ++t) {
                sum += forest.trees[t].predict(&sample.codes[i * sample.features]);
                const double p = std::clamp(sum / double(t + 1), 1e-15, 1.0 - 1e-15);
                loss[t] -= y[i] ? std::log(p) : std::log1p(-p);
            }
        }
    });
    std::vector<double> out(trees, 0.0);
    for (const auto& loss : chunkLoss) // chunk order: reproducible sums
        for (std::size_t t = 0; t < trees; ++t)
            out[t] += loss[t];
    for (double& v : out)
        v /= double(std::max<std::size_t>(1, sample.rows));
    return out;
}

std::vector<double> permutationImportance(const ForestFit& forest, const BinnedMatrix& x,
                                          std::span<const std::uint8_t> labels, std::uint64_t seed, QThreadPool* pool,
                                          std::size_t maxRows)
{
    const auto [sample, y] = sampleRows(x, labels, maxRows);
    auto aucOf = [&](const BinnedMatrix& m) {
        std::vector<double> p(m.rows);
        for (std::size_t i = 0; i < m.rows; ++i) {
            double sum = 0.0;
            for (const GrownTree& t : forest.trees)
                sum += t.predict(&m.codes[i * m.features]);
            p[i] = sum;
        }
        return rocAuc(p, y).value_or(0.5);
    };
    const double base = aucOf(sample);
    std::vector<double> drop(sample.features, 0.0);
    jobs::parallelFor(pool, qsizetype(sample.features), [&](qsizetype f) {
        BinnedMatrix shuffled = sample;
        std::vector<std::uint8_t> column(sample.rows);
        for (std::size_t i = 0; i < sample.rows; ++i)
            column[i] = sample.at(i, std::size_t(f));
        Rng(seed, 5000 + std::uint64_t(f)).shuffle(column);
        for (std::size_t i = 0; i < sample.rows; ++i)
            shuffled.codes[i * sample.features + std::size_t(f)] = column[i];
        drop[std::size_t(f)] = base - aucOf(shuffled);
    });
    return drop;
}

} // namespace bidlab::train
