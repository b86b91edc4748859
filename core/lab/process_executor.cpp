// SPDX-License-Identifier: MIT
#include "core/lab/process_executor.h"

#include "core/engine/ipc/child_process.h"
#include "core/engine/ipc/cycle_clock.h"
#include "core/engine/ipc/shared_memory.h"
#include "core/lab/cpu_clock.h"
#include "core/lab/worker_protocol.h"

#include <algorithm>
#include <memory>

#include <QCoreApplication>
#include <QProcess>

namespace bidlab::lab {

namespace {

constexpr std::int64_t kWaitSliceNs = 20'000'000; // how often the coordinator looks for a cancel or a dead worker
constexpr std::int64_t kReadyTimeoutNs = 30'000'000'000; // a worker not ready after this is given up
constexpr int kStartTimeoutMs = 10'000;
constexpr int kQuitTimeoutMs = 5'000; // a worker told to quit must be gone by then...
constexpr int kStopTimeoutMs = 1'000; // ...and one told to stop, sooner; then it is killed

QString tr(const char* text)
{
    return QCoreApplication::translate("Lab", text);
}

// The pool of one trial: the segment, the worker processes and the parent's ends of their rings.
class ProcessPool
{
public:
    ProcessPool(const TrialSetup& setup, const RunControl& control)
        : m_setup(setup)
        , m_control(control)
        , m_workers(setup.workers)
    { }
    ~ProcessPool() { stopWorkers(); }

    Expected<TrialOutcome> run();

private:
    Status createSegment();
    Status spawnWorkers();
    Status waitUntilReady();
    Status runParallelTasks(TrialOutcome& outcome, std::uint64_t& bodyTicks);
    void dispatch(std::uint32_t& next, std::uint32_t end);
    qint64 collectReports(TrialOutcome& outcome, std::uint64_t& bodyTicks, bool& stopped);
    // Sleeps until a worker reports or changes state, at most one slice; false when nothing arrived.
    bool waitForWorkers();
    Status checkWorkersAlive(const char* phase);
    void quitWorkers();
    void stopWorkers();
    double workerCpuNs() const;
    double meanStartupNs() const;

