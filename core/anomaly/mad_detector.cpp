// SPDX-License-Identifier: MIT
#include "core/anomaly/mad_detector.h"

#include <algorithm>
#include <cmath>

namespace bidlab::anomaly {

MadDetector::MadDetector(const DetectorOptions& options)
    : m_probation(options.probation)
    , m_window(static_cast<std::size_t>(std::clamp<qsizetype>(options.probation / 2, 20, 300)))
{ }

double MadDetector::update(double value)
{
    m_sigmas = m_window.size() < 3
        ? 0.0
        : std::abs(value - m_window.median()) / std::max(m_window.mad(), m_probation.scaleFloor());
    m_window.add(value);
    return m_probation.observe(value) ? 0.0 : scoreFromSigma(m_sigmas);
}

} // namespace bidlab::anomaly
