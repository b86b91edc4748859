// SPDX-License-Identifier: MIT
#pragma once

#include "core/anomaly/detector.h"
#include "core/anomaly/probation.h"
#include "core/anomaly/streaming_stats.h"

namespace bidlab::anomaly {

// EWMA z-score: distance of a value from an exponentially weighted mean, in exponentially weighted standard
// deviations. The span is a quarter of the probation period (10..200 values). A value beyond 5 sd moves the
// mean with a tenth of the weight (clipped to 5 sd) and leaves the variance alone, so one outlier does not
// blind the detector to the next, and a level shift keeps scoring for a while (an alert can last) before the
// new level is absorbed.
class EwmaDetector : public Detector
{
public:
    explicit EwmaDetector(const DetectorOptions& options);
    double update(double value) override;

    // The last value's surprise in standard deviations (for the ensemble).
    double sigmas() const { return m_sigmas; }
    // The same, signed (above the mean is positive).
    double deviation() const { return m_deviation; }

private:
    Probation m_probation;
    EwStats m_stats;
    std::size_t m_settle; // values before the first deviation is reported
    double m_sigmas = 0.0;
    double m_deviation = 0.0;
};

} // namespace bidlab::anomaly
