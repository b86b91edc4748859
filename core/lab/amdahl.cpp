// SPDX-License-Identifier: MIT
#include "core/lab/amdahl.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bidlab::lab {

double AmdahlFit::predict(double workers) const
{
    return 1.0 / (serialFraction + (1.0 - serialFraction) / workers);
}

double AmdahlFit::limit() const
{
    return serialFraction > 0 ? 1.0 / serialFraction : std::numeric_limits<double>::infinity();
}

AmdahlFit fitAmdahl(const QList<SpeedupPoint>& points)
{
    // 1/S - 1/p = f (1 - 1/p): y = f x, fitted through the origin.
    double sxy = 0;
    double sxx = 0;
    AmdahlFit fit;
    for (const SpeedupPoint& point : points) {
        if (!(point.workers > 1) || !(point.speedup > 0) || !std::isfinite(point.speedup))
            continue;
        const double x = 1.0 - 1.0 / point.workers;
        const double y = 1.0 / point.speedup - 1.0 / point.workers;
        sxy += x * y;
        sxx += x * x;
        ++fit.points;
    }
    if (fit.points == 0)
        return fit;
    fit.serialFraction = std::clamp(sxy / sxx, 0.0, 1.0);
    double squares = 0;
    for (const SpeedupPoint& point : points) {
        if (!(point.workers > 1) || !(point.speedup > 0) || !std::isfinite(point.speedup))
            continue;
        const double residual = point.speedup - fit.predict(point.workers);
        squares += residual * residual;
    }
    fit.rmsError = std::sqrt(squares / fit.points);
    return fit;
}

} // namespace bidlab::lab
