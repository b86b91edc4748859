// SPDX-License-Identifier: MIT
#include "core/anomaly/baseline_ratio_detector.h"

#include <algorithm>

namespace bidlab::anomaly {

BaselineRatioDetector::BaselineRatioDetector(const DetectorOptions& options, std::size_t lag)
    : m_delay(std::max<std::size_t>(lag, 1))
    , m_baseline(static_cast<std::size_t>(std::max<qsizetype>(options.probation, 1)))
{ }

double BaselineRatioDetector::update(double value)
{
    double score = 0.0;
    m_baselineValue = m_baseline.full() ? m_baseline.median() : 0.0;
    if (m_baseline.full() && value > m_baselineValue)
        score = m_baselineValue > 0.0 ? 1.0 - m_baselineValue / value : 1.0;
    // The value waits `lag` updates before it joins the baseline.
    if (m_seen >= m_delay.size())
        m_baseline.add(m_delay[m_next]);
    m_delay[m_next] = value;
    m_next = (m_next + 1) % m_delay.size();
    ++m_seen;
    return score;
}

} // namespace bidlab::anomaly
