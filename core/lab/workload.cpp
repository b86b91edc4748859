// SPDX-License-Identifier: MIT
#include "core/lab/workload.h"

#include <QCoreApplication>
#include <QLocale>

namespace bidlab::lab {

namespace {

struct KindEntry
{
    TaskKind kind;
    const char* name;
    const char* meaning;
    KindLimits limits;
};

// Primes stay below 2^32 so that the trial division runs on 32-bit integers; 10^9 already takes minutes.
// Memory: up to 1 GiB of 64-bit values, 128 MiB by default (four times this machine's 32 MiB L3 cache).
constexpr KindEntry kKinds[] = {
    { TaskKind::Primes, "primes", QT_TRANSLATE_NOOP("Lab", "count primes below n"), { 2, 1'000'000'000, 100'000, 4 } },
    { TaskKind::Memory,
      "memory",
      QT_TRANSLATE_NOOP("Lab", "sum n 64-bit values of a shared array"),
      { 1024, 134'217'728, 16'777'216, 8 } },
    { TaskKind::Wait, "wait", QT_TRANSLATE_NOOP("Lab", "wait n µs"), { 1, 60'000'000, 10'000, 16 } },
    { TaskKind::Tiny, "tiny", QT_TRANSLATE_NOOP("Lab", "n generator steps"), { 1, 1'000'000, 100, 100'000 } },
};

const KindEntry& entry(TaskKind kind)
{
    for (const KindEntry& e : kKinds) {
        if (e.kind == kind)
            return e;
    }
    return kKinds[0];
}

QString grouped(std::uint64_t value)
{
    return QLocale(QLocale::English).toString(static_cast<qulonglong>(value));
}

} // namespace

QString taskKindName(TaskKind kind)
{
    return QString::fromLatin1(entry(kind).name);
}

std::optional<TaskKind> parseTaskKind(const QString& name)
{
    for (const KindEntry& e : kKinds) {
        if (name == QLatin1String(e.name))
            return e.kind;
    }
    return std::nullopt;
}

QString taskSizeMeaning(TaskKind kind)
{
    return QCoreApplication::translate("Lab", entry(kind).meaning);
}

KindLimits kindLimits(TaskKind kind)
{
    return entry(kind).limits;
}

Status validate(const Workload& workload)
{
    const KindLimits limits = kindLimits(workload.kind);
    if (workload.n < limits.minimumN || workload.n > limits.maximumN) {
        return Error { QCoreApplication::translate("Lab",
                                                   "The task size n of a %1 task must be from %2 to %3 (%4); got %5.")
                           .arg(taskKindName(workload.kind), grouped(limits.minimumN), grouped(limits.maximumN),
                                taskSizeMeaning(workload.kind), grouped(workload.n)) };
    }
    if (workload.tasks < 1 || workload.tasks > kMaxTasks) {
        return Error { QCoreApplication::translate("Lab", "The number of tasks must be from 1 to %1; got %2.")
                           .arg(grouped(kMaxTasks))
                           .arg(workload.tasks) };
    }
    if (workload.serialTasks < 0 || workload.serialTasks > kMaxSerialTasks) {
        return Error { QCoreApplication::translate("Lab", "The number of serial tasks must be from 0 to %1; got %2.")
                           .arg(kMaxSerialTasks)
                           .arg(workload.serialTasks) };
    }
    return success();
}

QString describe(const Workload& workload)
{
    QString text;
    switch (workload.kind) {
    case TaskKind::Primes:
        text = QCoreApplication::translate("Lab", "%1 × count primes below %2");
        break;
    case TaskKind::Memory:
        text = QCoreApplication::translate("Lab", "%1 × sum %2 values (%3 MiB)");
        break;
    case TaskKind::Wait:
        text = QCoreApplication::translate("Lab", "%1 × wait %2 µs");
        break;
    case TaskKind::Tiny:
        text = QCoreApplication::translate("Lab", "%1 × %2 generator steps");
        break;
    }
    text = text.arg(grouped(static_cast<std::uint64_t>(workload.tasks)), grouped(workload.n));
    if (workload.kind == TaskKind::Memory)
        text = text.arg(static_cast<double>(workload.n) * 8.0 / 1048576.0, 0, 'f', 0);
    if (workload.serialTasks > 0)
        text += QCoreApplication::translate("Lab", ", after %1 serial").arg(workload.serialTasks);
    return text;
}

} // namespace bidlab::lab
