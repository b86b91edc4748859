// SPDX-License-Identifier: MIT
#include "tests/integration/lab/child_processes.h"

#include <cerrno>
#include <csignal>
#include <optional>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QThread>

namespace bidlab::test {

namespace {

struct ProcStat
{
    QString comm;
    char state = '?';
    pid_t parent = 0;
};

// "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split at the last ')'.
std::optional<ProcStat> readStat(pid_t pid)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray line = file.readAll();
    const qsizetype open = line.indexOf('(');
    const qsizetype close = line.lastIndexOf(')');
    if (open < 0 || close < open)
        return std::nullopt;
    const QList<QByteArray> rest = line.mid(close + 2).split(' ');
    if (rest.size() < 2 || rest[0].isEmpty())
        return std::nullopt;
    return ProcStat { QString::fromUtf8(line.mid(open + 1, close - open - 1)), rest[0].at(0), rest[1].toInt() };
}

} // namespace

QList<pid_t> childProcesses(pid_t parent, const QString& name)
{
    QList<pid_t> children;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        bool isPid = false;
        const pid_t pid = entry.toInt(&isPid);
        if (!isPid)
            continue;
        const std::optional<ProcStat> stat = readStat(pid);
        if (stat && stat->state != 'Z' && stat->parent == parent && stat->comm.startsWith(name))
            children.append(pid);
    }
    return children;
}

bool processGone(pid_t pid)
{
    if (kill(pid, 0) == -1 && errno == ESRCH)
        return true;
    const std::optional<ProcStat> stat = readStat(pid);
    return !stat || stat->state == 'Z';
}

QList<pid_t> waitForChildren(pid_t parent, int count, int timeoutMs, const QString& name)
{
    QElapsedTimer clock;
    clock.start();
    QList<pid_t> found = childProcesses(parent, name);
    while (found.size() < count && clock.elapsed() < timeoutMs) {
        QThread::msleep(10);
        found = childProcesses(parent, name);
    }
    return found;
}

} // namespace bidlab::test
