// SPDX-License-Identifier: MIT
#pragma once

#include "core/train/prepared_data.h"

#include <Eigen/Core>
#include <functional>

class QThreadPool;

// The L2-regularised logistic loss and its gradient over a prepared data set, computed data-parallel: the
// rows are cut into a fixed number of shards, a pool thread computes each shard's loss and dense gradient,
// and the shards are summed in shard order; the hashed weights' gradient is summed per bucket through an
// inverted index (rows of each bucket), bucket ranges in parallel. Every sum has a fixed order, so the
// result is the same bit for bit whatever the number of threads.
//
// Parameters: theta = [bias, dense weights (d), hashed weights (buckets)].
// Objective: mean log loss + l2 / 2 * ||w||^2 over all weights but the bias.
namespace bidlab::train {

class LogisticObjective
{
public:
    LogisticObjective(const PreparedData& data, std::size_t bucketCount, double l2, QThreadPool* pool);

    Eigen::Index dimension() const { return 1 + m_denseCount + Eigen::Index(m_bucketCount); }
    double operator()(const Eigen::VectorXd& theta, Eigen::VectorXd& gradient);

    // Shards in use (fixed by the row count, not by the thread count).
    int shardCount() const { return int(m_shardBegin.size()) - 1; }

private:
    void shardPass(const Eigen::VectorXd& theta, std::size_t shard);
    void bucketPass(std::size_t chunk, Eigen::VectorXd& gradient) const;

    const PreparedData& m_data;
    std::size_t m_bucketCount;
    Eigen::Index m_denseCount;
    double m_l2;
    QThreadPool* m_pool;
    std::vector<Eigen::Index> m_shardBegin; // shard s is rows [begin[s], begin[s+1])
    Eigen::VectorXd m_z; // per row: the logit, then the residual p - y
    Eigen::VectorXd m_e; // scratch: exp(-|z|)
    Eigen::MatrixXd m_shardGradient; // (1 + d) x shards: bias and dense gradient sums per shard
    std::vector<double> m_shardLoss;
    // Inverted index of the buckets: rows of bucket b are m_bucketRows[m_bucketStart[b] .. m_bucketStart[b+1]).
    std::vector<std::uint32_t> m_bucketStart;
    std::vector<std::uint32_t> m_bucketRows;
    std::vector<std::size_t> m_chunkBegin; // bucket ranges of similar row counts
};

// z for every row: bias + dense · w + the hashed weights of its buckets (rows in parallel).
void logisticScores(const PreparedData& data, const Eigen::VectorXd& theta, QThreadPool* pool, Eigen::VectorXd& scores);

} // namespace bidlab::train
