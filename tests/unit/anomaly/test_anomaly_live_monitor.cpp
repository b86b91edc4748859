// SPDX-License-Identifier: MIT
// LiveMonitor on hand-made snapshots (no engine): the metrics it derives from a snapshot, and one alert per
// incident with its start and delay.
#include "core/anomaly/live_monitor.h"
#include "tests/common/test_support.h"

#include <algorithm>

#include <QSignalSpy>
#include <QTest>

using namespace bidlab;
using namespace bidlab::anomaly;
using engine::EngineSnapshot;

namespace {

// A 100 ms tick of 200 requests: 160 bids, `wins` of them won, 2 clicks every other tick, a little spend, and
// `conversions` conversions bringing the revenue.
EngineSnapshot tick(qint64 n, qint64 wins, qint64 conversions = 25)
{
    EngineSnapshot s;
    s.tick = n;
    s.elapsedSeconds = 0.1 * static_cast<double>(n + 1);
    s.tickSeconds = 0.1;
    engine::Counters& c = s.tickCounters;
    c.generated = 200;
    c.bids = 160;
    c.noBids = 40;
    c.wins = wins;
    c.impressions = wins;
    c.clicks = n % 2 == 0 ? 2 : 1;
    c.spend = 50'000;
    c.conversions = conversions;
    c.revenue = n % 3 == 0 ? 150'000 : 120'000;
    c.eventsProcessed = wins + c.clicks;
    c.eventsFiltered = n % 5 == 0 ? 1 : 0;
    s.latency.count = 200;
    s.latency.p99 = 500'000 + (n % 7) * 10'000;
    s.workers = { engine::WorkerRow {}, engine::WorkerRow {} };
    return s;
}

// Win counts with a little deterministic noise around 80 (win rate 0.5).
qint64 noisyWins(qint64 n)
{
    return 80 + (n * 7919 % 11) - 5;
}

} // namespace

