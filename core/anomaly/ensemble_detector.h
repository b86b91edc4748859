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
// Features, per value (spans are fractions of the probation length, so the detector scales with how fast a
// series is sampled):
//   1. |forecast error| of the seasonal (Holt-Winters) model, in sd: a value that breaks the daily pattern;
//   2. |EW mean of recent errors| / its standard error (span 5 %): a shift the model has not absorbed yet;
//   3. EW mean of |errors| (span 10 %): more noise than usual;
//   4. distance from the EWMA of the raw values, in sd: a level departure the seasonal model absorbs;
//   5. EW share of errors beyond 4 sd (span 10 %): spikes coming denser than usual.
// Novelty: each feature over the larger of its recent peak (a maximum that decays with a time constant of a
// quarter of the probation) and a floor (4 sd for 1, 2 and 4; twice the usual noise for 3; 5 % for 5). The
// score is g / (g + 1.5) for the largest ratio g: 0.5 (the default threshold) means 1.5 times anything seen
// lately and at least 6 sd.
// Alarm filter: a score passes only if it is a record over the last 40 % of the probation's length.
// All of it is calibrated on the probation period (its second half also primes the filter); nothing is set
// per series. Memory: the seasonal profile, the probation buffer and the filter's ring.
class EnsembleDetector : public Detector
{
public:
    explicit EnsembleDetector(const DetectorOptions& options);
    double update(double value) override;

private:
    static constexpr std::size_t kFeatures = 5;
    double novelty(double residual, double level, bool score);

    qsizetype m_probation;
    qsizetype m_seen = 0;
    SeasonalDetector m_seasonal;
    EwmaDetector m_level;
    std::vector<double> m_levelWarmup; // feature 4 during the probation, replayed once with the model's
    EwStats m_shift;
    EwStats m_noise;
    EwStats m_spikeRate;
    std::array<double, kFeatures> m_peak {};
    double m_peakDecay;
    AlarmFilter m_filter;
};

} // namespace bidlab::anomaly
