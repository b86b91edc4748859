// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

// The target-QPS slider's logarithmic scale: 100 .. 5,000,000 requests/s over slider positions 0 .. kSteps,
// so that each step is the same ratio (about 1.1 %) whether a person works at 200 or at 2,000,000 QPS.
namespace bidlab::ui::qps_scale {

inline constexpr int kSteps = 1000;
inline constexpr qint64 kMin = 100;
inline constexpr qint64 kMax = 5'000'000;

// The QPS at a slider position, rounded to three significant digits (the ends are exact).
qint64 qpsAt(int position);
// The position whose QPS is nearest to `qps` (clamped to the range).
int positionOf(qint64 qps);

} // namespace bidlab::ui::qps_scale
