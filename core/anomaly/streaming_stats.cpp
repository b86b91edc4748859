// SPDX-License-Identifier: MIT
#include "core/anomaly/streaming_stats.h"

#include <algorithm>
#include <cmath>

namespace bidlab::anomaly {

void EwStats::add(double x)
{
    if (m_count++ == 0) {
        m_mean = x;
        m_variance = 0.0;
        return;
    }
    const double delta = x - m_mean;
    m_mean += m_alpha * delta;
    m_variance = (1.0 - m_alpha) * (m_variance + m_alpha * delta * delta);
}

double EwStats::sd() const
{
    return std::sqrt(std::max(0.0, m_variance));
}

RollingWindow::RollingWindow(std::size_t capacity)
    : m_ring(std::max<std::size_t>(1, capacity))
{
    m_sorted.reserve(m_ring.size());
    m_scratch.reserve(m_ring.size());
}

void RollingWindow::add(double x)
{
    if (full()) {
        const double old = m_ring[m_next];
        m_sorted.erase(std::lower_bound(m_sorted.begin(), m_sorted.end(), old));
    }
    m_ring[m_next] = x;
    m_next = (m_next + 1) % m_ring.size();
    m_sorted.insert(std::upper_bound(m_sorted.begin(), m_sorted.end(), x), x);
}

double RollingWindow::median() const
{
    if (m_sorted.empty())
        return 0.0;
    const std::size_t n = m_sorted.size();
    return n % 2 ? m_sorted[n / 2] : 0.5 * (m_sorted[n / 2 - 1] + m_sorted[n / 2]);
}

double RollingWindow::mad() const
{
    if (m_sorted.empty())
        return 0.0;
    const double center = median();
    m_scratch.clear();
    for (double x : m_sorted)
        m_scratch.push_back(std::abs(x - center));
    const std::size_t n = m_scratch.size();
    std::nth_element(m_scratch.begin(), m_scratch.begin() + static_cast<std::ptrdiff_t>(n / 2), m_scratch.end());
    return 1.4826 * m_scratch[n / 2];
}

double RollingWindow::back(std::size_t age) const
{
    const std::size_t n = m_ring.size();
    return m_ring[(m_next + n - 1 - age) % n];
}

} // namespace bidlab::anomaly
