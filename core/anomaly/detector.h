// SPDX-License-Identifier: MIT
#pragma once

#include <memory>

#include <QString>
#include <QStringList>

namespace bidlab::anomaly {

// What every detector is told before the first value: how many leading values it may learn from without
// being scored (NAB's probationary period: 15 % of a file, at most 750 rows; a live stream's warm-up).
// Defaults are derived from it, never tuned per series.
struct DetectorOptions
{
    qsizetype probation = 150;
};

// A streaming anomaly detector: one value at a time, in order, constant memory and time per value.
// update() returns the anomaly score of that value in [0, 1] (0 during the probation period).
class Detector
{
public:
    virtual ~Detector() = default;
    virtual double update(double value) = 0;
};

// The score at or above which a detector's value counts as a detection when nothing else is chosen.
inline constexpr double kDefaultThreshold = 0.5;

// Maps a non-negative surprise measured in standard deviations to [0, 1): 5 sigma is 0.5 (the default
// threshold: about one false alarm in a million values of Gaussian noise), 10 sigma 0.67, 20 sigma 0.8.
// Never saturates, so a threshold sweep can still tell very large surprises apart.
double scoreFromSigma(double sigmas);

// The detectors by name: "ewma", "mad", "seasonal", "cusum", "ensemble" (the default, the strongest).
QStringList detectorNames();
QString describeDetector(const QString& name);
// nullptr for an unknown name.
std::unique_ptr<Detector> makeDetector(const QString& name, const DetectorOptions& options = {});

} // namespace bidlab::anomaly
