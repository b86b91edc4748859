// SPDX-License-Identifier: MIT
#include "core/lab/sequential_executor.h"

#include "core/engine/ipc/cycle_clock.h"
#include "core/lab/cpu_clock.h"
#include "core/lab/worker_protocol.h"

namespace bidlab::lab {

Expected<TrialOutcome> runSequentialTrial(const TrialSetup& setup, const RunControl& control)
{
    const Workload& w = setup.workload;
    TrialOutcome outcome;
    outcome.results.assign(static_cast<std::size_t>(w.totalTasks()), 0);
    StopWord word { 0 };
    const StopToken stop(word, control.canceled); // nobody else is free to set the word: poll for cancel

    const std::uint64_t cpu0 = processCpuNs();
    const std::int64_t t0 = ipc::steadyNowNs();
    const auto serial = static_cast<std::uint32_t>(w.serialTasks);
    if (!detail::runTasksInline(setup, 0, serial, stop, outcome.results))
        return Error { canceledMessage() };
    const std::int64_t t1 = ipc::steadyNowNs();
    const std::optional<std::uint64_t> bodyTicks
        = detail::runTasksInline(setup, serial, static_cast<std::uint32_t>(w.tasks), stop, outcome.results, &control);
    if (!bodyTicks)
        return Error { canceledMessage() };
    const std::int64_t t2 = ipc::steadyNowNs();

    TrialFigures& f = outcome.figures;
    f.wallNs = static_cast<double>(t2 - t0);
    f.serialNs = static_cast<double>(t1 - t0);
    f.parallelNs = static_cast<double>(t2 - t1);
    f.cpuNs = static_cast<double>(processCpuNs() - cpu0);
    f.bodyNs = static_cast<double>(*bodyTicks) * ipc::CycleClock::nanosecondsPerTick();
    control.report(w.tasks, w.tasks);
    return outcome;
}

} // namespace bidlab::lab
