// SPDX-License-Identifier: MIT
#pragma once

#include "core/anomaly/detector.h"
#include "core/anomaly/probation.h"
#include "core/anomaly/streaming_stats.h"

namespace bidlab::anomaly {

// EWMA z-score: distance of a value from an exponentially weighted mean, in exponentially weighted standard
// deviations. The span is a quarter of the probation period (10..200 values); values are clipped to 5 sd
// before they update the statistics, so one outlier does not blind the detector to the next.
class EwmaDetector : public Detector
{
public:
    explicit EwmaDetector(const DetectorOptions& options);
    double update(double value) override;

    // The last value's surprise in standard deviations (for the ensemble).
    double sigmas() const { return m_sigmas; }

private:
    Probation m_probation;
    EwStats m_stats;
    double m_sigmas = 0.0;
};

} // namespace bidlab::anomaly
