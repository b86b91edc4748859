// SPDX-License-Identifier: MIT
#include "core/anomaly/detector.h"

#include "core/anomaly/cusum_detector.h"
#include "core/anomaly/ensemble_detector.h"
#include "core/anomaly/ewma_detector.h"
#include "core/anomaly/mad_detector.h"
#include "core/anomaly/seasonal_detector.h"

#include <algorithm>
#include <functional>

namespace bidlab::anomaly {

namespace {

struct Entry
{
    const char* name;
    const char* description;
    std::function<std::unique_ptr<Detector>(const DetectorOptions&)> make;
};

const std::vector<Entry>& registry()
{
    static const std::vector<Entry> entries {
        { "ensemble", "Combination of the detectors below, calibrated and de-duplicated (the default).",
          [](const DetectorOptions& o) { return std::make_unique<EnsembleDetector>(o); } },
        { "ewma", "EWMA z-score.", [](const DetectorOptions& o) { return std::make_unique<EwmaDetector>(o); } },
        { "mad", "Rolling median / MAD robust z-score.",
          [](const DetectorOptions& o) { return std::make_unique<MadDetector>(o); } },
        { "seasonal", "Holt-Winters (additive season found from the probation period) forecast error.",
          [](const DetectorOptions& o) { return std::make_unique<SeasonalDetector>(o); } },
        { "cusum", "Two-sided CUSUM change points.",
          [](const DetectorOptions& o) { return std::make_unique<CusumDetector>(o); } },
    };
    return entries;
}

} // namespace

double scoreFromSigma(double sigmas)
{
    const double s = std::max(0.0, sigmas);
    return s / (s + 5.0);
}

QStringList detectorNames()
{
    QStringList names;
    for (const Entry& entry : registry())
        names << QString::fromLatin1(entry.name);
    return names;
}

QString describeDetector(const QString& name)
{
    for (const Entry& entry : registry()) {
        if (name == QLatin1String(entry.name))
            return QString::fromLatin1(entry.description);
    }
    return {};
}

std::unique_ptr<Detector> makeDetector(const QString& name, const DetectorOptions& options)
{
    for (const Entry& entry : registry()) {
        if (name == QLatin1String(entry.name))
            return entry.make(options);
    }
    return nullptr;
}

} // namespace bidlab::anomaly
