// SPDX-License-Identifier: MIT
#include "core/anomaly/ewma_detector.h"

#include <algorithm>
#include <cmath>

namespace bidlab::anomaly {

namespace {

double spanFor(qsizetype probation)
{
    return std::clamp(static_cast<double>(probation) / 4.0, 10.0, 200.0);
}

} // namespace

EwmaDetector::EwmaDetector(const DetectorOptions& options)
    : m_probation(options.probation)
    , m_stats(2.0 / (spanFor(options.probation) + 1.0))
{ }

double EwmaDetector::update(double value)
{
    const double sd = std::max(m_stats.sd(), m_probation.scaleFloor());
    const double deviation = value - m_stats.mean();
    m_sigmas = m_stats.empty() ? 0.0 : std::abs(deviation) / sd;
    const double limit = 5.0 * sd;
    m_stats.add(m_stats.count() < 2 ? value : m_stats.mean() + std::clamp(deviation, -limit, limit));
    if (m_probation.add(value)) {
        if (m_probation.done())
            m_probation.release();
        return 0.0;
    }
    return scoreFromSigma(m_sigmas);
}

} // namespace bidlab::anomaly
