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
    // The deviations |x - median| of sorted values grow outward from the median on both sides: walking two
    // cursors outward, always taking the smaller deviation, reaches the (n/2)-th smallest in n/2 steps
    // without copying or partitioning.
    const double center = median();
    const std::size_t n = m_sorted.size();
    std::size_t right
        = static_cast<std::size_t>(std::lower_bound(m_sorted.begin(), m_sorted.end(), center) - m_sorted.begin());
    std::ptrdiff_t left = static_cast<std::ptrdiff_t>(right) - 1;
    double deviation = 0.0;
    for (std::size_t taken = 0; taken <= n / 2; ++taken) {
        const double fromLeft = left >= 0 ? center - m_sorted[static_cast<std::size_t>(left)] : HUGE_VAL;
        const double fromRight = right < n ? m_sorted[right] - center : HUGE_VAL;
        if (fromLeft <= fromRight) {
            deviation = fromLeft;
            --left;
        } else {
            deviation = fromRight;
            ++right;
        }
    }
    return 1.4826 * deviation;
}

double RollingWindow::back(std::size_t age) const
{
    const std::size_t n = m_ring.size();
    return m_ring[(m_next + n - 1 - age) % n];
}

} // namespace bidlab::anomaly
