// SPDX-License-Identifier: MIT
#include "core/anomaly/ewma_detector.h"

#include <algorithm>
#include <cmath>

namespace bidlab::anomaly {

namespace {

constexpr double kOutlierSigmas = 5.0;
constexpr double kOutlierWeight = 0.1;

double spanFor(qsizetype probation)
{
    return std::clamp(static_cast<double>(probation) / 4.0, 10.0, 200.0);
}

} // namespace

EwmaDetector::EwmaDetector(const DetectorOptions& options)
    : m_probation(options.probation)
    , m_stats(2.0 / (spanFor(options.probation) + 1.0))
    , m_settle(static_cast<std::size_t>(spanFor(options.probation)))
{ }

double EwmaDetector::update(double value)
{
    const double sd = std::max(m_stats.sd(), m_probation.scaleFloor());
    const double deviation = value - m_stats.mean();
    // Until the statistics have seen a few values their deviation is meaningless (and huge): report 0.
    m_deviation = m_stats.count() < m_settle ? 0.0 : deviation / sd;
    m_sigmas = std::abs(m_deviation);
    if (m_stats.count() < 2 || m_sigmas <= kOutlierSigmas) {
        m_stats.add(value);
    } else {
        // An outlier moves the mean a tenth as much (clipped to the outlier limit) and leaves the variance
        // alone: a spike hardly matters, and a lasting shift keeps scoring for a while before it is absorbed
        // as the new normal, instead of inflating the variance at once.
        const double limit = kOutlierSigmas * sd;
        m_stats.moveMean(m_stats.alpha() * kOutlierWeight * std::clamp(deviation, -limit, limit));
    }
    return m_probation.observe(value) ? 0.0 : scoreFromSigma(m_sigmas);
}

} // namespace bidlab::anomaly
