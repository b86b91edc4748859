// SPDX-License-Identifier: MIT
#pragma once

#include "core/train/prepared_data.h"

#include <Eigen/Core>
#include <functional>

class QThreadPool;

// The L2-regularised logistic loss and its gradient over a prepared data set, computed data-parallel: the
// rows are cut into a fixed number of shards, a pool thread computes each shard's loss and gradient in one
// pass over its rows (block by block, so each block of features is read from memory once and reused from
// cache), and the shards are summed in shard order. Every sum has a fixed order, so the result is the same
// bit for bit whatever the number of threads.
//
// Only the hash buckets that occur in the data are parameters: the others have no data gradient, so from 0
// they stay 0 and leaving them out changes nothing but the cost (2^18 buckets, a few hundred used).
// Parameters: theta = [bias, dense weights (d), weights of the used buckets (ascending bucket)].
// Objective: mean log loss + l2 / 2 * ||w||^2 over all weights but the bias.
namespace bidlab::train {

class LogisticObjective
{
public:
    // The buckets' gradient is summed per shard while shards × used buckets <= maxShardBucketSums, else
    // through an inverted index of the buckets (the rows of each).
    static constexpr Eigen::Index kMaxShardBucketSums = Eigen::Index(1) << 21; // 16 MB of sums
    LogisticObjective(const PreparedData& data, std::size_t bucketCount, double l2, QThreadPool* pool,
                      Eigen::Index maxShardBucketSums = kMaxShardBucketSums);

    Eigen::Index dimension() const { return 1 + m_denseCount + Eigen::Index(m_usedBuckets.size()); }
    double operator()(const Eigen::VectorXd& theta, Eigen::VectorXd& gradient);

    // The Hessian's diagonal where every prediction is the base rate: each parameter's curvature, within a
    // small factor (a rare bucket's is tiny, a frequent one's large), for L-BFGS's preconditioner.
    Eigen::VectorXd curvatureDiagonal() const;

    // theta spread over all the buckets: [bias, dense weights, bucketCount hashed weights], the unused 0.
    void expand(const Eigen::VectorXd& theta, Eigen::VectorXd& full) const;

    // Shards in use (fixed by the row count, not by the thread count).
    int shardCount() const { return int(m_shardBegin.size()) - 1; }

private:
    void shardPass(const Eigen::VectorXd& theta, std::size_t shard);
    void bucketPass(std::size_t chunk, Eigen::VectorXd& gradient) const;
    void buildInvertedIndex();

    const PreparedData& m_data;
    std::size_t m_bucketCount;
    Eigen::Index m_denseCount;
    double m_l2;
    QThreadPool* m_pool;
    std::vector<Eigen::Index> m_shardBegin; // shard s is rows [begin[s], begin[s+1])
    std::vector<std::uint32_t> m_usedBuckets; // ascending: parameter 1 + d + k is bucket m_usedBuckets[k]
    std::vector<std::uint32_t> m_slots; // rows × categorical, row-major: the parameter index k of each value
    std::vector<std::uint32_t> m_usedCounts; // values in each used bucket
    // Per shard (one padded column each, so that no two shards write the same cache line): loss, bias and
    // dense gradient, and, when few buckets are used, the used buckets' gradient too.
    Eigen::MatrixXd m_shardSums;
    bool m_bucketsPerShard = true;
    // Otherwise (many buckets used) the residuals of all rows and an inverted index of the used buckets: rows
    // of bucket k are m_bucketRows[m_bucketStart[k] .. m_bucketStart[k+1]), bucket ranges in parallel.
    Eigen::VectorXd m_residual;
    std::vector<std::uint32_t> m_bucketStart;
    std::vector<std::uint32_t> m_bucketRows;
    std::vector<std::size_t> m_chunkBegin;
};

// z for every row: bias + dense · w + the hashed weights of its buckets (rows in parallel), theta over all
// the buckets.
void logisticScores(const PreparedData& data, const Eigen::VectorXd& theta, QThreadPool* pool, Eigen::VectorXd& scores);

} // namespace bidlab::train
