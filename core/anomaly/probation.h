// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include <QtGlobal>

namespace bidlab::anomaly {

// Collects the probation period's values so that a detector can learn its parameters from them (scale,
// period), then frees them. Memory is bounded by the probation length.
class Probation
{
public:
    explicit Probation(qsizetype length);

    // Adds a value; true while still in probation (the value must not be scored).
    bool add(double value);
    // The same for detectors that only need the scale floor: the values are freed as soon as it is known.
    bool observe(double value);
    bool done() const { return m_done; }
    qsizetype length() const { return m_length; }
    const std::vector<double>& values() const { return m_values; }
    void release();

    // A floor for scales, so that a flat stretch (artificial series, a stalled metric) never divides by
    // zero: 1e-3 of the probation's spread, or of its level when it is flat, or 1e-9.
    double scaleFloor() const;

private:
    qsizetype m_length;
    bool m_done = false;
    std::vector<double> m_values;
    double m_floor = 1e-9;
};

// Median and robust standard deviation (1.4826 * MAD) of a sample.
struct RobustSummary
{
    double median = 0.0;
    double sd = 0.0;
};
RobustSummary robustSummary(std::vector<double> sample);

// The seasonal period of a sample: the lag in [minLag, size/2] with the highest autocorrelation, when it is a
// local peak above `minCorrelation`; 0 when the sample shows no period.
qsizetype estimatePeriod(const std::vector<double>& sample, qsizetype minLag = 4, double minCorrelation = 0.4);

} // namespace bidlab::anomaly
