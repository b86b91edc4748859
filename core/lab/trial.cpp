// SPDX-License-Identifier: MIT
#include "core/lab/trial.h"

#include "core/engine/ipc/cycle_clock.h"
#include "core/lab/process_executor.h"
#include "core/lab/sequential_executor.h"
#include "core/lab/task_kernels.h"
#include "core/lab/thread_executor.h"

#include <QCoreApplication>

namespace bidlab::lab {

namespace {

struct ExecutorEntry
{
    ExecutorKind kind;
    const char* key;
    const char* title;
};

constexpr ExecutorEntry kExecutors[] = {
    { ExecutorKind::Sequential, "seq", QT_TRANSLATE_NOOP("Lab", "sequential") },
    { ExecutorKind::Threads, "threads", QT_TRANSLATE_NOOP("Lab", "threads") },
    { ExecutorKind::Processes, "processes", QT_TRANSLATE_NOOP("Lab", "processes") },
};

// Tiny tasks look at the stop request and report progress once per this many tasks.
constexpr std::uint32_t kInlineCheckEvery = 256;

} // namespace

QString executorKey(ExecutorKind kind)
{
    return QString::fromLatin1(kExecutors[static_cast<int>(kind)].key);
}

QString executorTitle(ExecutorKind kind)
{
    return QCoreApplication::translate("Lab", kExecutors[static_cast<int>(kind)].title);
}

std::optional<ExecutorKind> parseExecutorKind(const QString& key)
{
    for (const ExecutorEntry& e : kExecutors) {
        if (key == QLatin1String(e.key) || key == QLatin1String(e.title))
            return e.kind;
    }
    return std::nullopt;
}

QString canceledMessage()
{
    return QCoreApplication::translate("Lab", "Cancelled.");
}

Expected<TrialOutcome> runTrial(ExecutorKind kind, const TrialSetup& setup, const RunControl& control)
{
    switch (kind) {
    case ExecutorKind::Sequential:
        return runSequentialTrial(setup, control);
    case ExecutorKind::Threads:
        return runThreadTrial(setup, control);
    case ExecutorKind::Processes:
        return runProcessTrial(setup, control);
    }
    return Error { canceledMessage() };
}

namespace detail {

std::optional<std::uint64_t> runTasksInline(const TrialSetup& setup, std::uint32_t first, std::uint32_t count,
                                            const StopToken& stop, std::vector<std::uint64_t>& results,
                                            const RunControl* progress)
{
    const Workload& w = setup.workload;
    const MemoryView memory = setup.data ? setup.data->view() : MemoryView {};
    std::uint64_t ticks = 0;
    for (std::uint32_t k = 0; k < count; ++k) {
        if (k % kInlineCheckEvery == kInlineCheckEvery - 1) {
            if (stop.stopRequested())
                return std::nullopt;
            if (progress)
                progress->report(k, count);
        }
        const std::uint32_t index = first + k;
        const std::uint64_t start = ipc::CycleClock::now();
        const std::optional<std::uint64_t> value = runTask(w.kind, w.n, index, memory, stop);
        ticks += ipc::CycleClock::now() - start;
        if (!value)
            return std::nullopt;
        results[index] = *value;
        if (progress && count < kInlineCheckEvery)
            progress->report(k + 1, count);
    }
    return ticks;
}

} // namespace detail

} // namespace bidlab::lab
