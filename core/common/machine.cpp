// SPDX-License-Identifier: MIT
#include "core/common/machine.h"

#include <QFile>

namespace bidlab {

namespace {

// /proc files report a size of 0: read them whole rather than testing atEnd().
QByteArray readProcFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

QString cpuModel()
{
    for (const QByteArray& line : readProcFile(QStringLiteral("/proc/cpuinfo")).split('\n')) {
        if (line.startsWith("model name"))
            return QString::fromUtf8(line.mid(line.indexOf(':') + 1)).trimmed();
    }
    return {};
}

QString loadAverage()
{
    const QByteArray text = readProcFile(QStringLiteral("/proc/loadavg"));
    return text.isEmpty() ? QStringLiteral("unknown") : QString::fromLatin1(text).section(QLatin1Char(' '), 0, 2);
}

} // namespace bidlab
