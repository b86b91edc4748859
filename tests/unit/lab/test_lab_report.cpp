// SPDX-License-Identifier: MIT
// The summaries, the report and the explanation, from hand-made trials with known figures.
#include "core/lab/explanation.h"
#include "core/lab/lab_report.h"
#include "core/report/report_writers.h"
#include "tests/common/test_support.h"

#include <QFile>
#include <QTemporaryDir>

using namespace bidlab;
using namespace bidlab::lab;

namespace {

TrialFigures trial(double wallMs, double cpuMs, double startupMs = 0, double workerStartupMs = 0)
{
    TrialFigures t;
    t.wallNs = wallMs * 1e6;
    t.cpuNs = cpuMs * 1e6;
    t.startupNs = startupMs * 1e6;
    t.workerStartupNs = workerStartupMs * 1e6;
    t.parallelNs = (wallMs - startupMs) * 1e6;
    t.bodyNs = 98e6; // four tasks of 24.5 ms
    return t;
}

// A batch of K empty tasks on `lanes` workers: a fixed cost, then K × (body + overhead) shared by the lanes.
OverheadProbe::Batch emptyBatch(int tasks, int lanes, double fixedUs, double bodyUs, double overheadUs)
{
    return { (fixedUs + tasks * (bodyUs + overheadUs) / lanes) * 1e3, tasks * bodyUs * 1e3 };
}

OverheadProbe probe(int lanes, double fixedUs, double bodyUs, double overheadUs)
{
    return { emptyBatch(kProbeSmallBatch, lanes, fixedUs, bodyUs, overheadUs),
             emptyBatch(kProbeLargeBatch, lanes, fixedUs, bodyUs, overheadUs) };
}

// The seed's experiment on an idle 2-core machine: threads and processes scale to 2 workers and no further.
ExperimentResult seedLikeResult()
{
    ExperimentResult r;
    r.spec.workload = Workload { TaskKind::Primes, 100'000, 4, 0 };
    r.spec.executors = { ExecutorKind::Threads, ExecutorKind::Processes };
    r.spec.minWorkers = 1;
    r.spec.maxWorkers = 4;
    r.spec.repeats = 3;
    r.machine = MachineInfo { 2, QStringLiteral("Test CPU"), 0.30, 0.40 };
    r.sequential.trials = { trial(100, 99), trial(102, 101), trial(98, 97) };
    const double threadWall[] = { 102, 52, 53, 54 };
    const double processWall[] = { 106, 58, 60, 62 };
    for (int p = 1; p <= 4; ++p) {
        ConfigResult t;
        t.executor = ExecutorKind::Threads;
        t.workers = p;
        t.trials = { trial(threadWall[p - 1], 100, 0.1), trial(threadWall[p - 1] + 1, 100, 0.1) };
        r.configs.append(t);
    }
    for (int p = 1; p <= 4; ++p) {
        ConfigResult c;
        c.executor = ExecutorKind::Processes;
        c.workers = p;
        if (p == 4)
            c.error = QStringLiteral("Lab worker 3 (pid 99) was killed (Process crashed) while running tasks.");
        else
            c.trials = { trial(processWall[p - 1], 110, 5, 3) };
        r.configs.append(c);
    }
    r.results = { 9592, 9592, 9592, 9592 };
    r.notes = { QStringLiteral("processes × 4 stopped in repeat 1: ") + r.configs.back().error };
    summarize(r);
    return r;
}

} // namespace

class LabReportTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void summariesUseMediansAndTheBaseline()
    {
        const ExperimentResult r = seedLikeResult();
        QCOMPARE(r.sequential.wallMs.median, 100.0);
        QCOMPARE(r.sequential.wallMs.minimum, 98.0);
        QCOMPARE(r.sequential.wallMs.maximum, 102.0);
        const ConfigResult* t2 = r.config(ExecutorKind::Threads, 2);
        QCOMPARE(t2->wallMs.median, 52.5); // two trials: the mean of both
        QCOMPARE(*t2->speedup, 100.0 / 52.5);
        QCOMPARE(*t2->efficiency, 100.0 / 52.5 / 2);
        QCOMPARE(t2->meanTaskUs, 24'500.0);
        QVERIFY(!t2->overheadPerTaskUs.has_value()); // no probe of empty tasks: nothing measured
        QVERIFY(!r.sequential.overheadPerTaskUs.has_value());
        const ConfigResult* p4 = r.config(ExecutorKind::Processes, 4);
        QVERIFY(!p4->speedup.has_value());
        QCOMPARE(r.fastest(ExecutorKind::Threads), t2);
        QCOMPARE(r.fastest(ExecutorKind::Processes), r.config(ExecutorKind::Processes, 2));
        // CPU-bound on 2 cores: the fit uses 1..2 workers only. One point: f = 2 / S - 1.
        QCOMPARE(r.fits.size(), 2);
        QCOMPARE(r.fits[0].maxWorkersUsed, 2);
        QCOMPARE(r.fits[0].fit.points, 1);
        QVERIFY(std::abs(r.fits[0].fit.serialFraction - (2.0 * 52.5 / 100.0 - 1.0)) < 1e-12);
    }

