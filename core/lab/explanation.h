// SPDX-License-Identifier: MIT
#pragma once

#include "core/lab/experiment.h"

#include <QStringList>

namespace bidlab::lab {

// A short plain-language reading of an experiment's figures, one paragraph per finding: the baseline, the
// best speedups, the core limit, memory bandwidth or waiting, the start-up and per-task costs of threads and
// processes and when they pay, the Amdahl fit, how far the noise allows trusting differences, and whether
// every executor computed the same results. Every number in it comes from the result.
QStringList explain(const ExperimentResult& result);

// A duration for people: "1.24 s", "12.3 ms", "45.6 µs", "310 ns".
QString humanDuration(double milliseconds);

} // namespace bidlab::lab
