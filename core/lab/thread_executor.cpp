// SPDX-License-Identifier: MIT
#include "core/lab/thread_executor.h"

#include "core/engine/ipc/cycle_clock.h"
#include "core/lab/cpu_clock.h"
#include "core/lab/task_kernels.h"
#include "core/lab/worker_protocol.h"

#include <memory>

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

namespace bidlab::lab {

namespace {

constexpr int kWaitSliceMs = 20; // how often the waiting thread looks for a cancel and reports progress

// One task's place: written by exactly one pool thread, read after the pool is done.
struct TaskSlot
{
    std::uint32_t index = 0;
    bool stopped = false;
    std::uint64_t value = 0;
    std::uint64_t ticks = 0;
};

} // namespace

Expected<TrialOutcome> runThreadTrial(const TrialSetup& setup, const RunControl& control)
{
    const Workload& w = setup.workload;
    const MemoryView memory = setup.data ? setup.data->view() : MemoryView {};
    TrialOutcome outcome;
    outcome.results.assign(static_cast<std::size_t>(w.totalTasks()), 0);
    StopWord word { 0 };

    const std::uint64_t cpu0 = processCpuNs();
    const std::int64_t t0 = ipc::steadyNowNs();
    auto pool = std::make_unique<QThreadPool>();
    pool->setMaxThreadCount(setup.workers);

    const auto serial = static_cast<std::uint32_t>(w.serialTasks);
    if (!detail::runTasksInline(setup, 0, serial, StopToken(word, control.canceled), outcome.results))
        return Error { canceledMessage() };

    std::vector<TaskSlot> places(static_cast<std::size_t>(w.tasks));
    for (std::size_t k = 0; k < places.size(); ++k)
        places[k].index = serial + static_cast<std::uint32_t>(k);
    std::atomic<std::int64_t> firstStartNs { 0 };
    const StopToken stop(word);
    const std::int64_t t1 = ipc::steadyNowNs();
    QFuture<void> future = QtConcurrent::map(pool.get(), places, [&](TaskSlot& slot) {
        if (firstStartNs.load(std::memory_order_relaxed) == 0) {
            std::int64_t expected = 0;
            firstStartNs.compare_exchange_strong(expected, ipc::steadyNowNs(), std::memory_order_relaxed);
        }
        const std::uint64_t start = ipc::CycleClock::now();
        const std::optional<std::uint64_t> value = runTask(w.kind, w.n, slot.index, memory, stop);
        slot.ticks = ipc::CycleClock::now() - start;
        slot.stopped = !value;
        slot.value = value.value_or(0);
    });
    bool canceled = false;
    while (!pool->waitForDone(kWaitSliceMs)) {
        if (!canceled && control.isCanceled()) {
            canceled = true;
            future.cancel();
            requestStop(word);
        }
        control.report(future.progressValue(), w.tasks);
    }
    const std::int64_t t2 = ipc::steadyNowNs();
    pool.reset(); // joins the threads
    const std::int64_t t3 = ipc::steadyNowNs();
    if (canceled || future.isCanceled())
        return Error { canceledMessage() };

    TrialFigures& f = outcome.figures;
    std::uint64_t ticks = 0;
    for (const TaskSlot& slot : places) {
        if (slot.stopped)
            return Error { canceledMessage() };
        outcome.results[slot.index] = slot.value;
        ticks += slot.ticks;
    }
    f.wallNs = static_cast<double>(t3 - t0);
    f.serialNs = static_cast<double>(t1 - t0);
    const std::int64_t first = firstStartNs.load();
    f.startupNs = first > t1 ? static_cast<double>(first - t1) : 0.0;
    f.parallelNs = static_cast<double>(t2 - t1);
    f.teardownNs = static_cast<double>(t3 - t2);
    f.cpuNs = static_cast<double>(processCpuNs() - cpu0);
    f.bodyNs = static_cast<double>(ticks) * ipc::CycleClock::nanosecondsPerTick();
    control.report(w.tasks, w.tasks);
    return outcome;
}

} // namespace bidlab::lab
