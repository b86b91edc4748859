// SPDX-License-Identifier: MIT
#include "core/lab/machine_info.h"

#include "core/common/machine.h"

#include <cstdlib>

#include <QThread>

namespace bidlab::lab {

double loadAverage()
{
    double load = -1;
    return getloadavg(&load, 1) == 1 ? load : -1;
}

MachineInfo currentMachine()
{
    MachineInfo info;
    info.cores = QThread::idealThreadCount();
    info.cpuModel = bidlab::cpuModel();
    info.loadBefore = loadAverage();
    return info;
}

} // namespace bidlab::lab
