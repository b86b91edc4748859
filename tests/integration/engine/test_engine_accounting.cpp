// SPDX-License-Identifier: MIT
// Live mode: every generated request ends as exactly one of bid, no-bid, timeout or shed, counted once.
#include "tests/common/test_support.h"
#include "tests/integration/engine/engine_test_support.h"

#include <QTimer>

using namespace bidlab;
using namespace bidlab::engine;

class EngineAccountingTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ledgerExactlyOnce_data()
    {
        QTest::addColumn<int>("workers");
        QTest::addColumn<bool>("overload");
        QTest::addRow("1 worker") << 1 << false;
        QTest::addRow("2 workers") << 2 << false;
        QTest::addRow("8 workers") << 8 << false;
        QTest::addRow("1 slow worker, overloaded: timeouts and shedding") << 1 << true;
    }
    void ledgerExactlyOnce()
    {
        QFETCH(int, workers);
        QFETCH(bool, overload);
        EngineConfig c = test::smallConfig(workers);
        c.targetQps = overload ? 100'000 : 20'000;
        c.durationSeconds = 2.0;
        c.tmaxMs = overload ? 20 : 100;
        Engine engine;
        test::Ledger ledger;
        engine.setOutcomeRecorder(ledger.recorder());
        if (overload) // once running, make worker 0 take 200 us more per request: its ring fills up
            QObject::connect(&engine, &Engine::stateChanged, &engine, [&engine](EngineState s) {
                if (s == EngineState::Running)
                    engine.injectIncident(IncidentKind::SlowWorker);
            });
        const RunSummary s = test::runToEnd(engine, c);
        QCOMPARE(s.endState, EngineState::Finished);
        const Counters& t = s.totals;
        QVERIFY(t.generated > 0);
        QCOMPARE(s.inFlightAtEnd, 0);
        QCOMPARE(t.generated, t.bids + t.noBids + t.timeouts + t.shed);
        QVERIFY(s.accountingBalanced());
        QCOMPARE(ledger.check(t.generated), QString());
        QCOMPARE(ledger.count(Outcome::Bid), t.bids);
        QCOMPARE(ledger.count(Outcome::NoBid), t.noBids);
        QCOMPARE(ledger.count(Outcome::Timeout), t.timeouts);
        QCOMPARE(ledger.count(Outcome::Shed), t.shed);
        QCOMPARE(t.bids, t.wins + t.losses + t.budgetRejected);
        QCOMPARE(t.eventsFiltered, t.botEvents + t.duplicateClicks + t.unattributedConversions);
        if (overload) {
            QVERIFY2(t.timeouts > 0, "a slow worker's requests wait past tmax");
            QVERIFY2(t.shed > 0, "a full ring refuses what is due");
        }
        // The per-second series adds up to the totals.
        Counters sum;
        for (const SeriesPoint& p : s.series)
            sum += p.counters;
        QCOMPARE(sum.generated, t.generated);
        QCOMPARE(sum.spend, t.spend);
        // Per-worker answers add up to what was answered by workers (everything but shed and lost timeouts).
        qint64 answered = 0;
        for (const WorkerRow& w : s.workers)
            answered += w.answered;
        QVERIFY(answered <= t.generated - t.shed);
        QVERIFY(answered >= t.bids + t.noBids);
    }
    void stopDrainsEverything()
    {
        EngineConfig c = test::smallConfig(2);
        c.unlimitedQps = true; // rings as full as they get
        Engine engine;
        test::Ledger ledger;
        engine.setOutcomeRecorder(ledger.recorder());
        QTimer::singleShot(1500, &engine, &Engine::stop);
        const RunSummary s = test::runToEnd(engine, c);
        QCOMPARE(s.endState, EngineState::Finished);
        QVERIFY(s.totals.generated > 10'000);
        QCOMPARE(s.totals.shed, 0); // unlimited: back-pressure paces the source instead
        QVERIFY(s.accountingBalanced());
        QCOMPARE(ledger.check(s.totals.generated), QString());
    }
};

BIDLAB_TEST_MAIN_CORE(EngineAccountingTest)
#include "test_engine_accounting.moc"
