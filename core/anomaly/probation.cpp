// SPDX-License-Identifier: MIT
#include "core/anomaly/probation.h"

#include <algorithm>
#include <cmath>

namespace bidlab::anomaly {

Probation::Probation(qsizetype length)
    : m_length(std::max<qsizetype>(length, 2))
{
    m_values.reserve(static_cast<std::size_t>(m_length));
}

bool Probation::add(double value)
{
    if (m_done)
        return false;
    m_values.push_back(value);
    if (static_cast<qsizetype>(m_values.size()) < m_length)
        return true;
    m_done = true;
    const auto [low, high] = std::minmax_element(m_values.begin(), m_values.end());
    const double spread = *high - *low;
    m_floor = spread > 0 ? 1e-3 * spread : (*low != 0 ? 1e-3 * std::abs(*low) : 1e-9);
    return true; // the last probation value is not scored either
}

bool Probation::observe(double value)
{
    if (!add(value))
        return false;
    if (m_done)
        release();
    return true;
}

void Probation::release()
{
    m_values.clear();
    m_values.shrink_to_fit();
}

double Probation::scaleFloor() const
{
    return m_floor;
}

RobustSummary robustSummary(std::vector<double> sample)
{
    RobustSummary summary;
    if (sample.empty())
        return summary;
    const auto middle = sample.begin() + static_cast<std::ptrdiff_t>(sample.size() / 2);
    std::nth_element(sample.begin(), middle, sample.end());
    summary.median = *middle;
    for (double& x : sample)
        x = std::abs(x - summary.median);
    std::nth_element(sample.begin(), middle, sample.end());
    summary.sd = 1.4826 * *middle;
    return summary;
}

qsizetype estimatePeriod(const std::vector<double>& sample, qsizetype minLag, double minCorrelation)
{
    const auto n = static_cast<qsizetype>(sample.size());
    const qsizetype maxLag = n / 2;
    if (maxLag <= minLag + 1)
        return 0;
    double mean = 0.0;
    for (double x : sample)
        mean += x;
    mean /= static_cast<double>(n);
    double variance = 0.0;
    for (double x : sample)
        variance += (x - mean) * (x - mean);
    if (variance <= 0.0)
        return 0;
    std::vector<double> acf(static_cast<std::size_t>(maxLag + 2), 0.0);
    for (qsizetype lag = minLag - 1; lag <= maxLag + 1 && lag < n; ++lag) {
        double sum = 0.0;
        for (qsizetype i = lag; i < n; ++i)
            sum += (sample[static_cast<std::size_t>(i)] - mean) * (sample[static_cast<std::size_t>(i - lag)] - mean);
        acf[static_cast<std::size_t>(lag)] = sum / variance;
    }
    qsizetype best = 0;
    for (qsizetype lag = minLag; lag <= maxLag; ++lag) {
        const double r = acf[static_cast<std::size_t>(lag)];
        const bool peak = r >= acf[static_cast<std::size_t>(lag - 1)] && r >= acf[static_cast<std::size_t>(lag + 1)];
        if (peak && r >= minCorrelation && (best == 0 || r > acf[static_cast<std::size_t>(best)]))
            best = lag;
    }
    return best;
}

} // namespace bidlab::anomaly
