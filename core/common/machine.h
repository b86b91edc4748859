// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

// What every benchmark prints beside its figures: this machine is shared, so a figure means little without
// the processor and the load it was measured under.
namespace bidlab {

// The processor's "model name" from /proc/cpuinfo; empty when unknown.
QString cpuModel();

// The 1, 5 and 15 minute load averages ("2.10 1.85 1.40"); "unknown" when /proc/loadavg cannot be read.
QString loadAverage();

} // namespace bidlab
