// SPDX-License-Identifier: MIT
#include "core/train/logistic_objective.h"

#include "core/jobs/parallel_for.h"

#include <algorithm>
#include <limits>

namespace bidlab::train {

namespace {

constexpr Eigen::Index kRowsPerShard = 32768;
constexpr Eigen::Index kBlockRows = 512; // a block's features (512 × d doubles) stay in cache for both products
constexpr std::size_t kBucketChunks = 64;
constexpr Eigen::Index kCacheLineDoubles = 8;

std::vector<Eigen::Index> shardBounds(Eigen::Index rows)
{
    const Eigen::Index shards = std::clamp<Eigen::Index>(rows / kRowsPerShard, 1, 256);
    std::vector<Eigen::Index> begin;
    for (Eigen::Index s = 0; s <= shards; ++s)
        begin.push_back(rows * s / shards);
    return begin;
}

// z[a, b) = bias + X w + hashed weights, theta over all the buckets.
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

LogisticObjective::LogisticObjective(const PreparedData& data, std::size_t bucketCount, double l2, QThreadPool* pool,
                                     Eigen::Index maxShardBucketSums)
    : m_data(data)
    , m_bucketCount(bucketCount)
    , m_denseCount(data.dense.cols())
    , m_l2(l2)
    , m_pool(pool)
    , m_shardBegin(shardBounds(Eigen::Index(data.rows())))
{
    const auto c = static_cast<std::size_t>(data.categoricalCount);
    if (c > 0 && bucketCount > 0) {
        // The used buckets in ascending order, and each value's parameter index among them.
        constexpr std::uint32_t unused = std::numeric_limits<std::uint32_t>::max();
        std::vector<std::uint32_t> index(bucketCount, unused);
        for (const std::uint32_t b : data.buckets)
            index[b] = 0;
        for (std::size_t b = 0; b < bucketCount; ++b) {
            if (index[b] != unused) {
                index[b] = std::uint32_t(m_usedBuckets.size());
                m_usedBuckets.push_back(std::uint32_t(b));
            }
        }
        m_slots.resize(data.buckets.size());
        m_usedCounts.assign(m_usedBuckets.size(), 0);
        for (std::size_t i = 0; i < data.buckets.size(); ++i)
            ++m_usedCounts[m_slots[i] = index[data.buckets[i]]];
    }
    const auto used = Eigen::Index(m_usedBuckets.size());
    const Eigen::Index shards = shardCount();
    m_bucketsPerShard = used * shards <= maxShardBucketSums;
    // [loss, bias, dense gradient, (bucket gradient)], padded by a cache line at least.
    const Eigen::Index sums = 2 + m_denseCount + (m_bucketsPerShard ? used : 0);
    m_shardSums.resize((sums / kCacheLineDoubles + 2) * kCacheLineDoubles, shards);
    if (!m_bucketsPerShard)
        buildInvertedIndex();
}

void LogisticObjective::buildInvertedIndex()
{
    // Counting sort of (row, slot) entries by used bucket; rows stay ascending within a bucket.
    const std::size_t used = m_usedBuckets.size();
    const auto c = static_cast<std::size_t>(m_data.categoricalCount);
    m_residual.resize(Eigen::Index(m_data.rows()));
    m_bucketStart.assign(used + 1, 0);
    for (const std::uint32_t k : m_slots)
        ++m_bucketStart[k + 1];
    for (std::size_t k = 0; k < used; ++k)
        m_bucketStart[k + 1] += m_bucketStart[k];
    m_bucketRows.resize(m_slots.size());
    std::vector<std::uint32_t> fill(m_bucketStart.begin(), m_bucketStart.end() - 1);
    for (std::size_t i = 0; i < m_data.rows(); ++i) {
        for (std::size_t f = 0; f < c; ++f)
            m_bucketRows[fill[m_slots[i * c + f]]++] = static_cast<std::uint32_t>(i);
    }
    // Bucket ranges with about the same number of entries each.
    const std::size_t entries = m_bucketRows.size();
    m_chunkBegin.push_back(0);
    for (std::size_t k = 1; k < kBucketChunks; ++k) {
        const auto target = static_cast<std::uint32_t>(entries * k / kBucketChunks);
        const auto it = std::lower_bound(m_bucketStart.begin(), m_bucketStart.end(), target);
        m_chunkBegin.push_back(std::max(m_chunkBegin.back(), std::size_t(it - m_bucketStart.begin())));
    }
    m_chunkBegin.push_back(used);
}

Eigen::VectorXd LogisticObjective::curvatureDiagonal() const
{
    const double rows = std::max<double>(1.0, double(m_data.rows()));
    const double rate = m_data.y.sum() / rows;
    const double v = std::max(rate * (1.0 - rate), 1e-6);
    Eigen::VectorXd h(dimension());
    h(0) = v;
    h.segment(1, m_denseCount) = (v / rows) * m_data.dense.colwise().squaredNorm().transpose();
    for (std::size_t k = 0; k < m_usedCounts.size(); ++k)
        h(1 + m_denseCount + Eigen::Index(k)) = v * double(m_usedCounts[k]) / rows;
    h.tail(h.size() - 1).array() += m_l2;
    return h.cwiseMax(1e-12);
}

void LogisticObjective::expand(const Eigen::VectorXd& theta, Eigen::VectorXd& full) const
{
    const Eigen::Index head = 1 + m_denseCount;
    full.setZero(head + Eigen::Index(m_bucketCount));
    full.head(head) = theta.head(head);
    for (std::size_t k = 0; k < m_usedBuckets.size(); ++k)
        full(head + Eigen::Index(m_usedBuckets[k])) = theta(head + Eigen::Index(k));
}

void LogisticObjective::shardPass(const Eigen::VectorXd& theta, std::size_t shard)
{
    const Eigen::Index d = m_denseCount;
    const auto c = static_cast<std::size_t>(m_data.categoricalCount);
    const double* hashed = theta.data() + 1 + d;
    auto sums = m_shardSums.col(Eigen::Index(shard));
    sums.setZero();
    double* bucketSums = sums.data() + 2 + d;
    double loss = 0.0;
    Eigen::Array<double, kBlockRows, 1> z, e; // per block, on the stack: no allocation per evaluation
    for (Eigen::Index at = m_shardBegin[shard]; at < m_shardBegin[shard + 1]; at += kBlockRows) {
        const Eigen::Index len = std::min(kBlockRows, m_shardBegin[shard + 1] - at);
        const auto x = m_data.dense.middleRows(at, len);
        const auto y = m_data.y.segment(at, len).array();
        auto zb = z.head(len);
        auto eb = e.head(len);
        zb.matrix().noalias() = x * theta.segment(1, d);
        zb += theta(0);
        const std::uint32_t* const blockSlots = m_slots.data() + std::size_t(at) * c;
        if (c > 0) {
            const std::uint32_t* slot = blockSlots;
            for (Eigen::Index i = 0; i < len; ++i) {
                double sum = 0.0;
                for (std::size_t f = 0; f < c; ++f)
                    sum += hashed[*slot++];
                zb(i) += sum;
            }
        }
        eb = (-zb.abs()).exp();
        // log(1 + exp(-|z|)) + max(z, 0) - y z: the log loss without overflow (log of 1 + e vectorises, log1p
        // does not; they differ by less than 1e-16 per row).
        loss += ((1.0 + eb).log() + zb.max(0.0) - y * zb).sum();
        eb = 1.0 / (1.0 + eb) * (zb >= 0.0).select(1.0, eb); // p
        zb = eb - y; // the residual p - y replaces z
        sums(1) += zb.sum();
        sums.segment(2, d).noalias() += x.transpose() * zb.matrix();
        if (c == 0)
            continue;
        if (m_bucketsPerShard) {
            const std::uint32_t* slot = blockSlots;
            for (Eigen::Index i = 0; i < len; ++i) {
                const double residual = zb(i);
                for (std::size_t f = 0; f < c; ++f)
                    bucketSums[*slot++] += residual;
            }
        } else {
            m_residual.segment(at, len) = zb.matrix();
        }
    }
    sums(0) = loss;
}

void LogisticObjective::bucketPass(std::size_t chunk, Eigen::VectorXd& gradient) const
{
    double* g = gradient.data() + 1 + m_denseCount;
    for (std::size_t k = m_chunkBegin[chunk]; k < m_chunkBegin[chunk + 1]; ++k) {
        double sum = 0.0;
        for (std::uint32_t r = m_bucketStart[k]; r < m_bucketStart[k + 1]; ++r)
            sum += m_residual(m_bucketRows[r]);
        g[k] = sum;
    }
}

double LogisticObjective::operator()(const Eigen::VectorXd& theta, Eigen::VectorXd& gradient)
{
    const auto shards = static_cast<qsizetype>(shardCount());
    jobs::parallelFor(m_pool, shards, [&](qsizetype s) { shardPass(theta, std::size_t(s)); });
    const Eigen::Index n = dimension();
    gradient.setZero(n);
    // The shards' [bias, dense, (buckets)] sums line up with the gradient's head.
    const Eigen::Index summed = 1 + m_denseCount + (m_bucketsPerShard ? Eigen::Index(m_usedBuckets.size()) : 0);
    double loss = 0.0;
    for (qsizetype s = 0; s < shards; ++s) { // in shard order: the same sums for any thread count
        loss += m_shardSums(0, s);
        gradient.head(summed) += m_shardSums.col(s).segment(1, summed);
    }
    if (!m_bucketsPerShard)
        jobs::parallelFor(m_pool, qsizetype(m_chunkBegin.size() - 1),
                          [&](qsizetype k) { bucketPass(std::size_t(k), gradient); });
    const double rows = std::max<double>(1.0, double(m_data.rows()));
    gradient /= rows;
    const auto weights = theta.tail(n - 1);
    gradient.tail(n - 1) += m_l2 * weights;
    return loss / rows + 0.5 * m_l2 * weights.squaredNorm();
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
