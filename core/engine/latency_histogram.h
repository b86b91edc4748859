// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/engine_snapshot.h"

#include <array>
#include <cstdint>

namespace bidlab::engine {

// A log-linear histogram of durations in nanoseconds (as HdrHistogram): exact below 256 ns, then 128
// buckets per power of two, so a bucket is at most 1/128 of its value wide and a percentile read at the
// bucket's midpoint is within 0.4 % of the exact one. Fixed size (7,424 counters), no allocation while
// recording: one index computation and an increment.
class LatencyHistogram
{
public:
    static constexpr int kSubBits = 7;
    static constexpr int kLinear = 256; // exact below this
    static constexpr int kBuckets = kLinear + (64 - 8) * (1 << kSubBits);

    void record(std::uint64_t ns)
    {
        ++m_counts[indexOf(ns)];
        ++m_count;
        m_sum += ns;
        m_min = ns < m_min ? ns : m_min;
        m_max = ns > m_max ? ns : m_max;
    }
    void add(const LatencyHistogram& other);
    void reset();

    std::uint64_t count() const { return m_count; }
    std::uint64_t min() const { return m_count ? m_min : 0; }
    std::uint64_t max() const { return m_max; }
    double mean() const { return m_count ? static_cast<double>(m_sum) / static_cast<double>(m_count) : 0.0; }

    // The nearest-rank percentile (q in [0, 1]): the value of rank ceil(q·n), read as its bucket's
    // midpoint, within [min, max]. 0 when empty.
    std::uint64_t percentile(double q) const;
    LatencySummary summary() const;

    static int indexOf(std::uint64_t ns)
    {
        if (ns < kLinear)
            return static_cast<int>(ns);
        const int e = 63 - __builtin_clzll(ns); // >= 8
        const int mantissa = static_cast<int>((ns >> (e - kSubBits)) & ((1u << kSubBits) - 1));
        return kLinear + ((e - 8) << kSubBits) + mantissa;
    }
    // [low, high) of a bucket.
    static std::uint64_t bucketLow(int index);
    static std::uint64_t bucketWidth(int index);

private:
    std::array<std::uint64_t, kBuckets> m_counts {};
    std::uint64_t m_count = 0;
    std::uint64_t m_sum = 0;
    std::uint64_t m_min = ~std::uint64_t(0);
    std::uint64_t m_max = 0;
};

} // namespace bidlab::engine
