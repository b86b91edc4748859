// SPDX-License-Identifier: MIT
#include "core/engine/latency_histogram.h"

#include <algorithm>
#include <cmath>

namespace bidlab::engine {

void LatencyHistogram::add(const LatencyHistogram& other)
{
    if (other.m_count == 0)
        return;
    for (int i = 0; i < kBuckets; ++i)
        m_counts[static_cast<std::size_t>(i)] += other.m_counts[static_cast<std::size_t>(i)];
    m_count += other.m_count;
    m_sum += other.m_sum;
    m_min = std::min(m_min, other.m_min);
    m_max = std::max(m_max, other.m_max);
}

void LatencyHistogram::reset()
{
    if (m_count == 0)
        return;
    m_counts.fill(0);
    m_count = 0;
    m_sum = 0;
    m_min = ~std::uint64_t(0);
    m_max = 0;
}

std::uint64_t LatencyHistogram::bucketLow(int index)
{
    if (index < kLinear)
        return static_cast<std::uint64_t>(index);
    const int e = 8 + ((index - kLinear) >> kSubBits);
    const std::uint64_t mantissa = static_cast<std::uint64_t>((index - kLinear) & ((1 << kSubBits) - 1));
    return ((std::uint64_t(1) << kSubBits) + mantissa) << (e - kSubBits);
}

std::uint64_t LatencyHistogram::bucketWidth(int index)
{
    if (index < kLinear)
        return 1;
    const int e = 8 + ((index - kLinear) >> kSubBits);
    return std::uint64_t(1) << (e - kSubBits);
}

std::uint64_t LatencyHistogram::percentile(double q) const
{
    if (m_count == 0)
        return 0;
    const auto rank = std::max<std::uint64_t>(
        1, static_cast<std::uint64_t>(std::ceil(std::clamp(q, 0.0, 1.0) * static_cast<double>(m_count))));
    std::uint64_t seen = 0;
    for (int i = 0; i < kBuckets; ++i) {
        seen += m_counts[static_cast<std::size_t>(i)];
        if (seen >= rank) {
            const std::uint64_t middle = bucketLow(i) + bucketWidth(i) / 2;
            return std::clamp(middle, min(), m_max);
        }
    }
    return m_max;
}

LatencySummary LatencyHistogram::summary() const
{
    LatencySummary s;
    s.count = static_cast<qint64>(m_count);
    s.mean = static_cast<qint64>(std::llround(mean()));
    s.p50 = static_cast<qint64>(percentile(0.50));
    s.p90 = static_cast<qint64>(percentile(0.90));
    s.p99 = static_cast<qint64>(percentile(0.99));
    s.p999 = static_cast<qint64>(percentile(0.999));
    s.max = static_cast<qint64>(m_max);
    return s;
}

} // namespace bidlab::engine
