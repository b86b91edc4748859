// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <vector>

namespace bidlab::anomaly {

// Keeps one incident from scoring as many: a score passes only when it beats every score of the previous
// `span` values (a new record in that window); otherwise it is reported as 0. Whatever threshold is used
// afterwards, a burst then counts once unless it keeps growing. O(1) amortised per value: a monotonic queue
// in a fixed ring, no allocation after construction.
class AlarmFilter
{
public:
    explicit AlarmFilter(std::size_t span);

    double filter(double score);

private:
    struct Entry
    {
        std::size_t index;
        double score;
    };
    Entry& at(std::size_t i) { return m_ring[i % m_ring.size()]; }

    std::size_t m_span;
    std::size_t m_index = 0;
    std::vector<Entry> m_ring; // decreasing scores of the last `span` values, from m_head to m_tail
    std::size_t m_head = 0;
    std::size_t m_tail = 0;
};

} // namespace bidlab::anomaly
