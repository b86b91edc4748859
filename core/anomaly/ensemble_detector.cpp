// SPDX-License-Identifier: MIT
#include "core/anomaly/ensemble_detector.h"

#include <algorithm>

namespace bidlab::anomaly {

EnsembleDetector::EnsembleDetector(const DetectorOptions& options)
    : m_ewma(options)
    , m_mad(options)
    , m_seasonal(options)
    , m_cusum(options)
{ }

double EnsembleDetector::update(double value)
{
    const double a = m_ewma.update(value);
    const double b = m_mad.update(value);
    const double c = m_seasonal.update(value);
    const double d = m_cusum.update(value);
    return std::max({ a, b, c, d });
}

} // namespace bidlab::anomaly
