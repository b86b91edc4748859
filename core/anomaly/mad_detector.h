// SPDX-License-Identifier: MIT
#pragma once

#include "core/anomaly/detector.h"
#include "core/anomaly/probation.h"
#include "core/anomaly/streaming_stats.h"

namespace bidlab::anomaly {

// Robust z-score: distance of a value from the median of the previous window, in median absolute
// deviations (scaled to a standard deviation). The window is half the probation period (20..300 values).
class MadDetector : public Detector
{
public:
    explicit MadDetector(const DetectorOptions& options);
    double update(double value) override;
    double sigmas() const { return m_sigmas; }

private:
    Probation m_probation;
    RollingWindow m_window;
    double m_sigmas = 0.0;
};

} // namespace bidlab::anomaly
