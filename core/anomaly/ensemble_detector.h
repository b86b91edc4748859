// SPDX-License-Identifier: MIT
#pragma once

#include "core/anomaly/cusum_detector.h"
#include "core/anomaly/detector.h"
#include "core/anomaly/ewma_detector.h"
#include "core/anomaly/mad_detector.h"
#include "core/anomaly/seasonal_detector.h"

namespace bidlab::anomaly {

// Combines the other detectors (work in progress).
class EnsembleDetector : public Detector
{
public:
    explicit EnsembleDetector(const DetectorOptions& options);
    double update(double value) override;

private:
    EwmaDetector m_ewma;
    MadDetector m_mad;
    SeasonalDetector m_seasonal;
    CusumDetector m_cusum;
};

} // namespace bidlab::anomaly