class TestAnomalyLiveMonitor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void metricsOfASnapshot()
    {
        LiveMetrics metrics;
        const auto values = metrics.add(tick(0, 80));
        QHash<QString, double> byName;
        for (const auto& [name, value] : values)
            byName.insert(name, value);
        QCOMPARE(byName.value(QStringLiteral("qps")), 2000.0);
        QCOMPARE(byName.value(QStringLiteral("bid_rate")), 0.8);
        QCOMPARE(byName.value(QStringLiteral("win_rate")), 0.5);
        QCOMPARE(byName.value(QStringLiteral("ctr")), 2.0 / 80.0);
        QCOMPARE(byName.value(QStringLiteral("spend_rate")), 0.5); // 0.05 currency units in 0.1 s
        QCOMPARE(byName.value(QStringLiteral("roas")), 3.0);
        QCOMPARE(byName.value(QStringLiteral("p99_latency_ms")), 0.5);
        QCOMPARE(byName.value(QStringLiteral("worker_restarts")), 0.0);
        QCOMPARE(byName.value(QStringLiteral("filtered_share")), 1.0 / 82.0);
        // ROAS over a few conversions is not watched: one conversion more or less would double it.
        LiveMetrics few;
        const auto sparse = few.add(tick(0, 80, 3));
        QVERIFY(
            std::none_of(sparse.begin(), sparse.end(), [](const auto& v) { return v.first == QLatin1String("roas"); }));
        // A second tick: rates over both (the sliding second), p99 the lower median of the two ticks' p99.
        const auto second = metrics.add(tick(1, 40));
        for (const auto& [name, value] : second) {
            if (name == QLatin1String("win_rate"))
                QCOMPARE(value, 120.0 / 320.0);
            if (name == QLatin1String("p99_latency_ms"))
                QCOMPARE(value, 0.5);
        }
        // Nothing won: the ratios with a zero denominator are left out, never inf or NaN.
        LiveMetrics empty;
        EngineSnapshot idle = tick(0, 0);
        idle.tickCounters = {};
        idle.latency = {};
        QStringList names;
        for (const auto& [name, value] : empty.add(idle))
            names << name;
        QCOMPARE(
            names,
            QStringList({ QStringLiteral("qps"), QStringLiteral("spend_rate"), QStringLiteral("worker_restarts") }));
    }

    void stepRaisesOneAlertWithItsIncident()
    {
        LiveMonitor monitor;
        QSignalSpy raised(&monitor, &LiveMonitor::alertRaised);
        QSignalSpy ended(&monitor, &LiveMonitor::alertEnded);
        for (qint64 n = 0; n < 300; ++n)
            monitor.addSnapshot(tick(n, noisyWins(n)));
        QCOMPARE(raised.size(), 0);
        monitor.noteIncident(engine::IncidentKind::MarketPriceJump, 30'000);
        for (qint64 n = 300; n < 400; ++n) // the win rate halves for 10 s
            monitor.addSnapshot(tick(n, noisyWins(n) / 2));
        for (qint64 n = 400; n < 600; ++n)
            monitor.addSnapshot(tick(n, noisyWins(n)));
        QVERIFY(!monitor.alerts().isEmpty());
        qsizetype onWinRate = 0;
        for (const LiveAlert& a : monitor.alerts()) {
            QVERIFY(a.alert.raisedMs > 30'000);
            if (a.alert.metric != QLatin1String("win_rate"))
                continue;
            ++onWinRate;
            QCOMPARE(a.incident, QStringLiteral("market-price-jump"));
            QCOMPARE(a.incidentStartMs, 30'000);
            QVERIFY2(a.delayMs() >= 1000 && a.delayMs() <= 2500, qPrintable(describeAlert(a)));
            QVERIFY(!a.alert.open());
        }
        QCOMPARE(onWinRate, 1);
        QCOMPARE(raised.size(), monitor.alerts().size());
        QVERIFY(ended.size() >= 1);
        QCOMPARE(storedAlerts(monitor.alerts()).size(), monitor.alerts().size());
        // A new run (time goes back) starts from scratch.
        QSignalSpy cleared(&monitor, &LiveMonitor::cleared);
        monitor.addSnapshot(tick(0, 80));
        QCOMPARE(cleared.size(), 1);
        QVERIFY(monitor.alerts().isEmpty());
        QVERIFY(monitor.incidents().isEmpty());
    }

    // The latency rule on the pattern of a real deterministic run on a loaded machine (a batch answered about
    // every other tick, p99 near 0.5 ms, single batches stalled to 4..20 ms by the scheduler, two in a row at
    // times), then a slow worker (every batch 250 ms).
    void latencyRuleIgnoresStallsAndCatchesASlowWorker_data()
    {
        QTest::addColumn<qint64>("slowNs"); // every batch's p99 from 30 s on; 0: no incident
        QTest::addColumn<int>("alerts");
        QTest::addRow("stalls only") << qint64(0) << 0;
        QTest::addRow("slow worker") << qint64(250'000'000) << 1;
        QTest::addRow("8x, under the 10 ms floor") << qint64(4'000'000) << 0;
    }
    void latencyRuleIgnoresStallsAndCatchesASlowWorker()
    {
        QFETCH(qint64, slowNs);
        QFETCH(int, alerts);
        LiveMonitor monitor;
        for (qint64 n = 0; n < 600; ++n) {
            EngineSnapshot s = tick(n, noisyWins(n));
            s.latency.count = n % 2 == 0 ? 1024 : 0; // a batch every other tick
            s.latency.p99 = n % 2 == 0 ? 450'000 + (n % 5) * 20'000 : 0;
            const bool stalled = n % 26 == 0 || n % 26 == 2 || n % 34 == 0; // 4..20 ms, up to two batches in a row
            if (s.latency.count > 0 && stalled)
                s.latency.p99 = 4'000'000 + (n % 9) * 2'000'000;
            if (slowNs > 0 && n >= 300 && n < 400 && s.latency.count > 0)
                s.latency.p99 = slowNs;
            monitor.addSnapshot(s);
        }
        qsizetype onLatency = 0;
        for (const LiveAlert& a : monitor.alerts()) {
            if (a.alert.metric != QLatin1String("p99_latency_ms"))
                continue;
            ++onLatency;
            // The median of 2 s turns high after 1 s, then the rule's 1 s minimum duration.
            QVERIFY2(a.alert.raisedMs >= 31'000 && a.alert.raisedMs <= 32'500, qPrintable(describeAlert(a)));
        }
        QCOMPARE(onLatency, alerts);
    }

    void restartAlertsAtOnce()
    {
        LiveMonitor monitor;
        for (qint64 n = 0; n < 200; ++n)
            monitor.addSnapshot(tick(n, noisyWins(n)));
        EngineSnapshot s = tick(200, noisyWins(200));
        s.workers[0].restarts = 1;
        monitor.addSnapshot(s);
        QCOMPARE(monitor.alerts().size(), 1);
        QCOMPARE(monitor.alerts().first().alert.metric, QStringLiteral("worker_restarts"));
        QCOMPARE(monitor.alerts().first().alert.raisedMs, 20'100);
        QCOMPARE(monitor.alerts().first().delayMs(), -1);
    }
};

BIDLAB_TEST_MAIN_CORE(TestAnomalyLiveMonitor)
#include "test_anomaly_live_monitor.moc"
