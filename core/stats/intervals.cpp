// SPDX-License-Identifier: MIT
#include "core/stats/intervals.h"

#include "core/stats/distributions.h"

#include <algorithm>
#include <cmath>

namespace bidlab::stats {

double criticalZ(double alpha)
{
    // The quantile costs more than the rest of an interval: ten thousand experiments share one alpha.
    thread_local double lastAlpha = -1, lastZ = 0;
    if (alpha != lastAlpha) {
        lastZ = normalIsf(alpha / 2.0);
        lastAlpha = alpha;
    }
    return lastZ;
}

Interval wilsonInterval(const Proportion& p, double alpha)
{
    const double crit = criticalZ(alpha);
    const double crit2 = crit * crit;
    const double n = double(p.trials);
    const double q = p.rate();
    const double denominator = 1 + crit2 / n;
    const double center = (q + crit2 / (2 * n)) / denominator;
    const double distance = crit * std::sqrt(q * (1.0 - q) / n + crit2 / (4.0 * n * n)) / denominator;
    return { std::clamp(center - distance, 0.0, 1.0), std::clamp(center + distance, 0.0, 1.0) };
}

Interval newcombeInterval(const Proportion& a, const Proportion& b, double alpha)
{
    return newcombeInterval(a, wilsonInterval(a, alpha), b, wilsonInterval(b, alpha));
}

Interval newcombeInterval(const Proportion& a, const Interval& wa, const Proportion& b, const Interval& wb)
{
    const double pa = a.rate(), pb = b.rate();
    const double difference = pb - pa;
    const double below = std::sqrt((pb - wb.low) * (pb - wb.low) + (wa.high - pa) * (wa.high - pa));
    const double above = std::sqrt((pa - wa.low) * (pa - wa.low) + (wb.high - pb) * (wb.high - pb));
    return { difference - below, difference + above };
}

Lift relativeLift(const Estimate& a, const Estimate& b, double alpha)
{
    Lift result;
    if (a.value == 0 || !std::isfinite(a.value) || !std::isfinite(b.value))
        return result;
    const double ratio = b.value / a.value;
    result.lift = ratio - 1.0;
    if (!(a.value > 0) || !(b.value > 0) || !(a.variance >= 0) || !(b.variance >= 0))
        return result;
    const double varianceOfLog = b.variance / (b.value * b.value) + a.variance / (a.value * a.value);
    const double se = std::sqrt(varianceOfLog);
    const double logRatio = std::log(ratio);
    const double half = criticalZ(alpha) * se;
    result.interval = Interval { std::exp(logRatio - half) - 1.0, std::exp(logRatio + half) - 1.0 };
    if (se > 0) {
        result.z = logRatio / se;
        result.pValue = twoSidedNormalP(*result.z);
    }
    return result;
}

Estimate proportionEstimate(const Proportion& p)
{
    const double rate = p.rate();
    return { rate, rate * (1.0 - rate) / double(p.trials) };
}

} // namespace bidlab::stats
