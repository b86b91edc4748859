// SPDX-License-Identifier: MIT
#include "ui/live/qps_scale.h"

#include <algorithm>
#include <cmath>

namespace bidlab::ui::qps_scale {

namespace {

const double kLogMin = std::log(double(kMin));
const double kLogMax = std::log(double(kMax));

} // namespace

qint64 qpsAt(int position)
{
    position = std::clamp(position, 0, kSteps);
    if (position == 0)
        return kMin;
    if (position == kSteps)
        return kMax;
    const double qps = std::exp(kLogMin + (kLogMax - kLogMin) * double(position) / kSteps);
    const double unit = std::pow(10.0, std::floor(std::log10(qps)) - 2); // three significant digits
    return std::clamp(qint64(std::llround(qps / unit) * unit), kMin, kMax);
}

int positionOf(qint64 qps)
{
    qps = std::clamp(qps, kMin, kMax);
    const double exact = (std::log(double(qps)) - kLogMin) / (kLogMax - kLogMin) * kSteps;
    return std::clamp(int(std::lround(exact)), 0, kSteps);
}

} // namespace bidlab::ui::qps_scale
