// SPDX-License-Identifier: MIT
#include "core/anomaly/alarm_filter.h"

#include <algorithm>

namespace bidlab::anomaly {

AlarmFilter::AlarmFilter(std::size_t span)
    : m_span(std::max<std::size_t>(span, 1))
    , m_ring(m_span + 1)
{ }

double AlarmFilter::filter(double score)
{
    while (m_head != m_tail && at(m_head).index + m_span < m_index)
        ++m_head;
    const bool record = m_head == m_tail || score > at(m_head).score;
    while (m_head != m_tail && at(m_tail - 1).score <= score)
        --m_tail;
    at(m_tail++) = { m_index++, score };
    return record ? score : 0.0;
}

} // namespace bidlab::anomaly
