// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"
#include "core/lab/shared_task_data.h"
#include "core/lab/stop_token.h"
#include "core/lab/workload.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include <QString>

// One trial: one executor runs a workload once with a given number of workers, and is timed.
namespace bidlab::lab {

enum class ExecutorKind { Sequential = 0, Threads = 1, Processes = 2 };
inline constexpr int kExecutorKindCount = 3;

// "seq", "threads", "processes" (the CLI's names) and "sequential", "threads", "processes" (for people).
QString executorKey(ExecutorKind kind);
QString executorTitle(ExecutorKind kind);
std::optional<ExecutorKind> parseExecutorKind(const QString& key);

// How the coordinating thread learns that the user cancelled, and reports tasks done.
struct RunControl
{
    std::function<bool()> canceled; // polled at least every 20 ms; may be empty
    std::function<void(qint64 done, qint64 total)> progress; // tasks done of the trial; may be empty

    bool isCanceled() const { return canceled && canceled(); }
    void report(qint64 done, qint64 total) const
    {
        if (progress)
            progress(done, total);
    }
};

// What a trial measured, in nanoseconds.
struct TrialFigures
{
    double wallNs = 0; // what a user waits: start-up, serial part, parallel part, shut-down
    double startupNs = 0; // until the workers could run tasks (threads: the first task began; processes: all ready)
    double workerStartupNs = 0; // processes: the mean time from spawning one worker to its being ready
    double serialNs = 0; // the serial tasks, on the coordinating thread
    double parallelNs = 0; // from handing out the first task to receiving the last result
    double teardownNs = 0; // stopping the workers
    double cpuNs = 0; // CPU time of this process during the trial, plus that of the worker processes
    double bodyNs = 0; // the time spent inside the bodies of the parallel tasks, summed over tasks
};

struct TrialOutcome
{
    TrialFigures figures;
    std::vector<std::uint64_t> results; // by task index: the serial tasks first, then the parallel ones
};

struct TrialSetup
{
    Workload workload;
    const SharedTaskData* data = nullptr;
    int workers = 1;
    QString workerProgram; // bidlab-lab-worker, for the process executor
};

// Runs one trial with the chosen executor. A cancelled trial returns an error with the text "Cancelled.".
Expected<TrialOutcome> runTrial(ExecutorKind kind, const TrialSetup& setup, const RunControl& control);

// The message of a cancelled trial.
QString canceledMessage();

namespace detail {

// Runs tasks [first, first + count) on the calling thread into results[index]; returns the summed body time
// in CycleClock ticks, or nullopt when stopped.
std::optional<std::uint64_t> runTasksInline(const TrialSetup& setup, std::uint32_t first, std::uint32_t count,
                                            const StopToken& stop, std::vector<std::uint64_t>& results,
                                            const RunControl* progress = nullptr);

} // namespace detail

} // namespace bidlab::lab
