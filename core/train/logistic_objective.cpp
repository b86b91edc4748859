// SPDX-License-Identifier: MIT
#include "core/train/logistic_objective.h"

#include "core/jobs/parallel_for.h"

#include <algorithm>

namespace bidlab::train {

namespace {

constexpr Eigen::Index kRowsPerShard = 32768;
constexpr std::size_t kBucketChunks = 64;

std::vector<Eigen::Index> shardBounds(Eigen::Index rows)
{
    const Eigen::Index shards = std::clamp<Eigen::Index>(rows / kRowsPerShard, 1, 256);
    std::vector<Eigen::Index> begin;
    for (Eigen::Index s = 0; s <= shards; ++s)
        begin.push_back(rows * s / shards);
    return begin;
}

// z[a, b) = bias + X w + hashed weights.
void scoreRows(const PreparedData& data, const Eigen::VectorXd& theta, Eigen::Index a, Eigen::Index b,
               Eigen::VectorXd& z)
{
    const Eigen::Index d = data.dense.cols();
    const Eigen::Index len = b - a;
    z.segment(a, len).noalias() = data.dense.middleRows(a, len) * theta.segment(1, d);
    z.segment(a, len).array() += theta(0);
    const auto c = static_cast<std::size_t>(data.categoricalCount);
    if (c == 0)
        return;
    const double* hashed = theta.data() + 1 + d;
    const std::uint32_t* buckets = data.buckets.data();
    for (Eigen::Index i = a; i < b; ++i) {
        double sum = 0.0;
        for (std::size_t f = 0; f < c; ++f)
            sum += hashed[buckets[std::size_t(i) * c + f]];
        z(i) += sum;
    }
}

} // namespace

LogisticObjective::LogisticObjective(const PreparedData& data, std::size_t bucketCount, double l2, QThreadPool* pool)
    : m_data(data)
    , m_bucketCount(bucketCount)
    , m_denseCount(data.dense.cols())
    , m_l2(l2)
    , m_pool(pool)
    , m_shardBegin(shardBounds(Eigen::Index(data.rows())))
    , m_z(Eigen::Index(data.rows()))
    , m_e(Eigen::Index(data.rows()))
    , m_shardGradient(1 + m_denseCount, Eigen::Index(m_shardBegin.size() - 1))
    , m_shardLoss(m_shardBegin.size() - 1)
{
    const auto c = static_cast<std::size_t>(data.categoricalCount);
    if (c == 0 || bucketCount == 0)
        return;
    // Counting sort of (row, slot) entries by bucket; rows stay ascending within a bucket.
    m_bucketStart.assign(bucketCount + 1, 0);
    for (const std::uint32_t b : data.buckets)
        ++m_bucketStart[b + 1];
    for (std::size_t b = 0; b < bucketCount; ++b)
        m_bucketStart[b + 1] += m_bucketStart[b];
    m_bucketRows.resize(data.buckets.size());
    std::vector<std::uint32_t> fill(m_bucketStart.begin(), m_bucketStart.end() - 1);
    for (std::size_t i = 0; i < data.rows(); ++i) {
        for (std::size_t f = 0; f < c; ++f)
            m_bucketRows[fill[data.buckets[i * c + f]]++] = static_cast<std::uint32_t>(i);
    }
    // Bucket ranges with about the same number of entries each.
    const std::size_t entries = m_bucketRows.size();
    m_chunkBegin.push_back(0);
    for (std::size_t k = 1; k < kBucketChunks; ++k) {
        const auto target = static_cast<std::uint32_t>(entries * k / kBucketChunks);
        const auto it = std::lower_bound(m_bucketStart.begin(), m_bucketStart.end(), target);
        m_chunkBegin.push_back(std::max(m_chunkBegin.back(), std::size_t(it - m_bucketStart.begin())));
    }
    m_chunkBegin.push_back(bucketCount);
}

void LogisticObjective::shardPass(const Eigen::VectorXd& theta, std::size_t shard)
{
    const Eigen::Index a = m_shardBegin[shard];
    const Eigen::Index len = m_shardBegin[shard + 1] - a;
    scoreRows(m_data, theta, a, a + len, m_z);
    auto z = m_z.segment(a, len).array();
    auto e = m_e.segment(a, len).array();
    const auto y = m_data.y.segment(a, len).array();
    e = (-z.abs()).exp();
    // log(1 + exp(-|z|)) + max(z, 0) - y z: the log loss without overflow.
    m_shardLoss[shard] = (e.log1p() + z.max(0.0) - y * z).sum();
    z = (z >= 0.0).select(1.0 / (1.0 + e), e / (1.0 + e)) - y; // the residual p - y replaces z
    m_shardGradient(0, Eigen::Index(shard)) = z.sum();
    m_shardGradient.col(Eigen::Index(shard)).tail(m_denseCount).noalias()
        = m_data.dense.middleRows(a, len).transpose() * m_z.segment(a, len);
}

void LogisticObjective::bucketPass(std::size_t chunk, Eigen::VectorXd& gradient) const
{
    double* g = gradient.data() + 1 + m_denseCount;
    for (std::size_t b = m_chunkBegin[chunk]; b < m_chunkBegin[chunk + 1]; ++b) {
        double sum = 0.0;
        for (std::uint32_t k = m_bucketStart[b]; k < m_bucketStart[b + 1]; ++k)
            sum += m_z(m_bucketRows[k]);
        g[b] = sum;
    }
}

double LogisticObjective::operator()(const Eigen::VectorXd& theta, Eigen::VectorXd& gradient)
{
    const auto shards = static_cast<qsizetype>(m_shardLoss.size());
    jobs::parallelFor(m_pool, shards, [&](qsizetype s) { shardPass(theta, std::size_t(s)); });
    gradient.setZero(dimension());
    double loss = 0.0;
    for (qsizetype s = 0; s < shards; ++s) { // in shard order: the same sums for any thread count
        loss += m_shardLoss[std::size_t(s)];
        gradient.head(1 + m_denseCount) += m_shardGradient.col(s);
    }
    if (!m_chunkBegin.empty())
        jobs::parallelFor(m_pool, qsizetype(m_chunkBegin.size() - 1),
                          [&](qsizetype k) { bucketPass(std::size_t(k), gradient); });
    const double n = std::max<double>(1.0, double(m_data.rows()));
    gradient /= n;
    const auto weights = theta.tail(dimension() - 1);
    gradient.tail(dimension() - 1) += m_l2 * weights;
    return loss / n + 0.5 * m_l2 * weights.squaredNorm();
}

void logisticScores(const PreparedData& data, const Eigen::VectorXd& theta, QThreadPool* pool, Eigen::VectorXd& scores)
{
    scores.resize(Eigen::Index(data.rows()));
    const std::vector<Eigen::Index> begin = shardBounds(Eigen::Index(data.rows()));
    jobs::parallelFor(pool, qsizetype(begin.size() - 1), [&](qsizetype s) {
        scoreRows(data, theta, begin[std::size_t(s)], begin[std::size_t(s) + 1], scores);
    });
}

} // namespace bidlab::train