    void theReportCarriesTablesChartAndReading()
    {
        const ExperimentResult r = seedLikeResult();
        const report::Report rep = labReport(r);
        QCOMPARE(rep.title, QStringLiteral("Parallelism lab"));
        QCOMPARE(rep.subtitle, QStringLiteral("4 × count primes below 100,000"));
        QCOMPARE(rep.tables.size(), 2);
        const report::Table& figures = rep.tables[0];
        QCOMPARE(figures.rows.size(), 9);
        for (const report::Row& row : figures.rows)
            QCOMPARE(row.size(), figures.columns.size());
        QCOMPARE(figures.rows[0][0].toString(), QStringLiteral("sequential"));
        QCOMPARE(figures.rows[0][7].toDouble(), 1.0);
        QCOMPARE(figures.rows[2][7].toDouble(), 100.0 / 52.5);
        QVERIFY(figures.rows[8][7].isNull()); // the failed configuration has no speedup, not 0 or NaN
        QVERIFY(figures.rows[8][14].toString().contains(QStringLiteral("pid 99")));
        QCOMPARE(rep.tables[1].rows.size(), 3 + 4 * 2 + 3);

        QCOMPARE(rep.charts.size(), 1);
        const report::Chart& chart = rep.charts[0];
        QCOMPARE(chart.series.size(), 3);
        QCOMPARE(chart.series[0].name, QStringLiteral("threads (f = 0.05)"));
        QCOMPARE(chart.series[0].points.size(), 4);
        QCOMPARE(chart.series[1].points.size(), 3); // no point for the failed run
        QCOMPARE(chart.series[2].points, (QList<QPointF> { { 1, 1 }, { 2, 2 }, { 3, 3 }, { 4, 4 } }));
        QCOMPARE(chart.xTitle, QStringLiteral("workers"));

        bool identical = false;
        for (const report::Kpi& kpi : rep.kpis)
            identical
                |= kpi.name == QStringLiteral("identical results") && kpi.value.toString() == QStringLiteral("yes");
        QVERIFY(identical);
        QVERIFY(rep.notes.join(QLatin1Char('\n')).contains(QStringLiteral("pid 99")));

        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("lab.csv"));
        QVERIFY(report::writeCsv(rep, csv).ok());
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.startsWith(QStringLiteral("executor,workers,wall (ms)")));
        QVERIFY(text.contains(QStringLiteral("threads,2,52.500")));
    }

    void theExplanationReadsTheNumbers()
    {
        const QString text = explain(seedLikeResult()).join(QLatin1Char('\n'));
        const auto has = [&](const char* phrase) {
            if (!text.contains(QString::fromUtf8(phrase)))
                qWarning("missing: %s\nin: %s", phrase, qPrintable(text));
            return text.contains(QString::fromUtf8(phrase));
        };
        QVERIFY(has("the 4 tasks took 100 ms (median of 3); one task ran 24.5 ms"));
        QVERIFY(has("Threads were fastest with 2 workers: 1.90× the sequential speed (95 % efficiency)"));
        QVERIFY(has("This machine has 2 cores"));
        QVERIFY(has("threads went from 1.90× with 2 workers to 1.83× with 4"));
        QVERIFY(has("Each worker process took 3.00 ms from spawn to ready"));
        QVERIFY(has("a pool of 2 was ready after 5.00 ms"));
        QVERIFY(has("Threads beat processes here (1.90× against 1.72×)"));
        QVERIFY(has("serial fraction of 5.0 %"));
        QVERIFY(has("Load average 0.30 before and 0.40 after the runs, on 2 cores."));
        QVERIFY(has("9,592 primes below 100,000"));
        QVERIFY(!has("kept only")); // an idle machine: the CPU-share warning stays out
    }

    void overheadIsMeasuredOnEmptyTasks()
    {
        ExperimentResult r = seedLikeResult();
        // Sequential: a loop costs 0.05 µs per task. Threads: 1.5 µs per task; processes: 4 µs, after start-ups that
        // differ from probe to probe (they cancel out). One probe of each caught a burst of load: the medians drop it.
        r.sequential.probes = { probe(1, 3, 0.02, 0.05), probe(1, 2, 0.02, 0.05), probe(1, 9, 0.02, 0.05) };
        for (ConfigResult& c : r.configs) {
            if (!c.hasTrials())
                continue; // a failed configuration runs no probe
            const bool threads = c.executor == ExecutorKind::Threads;
            const int lanes = std::min(c.workers, 2); // 2 cores: 3 or 4 workers still run 2 at a time
            const double overheadUs = threads ? 1.5 : 4.0;
            OverheadProbe burst = probe(lanes, 80, 0.02, overheadUs);
            burst.large.runningNs *= 3;
            c.probes = { probe(lanes, 60, 0.02, overheadUs), burst, probe(lanes, 90, 0.02, overheadUs) };
        }
        summarize(r);
        QVERIFY(std::abs(*r.sequential.overheadPerTaskUs - 0.05) < 1e-9);
        for (int workers = 1; workers <= 4; ++workers) {
            const ConfigResult* t = r.config(ExecutorKind::Threads, workers);
            QVERIFY2(std::abs(*t->overheadPerTaskUs - 1.5) < 1e-9, qPrintable(QString::number(*t->overheadPerTaskUs)));
        }
        QVERIFY(std::abs(*r.config(ExecutorKind::Processes, 2)->overheadPerTaskUs - 4.0) < 1e-9);
        QVERIFY(!r.config(ExecutorKind::Processes, 4)->overheadPerTaskUs); // it failed: no probe

        // The report's column and the reading carry it: threshold = overhead / (workers - 1) on 2 workers.
        const report::Report rep = labReport(r);
        QCOMPARE(rep.tables[0].columns[9].name, QStringLiteral("overhead per task, empty tasks (µs)"));
        QCOMPARE(rep.tables[0].rows[2][9].toDouble(), *r.config(ExecutorKind::Threads, 2)->overheadPerTaskUs);
        QVERIFY(rep.tables[0].rows[8][9].isNull());
        const QString text = explain(r).join(QLatin1Char('\n'));
        QVERIFY2(text.contains(QStringLiteral("each task cost a worker 1.50 µs with threads and 4.00 µs with "
                                              "processes (measured on batches of empty tasks)")),
                 qPrintable(text));
    }

    void overheadBelowTheNoiseIsEmpty()
    {
        ExperimentResult r = seedLikeResult();
        ConfigResult& c = r.configs[1]; // threads × 2
        OverheadProbe noisy = probe(2, 500, 0.02, 0.0);
        noisy.small.runningNs += 200e3; // a preempted small batch: the larger one seems faster
        c.probes = { noisy };
        summarize(r);
        QVERIFY(!c.overheadPerTaskUs.has_value()); // not 0 and not negative: unknown
        QVERIFY(!explain(r).join(QLatin1Char('\n')).contains(QStringLiteral("each task cost")));
    }

    void theExplanationWarnsOfALoadedMachineAndDifferentResults()
    {
        ExperimentResult r = seedLikeResult();
        for (TrialFigures& t : r.sequential.trials)
            t.cpuNs = t.wallNs * 0.3;
        r.machine.loadBefore = 9.5;
        r.resultsIdentical = false;
        r.notes
            = { QStringLiteral("threads × 2, repeat 1: task 3 returned 1 where the first sequential run returned 2") };
        summarize(r);
        const QString text = explain(r).join(QLatin1Char('\n'));
        QVERIFY(text.contains(QStringLiteral("kept only 0.30 of a core busy")));
        QVERIFY(text.contains(QStringLiteral("the machine was busy")));
        QVERIFY(text.contains(QStringLiteral("Results differed between executors: threads × 2, repeat 1: task 3")));
    }

    void durationsReadNaturally()
    {
        QCOMPARE(humanDuration(1234.0), QStringLiteral("1.23 s"));
        QCOMPARE(humanDuration(12.34), QStringLiteral("12.3 ms"));
        QCOMPARE(humanDuration(0.0456), QStringLiteral("45.6 µs"));
        QCOMPARE(humanDuration(0.00031), QStringLiteral("310 ns"));
        QCOMPARE(humanDuration(-1), QStringLiteral("0 ns"));
    }
};

BIDLAB_TEST_MAIN_CORE(LabReportTest)
#include "test_lab_report.moc"
