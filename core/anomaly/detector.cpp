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
        { "ensemble",
          "Seasonal and EWMA features judged against their own recent peaks, one score per incident (the default; NAB "
          "74.2).",
          [](const DetectorOptions& o) { return std::make_unique<EnsembleDetector>(o); } },
        { "ewma", "EWMA z-score; a shift keeps scoring while it lasts (suits alert rules).",
          [](const DetectorOptions& o) { return std::make_unique<EwmaDetector>(o); } },
        { "mad", "Robust z-score against the median and MAD of a rolling window.",
          [](const DetectorOptions& o) { return std::make_unique<MadDetector>(o); } },
        { "seasonal", "Holt-Winters forecast error; the daily or weekly period is found in the probation period.",
          [](const DetectorOptions& o) { return std::make_unique<SeasonalDetector>(o); } },
        { "cusum", "Two-sided CUSUM: small sustained shifts, one signal per change.",
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
