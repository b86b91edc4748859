// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace bidlab::lab {

// What a figure needs beside it to mean something: the machine and how busy it was.
struct MachineInfo
{
    int cores = 1; // logical processors this process may use
    QString cpuModel; // from /proc/cpuinfo; empty when unknown
    double loadBefore = -1; // one-minute load average before the runs (-1 when unknown)
    double loadAfter = -1; // and after them
};

// Cores and CPU model, and the current load average as loadBefore.
MachineInfo currentMachine();
// The one-minute load average, or -1 when unknown.
double loadAverage();

} // namespace bidlab::lab
