// SPDX-License-Identifier: MIT
#include "core/lab/machine_info.h"

#include <cstdlib>

#include <QFile>
#include <QThread>

namespace bidlab::lab {

namespace {

QString cpuModel()
{
    QFile file(QStringLiteral("/proc/cpuinfo"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    // /proc files report a size of 0: read them whole rather than testing atEnd().
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray& line : lines) {
        if (line.startsWith("model name")) {
            const qsizetype colon = line.indexOf(':');
            return QString::fromUtf8(line.mid(colon + 1)).trimmed();
        }
    }
    return {};
}

} // namespace

double loadAverage()
{
    double load = -1;
    return getloadavg(&load, 1) == 1 ? load : -1;
}

MachineInfo currentMachine()
{
    MachineInfo info;
    info.cores = QThread::idealThreadCount();
    info.cpuModel = cpuModel();
    info.loadBefore = loadAverage();
    return info;
}

} // namespace bidlab::lab
