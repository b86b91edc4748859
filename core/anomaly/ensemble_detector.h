// SPDX-License-Identifier: MIT
#pragma once

#include "core/anomaly/alarm_filter.h"
#include "core/anomaly/detector.h"
#include "core/anomaly/ewma_detector.h"
#include "core/anomaly/seasonal_detector.h"

#include <array>
#include <vector>

namespace bidlab::anomaly {

// The default detector: several views of "unusual", each judged against what this series has shown
// recently, then de-duplicated so that one incident scores once.
//
// Features, per value, all in standard deviations:
//   1. |forecast error| of the seasonal (Holt-Winters) model: a point that breaks the daily pattern;
//   2. |EW mean of recent errors| / its standard error: a small but sustained shift (span 5 % of the
//      probation);
//   3. EW mean of |errors|: more noise or denser spikes than usual (span 10 % of the probation);
//   4. distance from the EWMA of the raw values: a level departure the seasonal model would absorb.
// Novelty: each feature divided by its own recent peak (a maximum that decays with a time constant of a
// quarter of the probation) or by a floor (4 sd; 2 for feature 3: twice the usual noise), whichever is larger; the
// score is g / (g + 1) for the largest ratio g, so 0.5 means "as large as anything seen lately". Alarm filter: a score
// passes only if it is a record over the last 40 % of the probation's length. Everything is calibrated on the probation
// period (its second half also primes the filter); nothing is set per series. Memory: the seasonal profile, the
// probation buffer and the filter's ring.
class EnsembleDetector : public Detector
{
public:
    explicit EnsembleDetector(const DetectorOptions& options);
    double update(double value) override;

private:
    static constexpr std::size_t kFeatures = 4;
    double novelty(double residual, double level, bool score);

    qsizetype m_probation;
    qsizetype m_seen = 0;
    SeasonalDetector m_seasonal;
    EwmaDetector m_level;
    std::vector<double> m_levelWarmup; // feature 4 during the probation, replayed once with the model's
    EwStats m_shift;
    EwStats m_noise;
    std::array<double, kFeatures> m_peak {};
    double m_peakDecay;
    AlarmFilter m_filter;
};

} // namespace bidlab::anomaly
