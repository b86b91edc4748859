// SPDX-License-Identifier: MIT
// The in-process executors (sequential, threads) and the experiment around them. The process executor needs
// bidlab-lab-worker and is tested in tests/integration/lab.
#include "core/lab/experiment.h"
#include "core/lab/sequential_executor.h"
#include "core/lab/shared_task_data.h"
#include "core/lab/thread_executor.h"
#include "tests/common/test_support.h"

#include <atomic>
#include <chrono>
#include <thread>

using namespace bidlab;
using namespace bidlab::lab;

Q_DECLARE_METATYPE(bidlab::lab::Workload)

class ExecutorsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sequentialAndThreadsReturnIdenticalResults_data()
    {
        QTest::addColumn<Workload>("workload");
        QTest::addRow("primes") << Workload { TaskKind::Primes, 20'000, 6, 1 };
        QTest::addRow("memory") << Workload { TaskKind::Memory, 100'000, 4, 0 };
        QTest::addRow("wait") << Workload { TaskKind::Wait, 2'000, 8, 0 };
        QTest::addRow("tiny") << Workload { TaskKind::Tiny, 50, 5'000, 2 };
    }
    void sequentialAndThreadsReturnIdenticalResults()
    {
        QFETCH(Workload, workload);
        const SharedTaskData data = SharedTaskData::create(workload).value();
        const RunControl control;
        const Expected<TrialOutcome> reference = runSequentialTrial({ workload, &data, 1, {} }, control);
        QVERIFY2(reference.ok(), qPrintable(reference.error()));
        QCOMPARE(reference->results.size(), std::size_t(workload.totalTasks()));
        if (workload.kind == TaskKind::Primes)
            QCOMPARE(reference->results.front(), std::uint64_t { 2262 }); // primes below 20,000
        const TrialFigures& s = reference->figures;
        QVERIFY(s.wallNs > 0 && s.parallelNs > 0 && s.bodyNs > 0 && s.bodyNs <= s.parallelNs * 1.01);
        QVERIFY(s.wallNs >= s.serialNs + s.parallelNs * 0.99);
        for (int workers : { 1, 2, 3 }) {
            const Expected<TrialOutcome> threads = runThreadTrial({ workload, &data, workers, {} }, control);
            QVERIFY2(threads.ok(), qPrintable(threads.error()));
            QCOMPARE(threads->results, reference->results);
            const TrialFigures& f = threads->figures;
            QVERIFY(f.wallNs >= f.parallelNs && f.parallelNs > 0 && f.bodyNs > 0);
            QVERIFY(f.wallNs >= f.serialNs + f.parallelNs + f.teardownNs - 1);
        }
    }

    void cancelStopsSequentialAndThreadsPromptly_data()
    {
        QTest::addColumn<int>("executor");
        QTest::addColumn<int>("kind");
        QTest::addRow("sequential, primes") << int(ExecutorKind::Sequential) << int(TaskKind::Primes);
        QTest::addRow("threads, primes") << int(ExecutorKind::Threads) << int(TaskKind::Primes);
        QTest::addRow("threads, serial part") << int(ExecutorKind::Threads) << -1;
        QTest::addRow("sequential, wait") << int(ExecutorKind::Sequential) << int(TaskKind::Wait);
        QTest::addRow("threads, wait") << int(ExecutorKind::Threads) << int(TaskKind::Wait);
    }
    void cancelStopsSequentialAndThreadsPromptly()
    {
        QFETCH(int, executor);
        QFETCH(int, kind);
        // Minutes of work each, were it not cancelled.
        Workload w { TaskKind::Primes, 1'000'000'000, 4, 0 };
        if (kind == int(TaskKind::Wait))
            w = Workload { TaskKind::Wait, 60'000'000, 4, 0 };
        if (kind == -1)
            w.serialTasks = 2;
        const SharedTaskData data = SharedTaskData::create(w).value();
        std::atomic<bool> cancel { false };
        RunControl control;
        control.canceled = [&] { return cancel.load(); };
        std::optional<Expected<TrialOutcome>> outcome;
        std::thread runner([&] { outcome = runTrial(ExecutorKind(executor), { w, &data, 2, {} }, control); });
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        const auto t0 = std::chrono::steady_clock::now();
        cancel = true;
        runner.join();
        const auto took = std::chrono::steady_clock::now() - t0;
        QVERIFY(outcome.has_value());
        QCOMPARE(outcome->error(), QStringLiteral("Cancelled."));
        // A generous bound for a loaded machine; the work itself would take minutes.
        QVERIFY2(took < std::chrono::seconds(5),
                 qPrintable(QString::number(std::chrono::duration<double>(took).count())));
    }

    void anExperimentRunsEveryConfigurationAndSummarises()
    {
        const ExperimentSpec spec { .workload = { TaskKind::Tiny, 200, 2'000, 0 },
                                    .executors
                                    = { ExecutorKind::Sequential, ExecutorKind::Threads, ExecutorKind::Threads },
                                    .minWorkers = 1,
                                    .maxWorkers = 3,
                                    .repeats = 2,
                                    .workerProgram = {} };
        QList<double> fractions;
        ExperimentControl control;
        control.progress = [&](double fraction, const QString&) { fractions.append(fraction); };
        const Expected<ExperimentResult> result = runExperiment(spec, control);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->spec.executors,
                 QList<ExecutorKind> { ExecutorKind::Threads }); // baseline and duplicate dropped
        QCOMPARE(result->sequential.trials.size(), 2);
        QCOMPARE(result->configs.size(), 3);
        for (int k = 0; k < 3; ++k) {
            const ConfigResult& c = result->configs[k];
            QCOMPARE(c.executor, ExecutorKind::Threads);
            QCOMPARE(c.workers, k + 1);
            QCOMPARE(c.trials.size(), 2);
            QVERIFY(c.error.isEmpty());
            QVERIFY(c.speedup.has_value());
            QCOMPARE(*c.speedup, result->sequential.wallMs.median / c.wallMs.median);
            QCOMPARE(*c.efficiency, *c.speedup / c.workers);
            QVERIFY(c.wallMs.minimum <= c.wallMs.median && c.wallMs.median <= c.wallMs.maximum);
        }
        QVERIFY(result->resultsIdentical);
        QCOMPARE(result->results.size(), std::size_t { 2'000 });
        QCOMPARE(result->results[5], tinyWork(200, 5));
        QCOMPARE(result->fits.size(), 1);
        QVERIFY(result->notes.isEmpty());
        QVERIFY(result->machine.cores >= 1);
        QVERIFY(result->seconds > 0);
        QVERIFY(!fractions.isEmpty());
        QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
        QVERIFY(fractions.back() <= 1.0);
        QCOMPARE(result->config(ExecutorKind::Threads, 2), &result->configs[1]);
        QCOMPARE(result->config(ExecutorKind::Processes, 2), nullptr);
    }

    void anExperimentEndsOnCancel()
    {
        ExperimentSpec spec;
        spec.workload = Workload { TaskKind::Wait, 1'000'000, 4, 0 };
        spec.executors = { ExecutorKind::Threads };
        std::atomic<int> calls { 0 };
        ExperimentControl control;
        control.canceled = [&] { return ++calls > 20; };
        const Expected<ExperimentResult> result = runExperiment(spec, control);
        QCOMPARE(result.error(), QStringLiteral("Cancelled."));
    }

    // The test: a synthetic workload with a known serial fraction, run for real. Waiting tasks need no
    // core, so the figures hold on a loaded machine: 3 serial + 12 parallel tasks of 100 ms give f = 3/15 = 0.2,
    // and 12 tasks divide evenly over 1, 2, 3 and 4 workers. (100 ms, because on a busy machine a woken thread
    // may wait a millisecond or more for a core, and that must stay small against the task; and medians of three,
    // because one late wake-up in the baseline would shift every speedup.)
    void amdahlFitRecoversAKnownSerialFraction()
    {
        const ExperimentSpec spec { .workload = { TaskKind::Wait, 100'000, 12, 3 },
                                    .executors = { ExecutorKind::Threads },
                                    .minWorkers = 1,
                                    .maxWorkers = 4,
                                    .repeats = 3,
                                    .workerProgram = {} };
        const Expected<ExperimentResult> result = runExperiment(spec, {});
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->fits.size(), 1);
        const ExecutorFit& fit = result->fits.front();
        QCOMPARE(fit.maxWorkersUsed, 4); // waiting needs no core: every point counts
        QCOMPARE(fit.fit.points, 3);
        QVERIFY2(std::abs(fit.fit.serialFraction - 0.2) < 0.05, qPrintable(QString::number(fit.fit.serialFraction)));
    }

    void specsAreValidated()
    {
        ExperimentSpec spec;
        QVERIFY(validate(spec).ok());
        spec.minWorkers = 0;
        QVERIFY(validate(spec).error().contains(QStringLiteral("worker range")));
        spec.minWorkers = 3;
        spec.maxWorkers = 2;
        QVERIFY(validate(spec).error().contains(QStringLiteral("3..2")));
        spec = ExperimentSpec {};
        spec.repeats = 0;
        QVERIFY(validate(spec).error().contains(QStringLiteral("repeats")));
        spec = ExperimentSpec {};
        spec.workload.tasks = 0;
        QVERIFY(validate(spec).error().contains(QStringLiteral("tasks")));
        QCOMPARE(workerCounts(ExperimentSpec {}), (QList<int> { 1, 2, 3, 4 }));
    }

    void processesWithoutTheWorkerProgramFailClearly()
    {
        // No bidlab-lab-worker beside this test program.
        ExperimentSpec spec;
        spec.executors = { ExecutorKind::Processes };
        const Expected<ExperimentResult> result = runExperiment(spec, {});
        QVERIFY(result.error().contains(QStringLiteral("bidlab-lab-worker")));
        // Given a path that is not a program, the configurations fail with the reason; the baseline still runs.
        spec.workerProgram = QStringLiteral("/nonexistent/bidlab-lab-worker");
        spec.maxWorkers = 2;
        spec.repeats = 2;
        const Expected<ExperimentResult> run = runExperiment(spec, {});
        QVERIFY2(run.ok(), qPrintable(run.error()));
        QCOMPARE(run->sequential.trials.size(), 2);
        for (const ConfigResult& c : run->configs) {
            QVERIFY(c.trials.isEmpty());
            QVERIFY2(c.error.contains(QStringLiteral("/nonexistent/bidlab-lab-worker")), qPrintable(c.error));
        }
        QCOMPARE(run->notes.size(), 2); // one per configuration: its other repeats are skipped
    }
};

BIDLAB_TEST_MAIN_CORE(ExecutorsTest)
#include "test_executors.moc"