    const TrialSetup& m_setup;
    const RunControl& m_control;
    const int m_workers;
    ipc::SharedMemory m_segment;
    std::optional<PoolLayout> m_pool;
    std::vector<std::unique_ptr<QProcess>> m_processes;
    std::vector<std::int64_t> m_spawnNs;
    std::vector<qint64> m_pids; // kept: QProcess forgets the id once the process has ended
    std::vector<ipc::SpscRing<TaskOrder>> m_orders;
    std::vector<ipc::SpscRing<TaskReport>> m_reports;
    std::vector<std::uint64_t> m_sent; // orders sent to each worker
    std::vector<std::uint64_t> m_received; // reports received from each worker
};

Expected<TrialOutcome> ProcessPool::run()
{
    const Workload& w = m_setup.workload;
    TrialOutcome outcome;
    outcome.results.assign(static_cast<std::size_t>(w.totalTasks()), 0);
    const std::uint64_t cpu0 = processCpuNs();
    const std::int64_t t0 = ipc::steadyNowNs();
    if (Status s = createSegment(); !s)
        return Error { s.error() };
    if (Status s = spawnWorkers(); !s)
        return Error { s.error() };
    if (Status s = waitUntilReady(); !s)
        return Error { s.error() };
    const std::int64_t tReady = ipc::steadyNowNs();

    const auto serial = static_cast<std::uint32_t>(w.serialTasks);
    if (!detail::runTasksInline(m_setup, 0, serial, StopToken(m_pool->header().stop, m_control.canceled),
                                outcome.results))
        return Error { canceledMessage() };
    const std::int64_t t1 = ipc::steadyNowNs();
    std::uint64_t bodyTicks = 0;
    if (Status s = runParallelTasks(outcome, bodyTicks); !s)
        return Error { s.error() };
    const std::int64_t t2 = ipc::steadyNowNs();
    quitWorkers();
    const std::int64_t t3 = ipc::steadyNowNs();

    TrialFigures& f = outcome.figures;
    f.wallNs = static_cast<double>(t3 - t0);
    f.startupNs = static_cast<double>(tReady - t0);
    f.workerStartupNs = meanStartupNs();
    f.serialNs = static_cast<double>(t1 - tReady);
    f.parallelNs = static_cast<double>(t2 - t1);
    f.teardownNs = static_cast<double>(t3 - t2);
    f.cpuNs = static_cast<double>(processCpuNs() - cpu0) + workerCpuNs();
    f.bodyNs = static_cast<double>(bodyTicks) * ipc::CycleClock::nanosecondsPerTick();
    m_control.report(w.tasks, w.tasks);
    return outcome;
}

Status ProcessPool::createSegment()
{
    Expected<ipc::SharedMemory> segment = ipc::SharedMemory::create("bidlab-lab-pool", PoolLayout::bytesFor(m_workers));
    if (!segment)
        return Error { segment.error() };
    m_segment = std::move(segment).value();
    const std::uint64_t dataCount = m_setup.data ? m_setup.data->view().count : 0;
    m_pool = PoolLayout::format(m_segment.data(), m_workers, dataCount);
    for (int slot = 0; slot < m_workers; ++slot) {
        m_orders.push_back(m_pool->orders(slot));
        m_reports.push_back(m_pool->reports(slot));
    }
    m_sent.assign(static_cast<std::size_t>(m_workers), 0);
    m_received.assign(static_cast<std::size_t>(m_workers), 0);
    return success();
}

Status ProcessPool::spawnWorkers()
{
    const int dataFd = m_setup.data ? m_setup.data->fd() : -1;
    std::vector<int> fds { m_segment.fd() };
    if (dataFd >= 0)
        fds.push_back(dataFd);
    for (int slot = 0; slot < m_workers; ++slot) {
        auto process = std::make_unique<QProcess>();
        process->setProgram(m_setup.workerProgram);
        QStringList arguments { QStringLiteral("--pool-fd"), QString::number(m_segment.fd()), QStringLiteral("--slot"),
                                QString::number(slot) };
        if (dataFd >= 0)
            arguments << QStringLiteral("--data-fd") << QString::number(dataFd);
        process->setArguments(arguments);
        process->setStandardInputFile(QProcess::nullDevice());
        process->setStandardOutputFile(QProcess::nullDevice());
        ipc::prepareChild(*process, fds, 0);
        m_spawnNs.push_back(ipc::steadyNowNs());
        process->start(QIODevice::ReadOnly);
        m_processes.push_back(std::move(process));
    }
    for (int slot = 0; slot < m_workers; ++slot) {
        QProcess& process = *m_processes[static_cast<std::size_t>(slot)];
        if (!process.waitForStarted(kStartTimeoutMs))
            return Error {
                tr("Could not start the lab worker program '%1': %2.").arg(m_setup.workerProgram, process.errorString())
            };
        m_pids.push_back(process.processId());
    }
    return success();
}

Status ProcessPool::waitUntilReady()
{
    const std::int64_t deadline = ipc::steadyNowNs() + kReadyTimeoutNs;
    for (;;) {
        int ready = 0;
        for (int slot = 0; slot < m_workers; ++slot)
            ready += m_pool->worker(slot).state.load(std::memory_order_acquire) == WorkerState::Ready;
        if (ready == m_workers)
            return success();
        if (m_control.isCanceled())
            return Error { canceledMessage() };
        if (Status alive = checkWorkersAlive(QT_TRANSLATE_NOOP("Lab", "before it was ready")); !alive)
            return alive;
        if (ipc::steadyNowNs() > deadline)
            return Error {
                tr("The lab workers did not become ready within 30 seconds (%1 of %2 ready).").arg(ready).arg(m_workers)
            };
        waitForWorkers();
    }
}

Status ProcessPool::runParallelTasks(TrialOutcome& outcome, std::uint64_t& bodyTicks)
{
    const Workload& w = m_setup.workload;
    auto next = static_cast<std::uint32_t>(w.serialTasks);
    const auto end = static_cast<std::uint32_t>(w.totalTasks());
    qint64 done = 0;
    std::int64_t lastCheckNs = ipc::steadyNowNs();
    while (done < w.tasks) {
        dispatch(next, end);
        bool stopped = false;
        const qint64 arrived = collectReports(outcome, bodyTicks, stopped);
        done += arrived;
        if (stopped)
            return Error { canceledMessage() };
        if (arrived == 0 && !waitForWorkers()) {
            // A quiet slice: look for a cancel and for workers that died.
            if (m_control.isCanceled())
                return Error { canceledMessage() };
        }
        const std::int64_t now = ipc::steadyNowNs();
        if (now - lastCheckNs >= kWaitSliceNs) {
            lastCheckNs = now;
            if (m_control.isCanceled())
                return Error { canceledMessage() };
            if (Status alive = checkWorkersAlive(QT_TRANSLATE_NOOP("Lab", "while idle")); !alive)
                return alive;
            m_control.report(done, w.tasks);
        }
    }
    return success();
}

// Guided batches: each worker may hold about half of its share of the tasks not yet handed out, so the batches
// shrink to one task as the end nears and no worker is left holding a queue while the others idle.
void ProcessPool::dispatch(std::uint32_t& next, std::uint32_t end)
{
    if (next >= end)
        return;
    const std::uint64_t left = end - next;
    const std::uint64_t window = std::clamp<std::uint64_t>(
        (left + 2 * m_workers - 1) / (2 * static_cast<std::uint64_t>(m_workers)), 1, kRingCapacity);
    const Workload& w = m_setup.workload;
    for (int slot = 0; slot < m_workers && next < end; ++slot) {
        const auto s = static_cast<std::size_t>(slot);
        const std::uint64_t inFlight = m_sent[s] - m_received[s];
        if (inFlight >= window)
            continue;
        ipc::SpscRing<TaskOrder>& ring = m_orders[s];
        const std::uint64_t count = std::min<std::uint64_t>({ window - inFlight, end - next, ring.freeSpace() });
        std::uint64_t head = ring.head();
        for (std::uint64_t k = 0; k < count; ++k)
            ring.slot(head++) = TaskOrder { next++, OrderCommand::Run, static_cast<std::uint16_t>(w.kind), w.n, {} };
        if (count > 0) {
            ring.publish(head);
            m_sent[s] += count;
        }
    }
}

qint64 ProcessPool::collectReports(TrialOutcome& outcome, std::uint64_t& bodyTicks, bool& stopped)
{
    qint64 arrived = 0;
    for (int slot = 0; slot < m_workers; ++slot) {
        const auto s = static_cast<std::size_t>(slot);
        ipc::SpscRing<TaskReport>& ring = m_reports[s];
        const std::size_t available = ring.available();
        if (available == 0)
            continue;
        std::uint64_t position = ring.tail();
        for (std::size_t k = 0; k < available; ++k) {
            const TaskReport& report = ring.at(position++);
            if (report.status != ReportStatus::Done || report.index >= outcome.results.size()) {
                stopped = true;
                continue;
            }
            outcome.results[report.index] = report.value;
            bodyTicks += report.bodyTicks;
        }
        ring.consume(position);
        m_received[s] += available;
        arrived += static_cast<qint64>(available);
    }
    return arrived;
}

bool ProcessPool::waitForWorkers()
{
    ipc::WaitWord& bell = m_pool->header().reports;
    const std::uint32_t token = bell.prepareWait();
    for (const ipc::SpscRing<TaskReport>& ring : m_reports) {
        if (ring.available() != 0) {
            bell.cancelWait();
            return true;
        }
    }
    return bell.wait(token, kWaitSliceNs);
}

Status ProcessPool::checkWorkersAlive(const char* phase)
{
    for (int slot = 0; slot < m_workers; ++slot) {
        const auto s = static_cast<std::size_t>(slot);
        QProcess& process = *m_processes[s];
        if (process.state() != QProcess::NotRunning && !process.waitForFinished(0))
            continue;
        // On a crash QProcess gives the signal as the exit code.
        const QString what = process.exitStatus() == QProcess::CrashExit
            ? tr("was killed by signal %1").arg(process.exitCode())
            : tr("exited with code %1").arg(process.exitCode());
        const QString where = m_sent[s] > m_received[s]
            ? tr("while running task %1").arg(m_orders[s].slot(m_received[s]).index)
            : tr(phase);
        QString message = tr("Lab worker %1 (pid %2) %3 %4.").arg(slot).arg(m_pids[s]).arg(what, where);
        const QString detail = QString::fromLocal8Bit(process.readAllStandardError()).trimmed();
        if (!detail.isEmpty())
            message += QLatin1Char(' ') + detail;
        return Error { message };
    }
    return success();
}

void ProcessPool::quitWorkers()
{
    for (ipc::SpscRing<TaskOrder>& ring : m_orders) {
        // Every order was answered, so the ring has room for one more.
        const std::uint64_t head = ring.head();
        ring.slot(head) = TaskOrder { 0, OrderCommand::Quit, 0, 0, {} };
        ring.publish(head + 1);
    }
    for (auto& process : m_processes) {
        if (!process->waitForFinished(kQuitTimeoutMs)) {
            process->kill();
            process->waitForFinished(kQuitTimeoutMs);
        }
    }
}

// Stops whatever still runs: asks through the stop word (wakes waits and idle workers), kills stragglers.
void ProcessPool::stopWorkers()
{
    if (!m_pool)
        return;
    requestStop(m_pool->header().stop);
    for (ipc::SpscRing<TaskOrder>& ring : m_orders)
        ring.control()->notEmpty.notify();
    for (auto& process : m_processes) {
        if (process->state() == QProcess::NotRunning)
            continue;
        if (!process->waitForFinished(kStopTimeoutMs)) {
            process->kill();
            process->waitForFinished(kStopTimeoutMs);
        }
    }
}

double ProcessPool::workerCpuNs() const
{
    double sum = 0;
    for (int slot = 0; slot < m_workers; ++slot)
        sum += static_cast<double>(m_pool->worker(slot).cpuNs.load(std::memory_order_relaxed));
    return sum;
}

double ProcessPool::meanStartupNs() const
{
    double sum = 0;
    for (int slot = 0; slot < m_workers; ++slot) {
        const std::int64_t ready = m_pool->worker(slot).readyNs.load(std::memory_order_relaxed);
        const std::int64_t spawn = m_spawnNs[static_cast<std::size_t>(slot)];
        sum += ready > spawn ? static_cast<double>(ready - spawn) : 0.0;
    }
    return sum / m_workers;
}

} // namespace

Expected<TrialOutcome> runProcessTrial(const TrialSetup& setup, const RunControl& control)
{
    if (setup.workers < 1 || setup.workers > kMaxWorkers)
        return Error { tr("The process executor takes 1 to %1 workers; got %2.").arg(kMaxWorkers).arg(setup.workers) };
    if (setup.workerProgram.isEmpty())
        return Error { tr("The lab worker program (bidlab-lab-worker) was not found beside this program.") };
    ProcessPool pool(setup, control);
    return pool.run();
}

} // namespace bidlab::lab
