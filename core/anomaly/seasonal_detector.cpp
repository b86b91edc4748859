// SPDX-License-Identifier: MIT
#include "core/anomaly/seasonal_detector.h"

#include <algorithm>
#include <cmath>

namespace bidlab::anomaly {

namespace {

constexpr double kLevelAlpha = 0.1;
constexpr double kSeasonGamma = 0.1;
constexpr double kPhaseBeta = 0.2;
constexpr double kOutlierSigmas = 5.0; // errors beyond this update the model with a tenth of the weight
constexpr double kOutlierWeight = 0.1;
constexpr double kPhaseWeight = 0.5; // the error scale blends the overall and the phase's

} // namespace

SeasonalDetector::SeasonalDetector(const DetectorOptions& options, qsizetype period)
    : m_probation(options.probation)
    , m_givenPeriod(period)
{ }

void SeasonalDetector::initialise(const std::vector<double>& values)
{
    qsizetype period = m_givenPeriod > 0 ? m_givenPeriod : estimatePeriod(values);
    const auto n = static_cast<qsizetype>(values.size());
    if (period <= 1 || period > n / 2)
        period = 1;
    m_season.assign(static_cast<std::size_t>(period), 0.0);
    const qsizetype cycles = n / period;
    if (period > 1) {
        for (qsizetype c = 0; c < cycles; ++c) {
            double mean = 0.0;
            for (qsizetype j = 0; j < period; ++j)
                mean += values[static_cast<std::size_t>(c * period + j)];
            mean /= static_cast<double>(period);
            for (qsizetype j = 0; j < period; ++j)
                m_season[static_cast<std::size_t>(j)]
                    += (values[static_cast<std::size_t>(c * period + j)] - mean) / static_cast<double>(cycles);
        }
    }
    m_level = values.front() - m_season[0];
    m_floor = m_probation.scaleFloor();
    // Warm the model up on the probation values so that the level and the error scale are settled.
    std::vector<double> errors;
    errors.reserve(values.size());
    m_phase = 0;
    for (double x : values) {
        const double forecast = m_level + m_season[m_phase];
        const double error = x - forecast;
        errors.push_back(error);
        m_level += kLevelAlpha * error;
        m_season[m_phase] += kSeasonGamma * (1.0 - kLevelAlpha) * error;
        m_phase = (m_phase + 1) % m_season.size();
    }
    const RobustSummary summary = robustSummary(errors);
    initialisePhaseScales(errors, summary.sd);
    const double scale = std::max(summary.sd, m_floor);
    m_warmup.clear();
    for (double e : errors)
        m_warmup.push_back(e / scale);
    m_errors = EwStats(0.02);
    m_errors.add(summary.sd); // the running error scale starts at the probation's
    m_ready = true;
}

void SeasonalDetector::initialisePhaseScales(const std::vector<double>& errors, double overall)
{
    // Mean absolute error per phase over the probation's cycles, smoothed over the neighbouring phases.
    const std::size_t period = m_season.size();
    std::vector<double> sum(period, 0.0);
    std::vector<double> count(period, 0.0);
    for (std::size_t i = 0; i < errors.size(); ++i) {
        for (std::size_t d = 0; d < 5 && period > 1; ++d) {
            const std::size_t j = (i + period + d - 2) % period;
            sum[j] += std::abs(errors[i]);
            count[j] += 1.0;
        }
    }
    m_phaseScale.assign(period, overall / 1.2533);
    for (std::size_t j = 0; j < period && period > 1; ++j) {
        if (count[j] > 0)
            m_phaseScale[j] = sum[j] / count[j];
    }
}

double SeasonalDetector::step(double value)
{
    const double forecast = m_level + m_season[m_phase];
    const double overall = std::sqrt(m_errors.mean() * m_errors.mean() + m_errors.variance());
    const double phase = 1.2533 * m_phaseScale[m_phase];
    // Without a season the per-phase scale would be a fast copy of the overall one: use the overall only.
    const double phaseWeight = m_season.size() > 1 ? kPhaseWeight : 0.0;
    const double sd = std::max((1.0 - phaseWeight) * overall + phaseWeight * phase, m_floor);
    const double error = value - forecast;
    const double clipped = std::clamp(error, -kOutlierSigmas * sd, kOutlierSigmas * sd);
    const double weight = 1.0;
    m_level += weight * kLevelAlpha * clipped;
    m_season[m_phase] += weight * kSeasonGamma * (1.0 - kLevelAlpha) * clipped;
    m_phaseScale[m_phase] += weight * kPhaseBeta * (std::abs(clipped) - m_phaseScale[m_phase]);
    m_phase = (m_phase + 1) % m_season.size();
    if (weight == 1.0)
        m_errors.add(std::abs(clipped));
    return error / sd;
}

double SeasonalDetector::update(double value)
{
    if (!m_ready) {
        if (m_probation.add(value)) {
            if (m_probation.done()) {
                initialise(m_probation.values());
                m_probation.release();
            }
            return 0.0;
        }
    }
    m_warmup.clear();
    m_residual = step(value);
    m_sigmas = std::abs(m_residual);
    return scoreFromSigma(m_sigmas);
}

} // namespace bidlab::anomaly
