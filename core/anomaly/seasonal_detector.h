// SPDX-License-Identifier: MIT
#pragma once

#include "core/anomaly/detector.h"
#include "core/anomaly/probation.h"
#include "core/anomaly/streaming_stats.h"

#include <vector>

namespace bidlab::anomaly {

// Additive Holt-Winters without trend: level + a seasonal profile of `period` values. The period is found
// from the probation period's autocorrelation (or given; 1 means no season), the profile and the residual
// scale are initialised there. The surprise is the forecast error in robust standard deviations of past
// errors (blended with the error scale of the value's phase, for series whose noise follows the cycle);
// errors are clipped to 5 sd before they update the model.
class SeasonalDetector : public Detector
{
public:
    explicit SeasonalDetector(const DetectorOptions& options, qsizetype period = 0);
    double update(double value) override;

    double sigmas() const { return m_sigmas; }
    // The signed forecast error of the last value, in standard deviations.
    double residual() const { return m_residual; }
    // The probation values' errors in standard deviations, available right after the probation's last value
    // (until the next update), so that a consumer can calibrate on them.
    const std::vector<double>& warmupResiduals() const { return m_warmup; }
    qsizetype period() const { return static_cast<qsizetype>(m_season.size()); }

private:
    void initialise(const std::vector<double>& values);
    void initialisePhaseScales(const std::vector<double>& errors, double overall);
    double step(double value); // returns the error in sd, updates the model

    Probation m_probation;
    qsizetype m_givenPeriod;
    double m_level = 0.0;
    std::vector<double> m_season;
    std::size_t m_phase = 0;
    std::vector<double> m_phaseScale; // mean absolute error per phase
    EwStats m_errors { 0.02 };
    double m_floor = 1e-9;
    double m_sigmas = 0.0;
    double m_residual = 0.0;
    bool m_ready = false;
    std::vector<double> m_warmup;
};

} // namespace bidlab::anomaly
