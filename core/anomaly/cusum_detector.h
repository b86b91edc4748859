// SPDX-License-Identifier: MIT
#pragma once

#include "core/anomaly/detector.h"
#include "core/anomaly/probation.h"
#include "core/anomaly/streaming_stats.h"

namespace bidlab::anomaly {

// Two-sided CUSUM change-point detector on values standardised by the probation period's median and robust
// standard deviation: S+ = max(0, S+ + z - k), S- = max(0, S- - z - k), with k = 0.5 sd. The score reaches
// the default threshold when max(S+, S-) reaches h = 10; then the reference level is reset to the recent mean
// (the new regime) and the sums restart, so one shift raises one alarm.
class CusumDetector : public Detector
{
public:
    explicit CusumDetector(const DetectorOptions& options);
    double update(double value) override;

    // max(S+, S-) / h of the last value (1.0 at an alarm).
    double level() const { return m_level; }

private:
    Probation m_probation;
    double m_reference = 0.0;
    double m_sd = 1.0;
    double m_high = 0.0;
    double m_low = 0.0;
    EwStats m_recent { 0.2 };
    double m_level = 0.0;
};

} // namespace bidlab::anomaly
