// SPDX-License-Identifier: MIT
#include "core/anomaly/cusum_detector.h"

#include <algorithm>

namespace bidlab::anomaly {

namespace {

constexpr double kSlack = 0.5;
constexpr double kAlarm = 10.0;

} // namespace

CusumDetector::CusumDetector(const DetectorOptions& options)
    : m_probation(options.probation)
{ }

double CusumDetector::update(double value)
{
    m_recent.add(value);
    if (!m_probation.done()) {
        m_probation.add(value);
        if (m_probation.done()) {
            const RobustSummary summary = robustSummary(m_probation.values());
            m_reference = summary.median;
            m_sd = std::max(summary.sd, m_probation.scaleFloor());
            m_probation.release();
        }
        return 0.0;
    }
    const double z = std::clamp((value - m_reference) / m_sd, -10.0, 10.0);
    m_high = std::max(0.0, m_high + z - kSlack);
    m_low = std::max(0.0, m_low - z - kSlack);
    m_level = std::max(m_high, m_low) / kAlarm;
    const double score = scoreFromSigma(5.0 * m_level);
    if (m_level >= 1.0) {
        m_reference = m_recent.mean();
        m_high = m_low = 0.0;
    }
    return score;
}

} // namespace bidlab::anomaly
