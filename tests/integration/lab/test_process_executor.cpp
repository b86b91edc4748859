// SPDX-License-Identifier: MIT
// The process executor with real bidlab-lab-worker processes: the same results as the other executors, cancel
// that leaves no process behind, a crashed worker named in the error, the job path, and the worker program's
// own refusals. (The Amdahl fit is tested on threads, in tests/unit/lab: a process pool's start-up, tens of
// milliseconds on a loaded machine, is a real serial cost, so the fit rightly finds more than the workload's.)
#include "core/lab/experiment.h"
#include "core/lab/lab_job.h"
#include "core/lab/process_executor.h"
#include "core/lab/shared_task_data.h"
#include "tests/common/test_support.h"
#include "tests/integration/lab/child_processes.h"

#include <chrono>
#include <csignal>
#include <thread>
#include <unistd.h>

#include <QFutureWatcher>

using namespace bidlab;
using namespace bidlab::lab;

Q_DECLARE_METATYPE(bidlab::lab::Workload)

namespace {

const QString kWorker = QStringLiteral(BIDLAB_LAB_WORKER);

// A trial running on its own thread, as in the GUI's job.
struct BackgroundTrial
{
    std::atomic<bool> cancel { false };
    std::optional<Expected<TrialOutcome>> outcome;
    std::thread thread;
    SharedTaskData data;

    BackgroundTrial(ExecutorKind executor, const Workload& w, int workers)
        : data(SharedTaskData::create(w).value())
    {
        thread = std::thread([this, executor, w, workers] {
            RunControl control;
            control.canceled = [this] { return cancel.load(); };
            outcome = runTrial(executor, { w, &data, workers, kWorker }, control);
        });
    }
    ~BackgroundTrial()
    {
        cancel = true;
        if (thread.joinable())
            thread.join();
    }
};

} // namespace

class ProcessExecutorTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void allThreeExecutorsReturnIdenticalResults_data()
    {
        QTest::addColumn<Workload>("workload");
        QTest::addRow("primes (the seed's task)") << Workload { TaskKind::Primes, 100'000, 4, 0 };
        QTest::addRow("primes with a serial part") << Workload { TaskKind::Primes, 30'000, 5, 2 };
        QTest::addRow("memory") << Workload { TaskKind::Memory, 300'000, 6, 0 };
        QTest::addRow("wait") << Workload { TaskKind::Wait, 3'000, 9, 1 };
        QTest::addRow("tiny, many batches") << Workload { TaskKind::Tiny, 100, 5'000, 0 };
    }
    void allThreeExecutorsReturnIdenticalResults()
    {
        QFETCH(Workload, workload);
        const SharedTaskData data = SharedTaskData::create(workload).value();
        const RunControl control;
        const Expected<TrialOutcome> reference
            = runTrial(ExecutorKind::Sequential, { workload, &data, 1, {} }, control);
        QVERIFY2(reference.ok(), qPrintable(reference.error()));
        if (workload.kind == TaskKind::Primes && workload.n == 100'000)
            QCOMPARE(reference->results, (std::vector<std::uint64_t>(4, 9592)));
        for (ExecutorKind executor : { ExecutorKind::Threads, ExecutorKind::Processes }) {
            for (int workers : { 1, 2, 3 }) {
                const Expected<TrialOutcome> outcome
                    = runTrial(executor, { workload, &data, workers, kWorker }, control);
                QVERIFY2(outcome.ok(), qPrintable(outcome.error()));
                QCOMPARE(outcome->results, reference->results);
                if (executor == ExecutorKind::Processes) {
                    const TrialFigures& f = outcome->figures;
                    QVERIFY(f.startupNs > 0 && f.workerStartupNs > 0 && f.workerStartupNs <= f.startupNs);
                    QVERIFY(f.parallelNs > 0 && f.bodyNs > 0 && f.teardownNs > 0);
                    QVERIFY(f.wallNs >= f.startupNs + f.serialNs + f.parallelNs + f.teardownNs - 1);
                    QVERIFY(f.cpuNs > 0);
                }
            }
        }
        QVERIFY2(test::waitForChildren(getpid(), 0, 0).isEmpty(), "worker processes were left behind");
    }

    void cancelStopsEveryWorkerProcess_data()
    {
        QTest::addColumn<Workload>("workload");
        QTest::addRow("computing") << Workload { TaskKind::Primes, 1'000'000'000, 4, 0 };
        QTest::addRow("waiting") << Workload { TaskKind::Wait, 60'000'000, 4, 0 };
        QTest::addRow("idle, while the parent runs the serial part")
            << Workload { TaskKind::Primes, 1'000'000'000, 4, 1 };
    }
    void cancelStopsEveryWorkerProcess()
    {
        QFETCH(Workload, workload);
        QList<pid_t> workers;
        std::chrono::steady_clock::duration took {};
        {
            BackgroundTrial trial(ExecutorKind::Processes, workload, 2);
            workers = test::waitForChildren(getpid(), 2);
            QCOMPARE(workers.size(), 2);
            std::this_thread::sleep_for(std::chrono::milliseconds(100)); // let them get to work
            const auto t0 = std::chrono::steady_clock::now();
            trial.cancel = true;
            trial.thread.join();
            took = std::chrono::steady_clock::now() - t0;
            QVERIFY(trial.outcome.has_value());
            QCOMPARE(trial.outcome->error(), QStringLiteral("Cancelled."));
        }
        // Minutes of work, stopped well within seconds even on a loaded machine; and the processes are gone,
        // not merely told to go.
        QVERIFY2(took < std::chrono::seconds(5),
                 qPrintable(QString::number(std::chrono::duration<double>(took).count())));
        for (pid_t pid : workers)
            QVERIFY2(test::processGone(pid), qPrintable(QString::number(pid)));
        QVERIFY(test::childProcesses(getpid()).isEmpty());
    }

    void aKilledWorkerIsNamedInTheError()
    {
        BackgroundTrial trial(ExecutorKind::Processes, Workload { TaskKind::Primes, 1'000'000'000, 4, 0 }, 2);
        const QList<pid_t> workers = test::waitForChildren(getpid(), 2);
        QCOMPARE(workers.size(), 2);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        QCOMPARE(kill(workers[0], SIGKILL), 0);
        trial.thread.join();
        QVERIFY(trial.outcome.has_value());
        const QString error = trial.outcome->error();
        QVERIFY2(error.contains(QStringLiteral("(pid %1)").arg(workers[0])), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("was killed by signal 9 while running task ")), qPrintable(error));
        for (pid_t pid : workers)
            QVERIFY(test::processGone(pid));
    }

    void aMissingWorkerProgramIsReported()
    {
        const Workload w { TaskKind::Tiny, 10, 10, 0 };
        const SharedTaskData data = SharedTaskData::create(w).value();
        const Expected<TrialOutcome> outcome
            = runProcessTrial({ w, &data, 2, QStringLiteral("/nonexistent/bidlab-lab-worker") }, RunControl {});
        QVERIFY(outcome.error().contains(QStringLiteral("Could not start the lab worker program '/nonexistent")));
        // A program that exits at once (not a lab worker) is caught before it is ever ready.
        const Expected<TrialOutcome> wrong
            = runProcessTrial({ w, &data, 1, QStringLiteral("/bin/true") }, RunControl {});
        QVERIFY2(wrong.error().contains(QStringLiteral("exited with code 0 before it was ready")),
                 qPrintable(wrong.error()));
    }

    void theJobCancelsWorkerProcessesToo()
    {
        // The sequential baseline (4 × 0.5 s) runs first; then the worker processes start, and the job is
        // cancelled while they wait.
        const ExperimentSpec spec { .workload = { TaskKind::Wait, 500'000, 4, 0 },
                                    .executors = { ExecutorKind::Processes },
                                    .minWorkers = 2,
                                    .maxWorkers = 2,
                                    .repeats = 1,
                                    .workerProgram = kWorker };
        QFuture<jobs::JobResult<ExperimentResult>> future = startLabJob(spec);
        const QList<pid_t> workers = test::waitForChildren(getpid(), 2);
        QCOMPARE(workers.size(), 2);
        const auto t0 = std::chrono::steady_clock::now();
        future.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 10'000);
        QVERIFY(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5));
        QCOMPARE(future.resultCount(), 0);
        for (pid_t pid : workers)
            QVERIFY(test::processGone(pid));
    }

    void theWorkerProgramRefusesToRunByHand()
    {
        const test::ProcessResult bare = test::runProgram(kWorker, {});
        QCOMPARE(bare.exitCode, 2);
        QVERIFY(bare.err.contains(QStringLiteral("usage: bidlab-lab-worker --pool-fd FD --slot N")));
        const test::ProcessResult bad = test::runProgram(kWorker, { QStringLiteral("--pool-fd"), QStringLiteral("x") });
        QCOMPARE(bad.exitCode, 2);
        // Descriptor 0 is not a pool segment (here: an empty pipe or /dev/null).
        const test::ProcessResult notPool = test::runProgram(
            kWorker,
            { QStringLiteral("--pool-fd"), QStringLiteral("0"), QStringLiteral("--slot"), QStringLiteral("0") });
        QCOMPARE(notPool.exitCode, 3);
        QVERIFY2(notPool.err.startsWith(QStringLiteral("bidlab-lab-worker: ")), qPrintable(notPool.err));
    }
};

BIDLAB_TEST_MAIN_CORE(ProcessExecutorTest)
#include "test_process_executor.moc"
