// SPDX-License-Identifier: MIT
// Faults with real processes: a worker SIGKILLed with requests in its ring, a hung worker, a crash loop,
// and the engine's own process SIGKILLed (no orphans).
#include "tests/common/test_support.h"
#include "tests/integration/engine/engine_test_support.h"

#include <csignal>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>

using namespace bidlab;
using namespace bidlab::engine;

namespace {

// A process is gone when /proc has no entry for it, or only a zombie waiting to be reaped by init.
bool processGone(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close > 0 && text.size() > close + 2 && text.at(close + 2) == 'Z';
}

QJsonObject outcomeOf(const RunSummary& s)
{
    QJsonObject totals = s.totals.toJson();
    totals.remove(QStringLiteral("redispatched"));
    return totals;
}

} // namespace

class EngineFaultsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void killedWithRequestsInFlightLosesNothing()
    {
        EngineConfig c = test::smallConfig(1);
        c.targetQps = 20'000;
        Engine engine;
        test::Ledger ledger;
        engine.setOutcomeRecorder(ledger.recorder());
        QSignalSpy finished(&engine, &Engine::finished);
        QVERIFY(engine.start(c).ok());
        QVERIFY(test::waitForEvent(engine, EventKind::WorkerStarted, 0));
        engine.injectIncident(IncidentKind::SlowWorker); // 200 us per request: the ring fills up
        const auto loaded = test::waitForSnapshot(
            engine, [](const EngineSnapshot& s) { return !s.workers.isEmpty() && s.workers.first().inFlight >= 500; });
        QVERIFY2(loaded, "worker 0 never had requests in flight");
        engine.killWorker(0);
        const auto crashed = test::waitForEvent(engine, EventKind::WorkerCrashed, 0);
        QVERIFY(crashed);
        QVERIFY2(crashed->count >= 100, qPrintable(crashed->text)); // it died with requests in its ring
        QVERIFY(test::waitForEvent(engine, EventKind::WorkerRestarted, 0));
        QVERIFY(test::waitForSnapshot(engine, [](const EngineSnapshot& s) { return s.tickCounters.bids > 0; }));
        engine.stop();
        QVERIFY(finished.wait(60'000));
        const RunSummary s = finished.first().first().value<RunSummary>();
        QCOMPARE(s.endState, EngineState::Finished);
        QVERIFY(s.accountingBalanced());
        QCOMPARE(ledger.check(s.totals.generated), QString());
        QVERIFY(s.totals.redispatched + s.totals.timeouts >= crashed->count); // each taken back once
        QCOMPARE(s.workerRestarts, 1);
        QCOMPARE(s.workers.first().restarts, 1);
    }
    void killedInDeterministicModeChangesNothing()
    {
        // The same deterministic run with and without a worker killed mid-batch: identical totals.
        // Paced, so that the run lasts at least 1 s of wall clock whatever the machine's speed: flat out it
        // could end before the incident and the kill below reach it (the totals do not depend on the pace).
        // Faster than slowed worker 0 (a batch due every 51 ms, worker 0 needs 100 ms for its half), so a
        // new batch goes out at once after the one the kill waits for (deterministic mode applies commands
        // between batches), and the worker dies with requests in flight.
        EngineConfig c = test::smallConfig(2);
        c.deterministic = true;
        c.targetQps = 20'000;
        c.maxRequests = 20'000;
        Engine reference;
        const RunSummary expected = test::runToEnd(reference, c);
        QVERIFY(expected.accountingBalanced());

        Engine engine;
        test::Ledger ledger;
        engine.setOutcomeRecorder(ledger.recorder());
        QSignalSpy finished(&engine, &Engine::finished);
        QVERIFY(engine.start(c).ok());
        QVERIFY(test::waitForEvent(engine, EventKind::WorkerStarted));
        engine.injectIncident(IncidentKind::SlowWorker); // batches wait for worker 0
        QVERIFY(test::waitForSnapshot(
            engine, [](const EngineSnapshot& s) { return !s.workers.isEmpty() && s.workers.first().inFlight > 0; }));
        engine.killWorker(0);
        const auto crashed = test::waitForEvent(engine, EventKind::WorkerCrashed, 0);
        QVERIFY(crashed);
        QVERIFY(crashed->count > 0);
        // QSignalSpy::wait() waits for a NEW emission: the run may have finished while the test waited for
        // the crash event, and then wait() would time out on a run that did finish.
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 120'000);
        const RunSummary s = finished.first().first().value<RunSummary>();
        QVERIFY(s.accountingBalanced());
        QCOMPARE(ledger.check(s.totals.generated), QString());
        QCOMPARE(s.totals.timeouts, 0);
        QCOMPARE(outcomeOf(s), outcomeOf(expected));
    }
    void hungWorkerIsNoticedByItsRing()
    {
        EngineConfig c = test::smallConfig(2);
        c.targetQps = 5'000;
        Engine engine;
        QSignalSpy finished(&engine, &Engine::finished);
        QVERIFY(engine.start(c).ok());
        const auto running = test::waitForSnapshot(engine, [](const EngineSnapshot& s) {
            return s.workers.size() == 2 && s.workers[1].state == WorkerState::Running && s.workers[1].pid > 0;
        });
        QVERIFY(running);
        ::kill(static_cast<pid_t>(running->workers[1].pid), SIGSTOP); // alive, but answers nothing
        const auto hung = test::waitForEvent(engine, EventKind::WorkerUnresponsive, 1);
        QVERIFY(hung);
        QVERIFY(test::waitForEvent(engine, EventKind::WorkerRestarted, 1));
        engine.stop();
        QVERIFY(finished.wait(60'000));
        QVERIFY(finished.first().first().value<RunSummary>().accountingBalanced());
    }
    void answersOutOfOrderCountAsNoBids_data()
    {
        QTest::addColumn<bool>("deterministic");
        QTest::newRow("real time") << false;
        QTest::newRow("deterministic") << true;
    }
    void answersOutOfOrderCountAsNoBids()
    {
        // A worker that answers every request with the next request's id: each answer is refused (a no-bid),
        // the run still ends with every request accounted once, and one error event names the worker.
        QFETCH(bool, deterministic);
        EngineConfig c = test::smallConfig(1);
        c.workerExecutable = QStringLiteral(MISORDERING_WORKER);
        c.deterministic = deterministic;
        c.targetQps = 20'000;
        c.maxRequests = 5'000;
        Engine engine;
        test::Ledger ledger;
        engine.setOutcomeRecorder(ledger.recorder());
        QList<EngineEvent> warnings;
        connect(&engine, &Engine::event, this, [&](const EngineEvent& e) {
            if (e.text.contains(QStringLiteral("out of order")))
                warnings.append(e);
        });
        const RunSummary s = test::runToEnd(engine, c);
        QCOMPARE(s.endState, EngineState::Finished);
        QCOMPARE(s.totals.generated, 5'000);
        QVERIFY(s.accountingBalanced());
        QCOMPARE(ledger.check(s.totals.generated), QString());
        QCOMPARE(ledger.count(Outcome::NoBid), 5'000);
        QCOMPARE(s.totals.bids, 0);
        QTRY_COMPARE(warnings.size(), 1);
        QCOMPARE(warnings.first().severity, EventSeverity::Error);
        QCOMPARE(warnings.first().worker, 0);
        QVERIFY2(warnings.first().text.contains(QStringLiteral("request 0 with the answer for request 1")),
                 qPrintable(warnings.first().text));
    }
    void crashLoopStopsRestarting()
    {
        EngineConfig c = test::smallConfig(2);
        c.targetQps = 2'000;
        c.crashLoopLimit = 3;
        Engine engine;
        QSignalSpy finished(&engine, &Engine::finished);
        QVERIFY(engine.start(c).ok());
        QVERIFY(test::waitForEvent(engine, EventKind::WorkerStarted));
        engine.injectIncident(IncidentKind::CrashLoop);
        const auto loop = test::waitForEvent(engine, EventKind::CrashLoop, 0, 60'000);
        QVERIFY(loop);
        QVERIFY(loop->text.contains(QStringLiteral("crash loop")));
        QCOMPARE(loop->count, 3);
        // The run goes on with the other worker.
        QVERIFY(test::waitForSnapshot(engine, [](const EngineSnapshot& s) {
            return s.workers.size() == 2 && s.workers[0].state == WorkerState::Failed && s.tickCounters.bids > 0;
        }));
        engine.stop();
        QVERIFY(finished.wait(60'000));
        const RunSummary s = finished.first().first().value<RunSummary>();
        QCOMPARE(s.endState, EngineState::Finished);
        QVERIFY(s.accountingBalanced());
        QCOMPARE(s.workers.first().state, WorkerState::Failed);
    }
    void engineKilledLeavesNoOrphans()
    {
        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("BIDLAB_VERBOSE"), QStringLiteral("1"));
        cli.setProcessEnvironment(env);
        cli.start(QStringLiteral(BIDLAB_CLI),
                  { QStringLiteral("simulate"), QStringLiteral("--workers"), QStringLiteral("3"),
                    QStringLiteral("--qps"), QStringLiteral("2000"), QStringLiteral("--seconds"), QStringLiteral("120"),
                    QStringLiteral("--no-store") });
        QVERIFY(cli.waitForStarted());
        QList<qint64> pids;
        const QRegularExpression running(QStringLiteral("Worker \\d+ is running \\(pid (\\d+)\\)"));
        QString err;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                err += QString::fromUtf8(cli.readAllStandardError());
                pids.clear();
                for (auto it = running.globalMatch(err); it.hasNext();)
                    pids << it.next().captured(1).toLongLong();
                return pids.size() == 3;
            }(),
            30'000);
        for (const qint64 pid : pids)
            QVERIFY(!processGone(pid));
        ::kill(static_cast<pid_t>(cli.processId()), SIGKILL);
        QVERIFY(cli.waitForFinished(10'000));
        for (const qint64 pid : pids)
            QTRY_VERIFY_WITH_TIMEOUT(processGone(pid), 10'000); // PR_SET_PDEATHSIG took them along
        // memfd segments live only as long as a process holds them: nothing is left in /dev/shm.
        QVERIFY(QDir(QStringLiteral("/dev/shm")).entryList({ QStringLiteral("*bidlab*") }, QDir::Files).isEmpty());
    }
};

BIDLAB_TEST_MAIN_CORE(EngineFaultsTest)
#include "test_engine_faults.moc"
