// SPDX-License-Identifier: MIT
#include "core/anomaly/ensemble_detector.h"

#include <algorithm>
#include <cmath>

namespace bidlab::anomaly {

namespace {

// Fractions of the probation length.
constexpr double kShiftSpan = 0.05;
constexpr double kNoiseSpan = 0.10;
constexpr double kSpikeRateSpan = 0.10;
constexpr double kPeakMemory = 0.25;
constexpr double kFilterSpan = 0.40;
// An error beyond this many sd is a spike for feature 5.
constexpr double kSpikeSigmas = 4.0;
// Below these sizes a feature is never news, whatever its recent peak.
constexpr std::array<double, 5> kFloors { 4.0, 4.0, 2.0, 4.0, 0.05 };
// Score = g / (g + kHalf): the default threshold 0.5 is g = 1.5.
constexpr double kHalf = 1.5;

double alphaForSpan(double span)
{
    return 2.0 / (std::max(span, 1.0) + 1.0);
}

double fraction(qsizetype probation, double f)
{
    return f * static_cast<double>(probation);
}

} // namespace

EnsembleDetector::EnsembleDetector(const DetectorOptions& options)
    : m_probation(std::max<qsizetype>(options.probation, 2))
    , m_seasonal(options)
    , m_level(options)
    , m_shift(alphaForSpan(fraction(m_probation, kShiftSpan)))
    , m_noise(alphaForSpan(fraction(m_probation, kNoiseSpan)))
    , m_spikeRate(alphaForSpan(fraction(m_probation, kSpikeRateSpan)))
    , m_peakDecay(1.0 - 1.0 / std::max(1.0, fraction(m_probation, kPeakMemory)))
    , m_filter(static_cast<std::size_t>(std::max(1.0, fraction(m_probation, kFilterSpan))))
{
    m_levelWarmup.reserve(static_cast<std::size_t>(m_probation));
}

double EnsembleDetector::update(double value)
{
    ++m_seen;
    m_seasonal.update(value);
    m_level.update(value);
    const double level = m_level.sigmas();
    if (m_seen < m_probation) {
        m_levelWarmup.push_back(level);
        return 0.0;
    }
    if (m_seen == m_probation) {
        // Calibrate on the probation: its first half teaches the peaks, its second half also primes the
        // alarm filter, so that the first scored values are not records by default.
        const std::vector<double>& errors = m_seasonal.warmupResiduals();
        for (std::size_t i = 0; i < errors.size(); ++i) {
            const bool prime = i >= errors.size() / 2;
            const double g = novelty(errors[i], i < m_levelWarmup.size() ? m_levelWarmup[i] : level, prime);
            if (prime)
                m_filter.filter(g);
        }
        m_levelWarmup = {};
        return 0.0;
    }
    return m_filter.filter(novelty(m_seasonal.residual(), level, true));
}

double EnsembleDetector::novelty(double residual, double level, bool score)
{
    const double r = std::clamp(residual, -10.0, 10.0);
    m_shift.add(r);
    m_noise.add(std::abs(r));
    m_spikeRate.add(std::abs(r) > kSpikeSigmas ? 1.0 : 0.0);
    const double shiftError = std::sqrt(m_shift.alpha() / (2.0 - m_shift.alpha()));
    const std::array<double, kFeatures> features {
        std::abs(r), std::abs(m_shift.mean()) / shiftError, m_noise.mean(), level, m_spikeRate.mean(),
    };
    double g = 0.0;
    for (std::size_t i = 0; i < kFeatures; ++i) {
        if (score)
            g = std::max(g, features[i] / std::max(m_peak[i], kFloors[i]));
        m_peak[i] = std::max(features[i], m_peak[i] * m_peakDecay);
    }
    return g / (g + kHalf);
}

} // namespace bidlab::anomaly
