// SPDX-License-Identifier: MIT
// A live replay: an iPinYou validation log as the engine's traffic, bid on by real bidlab-worker processes
// running core/bidding's strategies, judged by the engine's exchange. Its totals must equal the offline
// replay's for the same strategy and budget.
#include "core/engine/engine.h"
#include "core/engine/replay_run_config.h"
#include "core/replay/replay_input.h"
#include "core/replay/replay_job.h"
#include "tests/common/test_support.h"
#include "tests/integration/engine/engine_test_support.h"

using namespace bidlab;

class LiveReplayTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void liveTotalsEqualTheOfflineReplay_data()
    {
        QTest::addColumn<QString>("strategy");
        QTest::addColumn<double>("b0");
        QTest::addColumn<double>("lambda");
        QTest::addColumn<double>("c0");
        // c0 = 1: no episode's budget binds.
        QTest::addRow("linear") << QStringLiteral("linear") << 45.0 << 0.0 << 1.0; // REPLAY.md §6's stored b0
        QTest::addRow("constant") << QStringLiteral("constant") << 60.0 << 0.0 << 1.0;
        // The workers draw the random bits the offline replay draws (the same seed and request ids).
        QTest::addRow("random") << QStringLiteral("random") << 80.0 << 0.0 << 1.0;
        QTest::addRow("ortb") << QStringLiteral("ortb") << 0.0 << 6.3e-4 << 1.0;
        // c0 = 1/32, REPLAY.md §8's setting: the budget binds in most episodes, and every bid is capped at
        // the exact budget left at its auction (EngineConfig::exactBudgets), live as offline.
        QTest::addRow("linear c0=1/32") << QStringLiteral("linear") << 45.0 << 0.0 << 1.0 / 32;
        QTest::addRow("constant c0=1/32") << QStringLiteral("constant") << 60.0 << 0.0 << 1.0 / 32;
        QTest::addRow("random c0=1/32") << QStringLiteral("random") << 80.0 << 0.0 << 1.0 / 32;
        QTest::addRow("ortb c0=1/32") << QStringLiteral("ortb") << 0.0 << 6.3e-4 << 1.0 / 32;
    }
    void liveTotalsEqualTheOfflineReplay()
    {
        QFETCH(QString, strategy);
        QFETCH(double, b0);
        QFETCH(double, lambda);
        QFETCH(double, c0);
        BIDLAB_SHARED_DATA_OR_SKIP(folder, "ipinyou/1458");
        replay::ReplayParams params;
        params.logPath = folder + QStringLiteral("/1458.validation.txt");
        params.infoPath = folder + QStringLiteral("/info.json");
        params.strategy.name = strategy;
        if (b0 > 0)
            params.strategy.b0 = b0;
        if (lambda > 0)
            params.strategy.lambda = lambda;
        params.c0 = c0;
        const auto offline = replay::runReplay(params);
        QVERIFY2(offline.ok(), qPrintable(offline.error()));
        const replay::ReplayCounts& want = offline->result.totals;
        QVERIFY(want.impressions > 0 && want.clicks > 0);
        if (c0 == 1.0 / 32 && strategy == QStringLiteral("linear")) { // REPLAY.md §8: 1458, Lin (b0 = 45)
            QCOMPARE(want.impressions, std::int64_t(9507));
            QCOMPARE(want.clicks, std::int64_t(22));
            QCOMPARE(want.cost, std::int64_t(157450));
        }

        auto config = engine::liveReplayConfig(*offline, 2);
        QVERIFY2(config.ok(), qPrintable(config.error()));
        config->workerExecutable = QStringLiteral(BIDLAB_WORKER);
        engine::Engine engine;
        const engine::RunSummary live = test::runToEnd(engine, *config, 300'000);
        QCOMPARE(live.endState, engine::EngineState::Finished);
        QVERIFY(live.accountingBalanced());
        QCOMPARE(live.workers.size(), 2);
        QCOMPARE(live.totals.timeouts + live.totals.shed, qint64(0));
        QCOMPARE(live.totals.generated, want.auctions);
        QCOMPARE(live.totals.budgetRejected, qint64(0));
        QCOMPARE(live.totals.bids, want.bids);
        QCOMPARE(live.totals.wins, want.impressions);
        QCOMPARE(live.totals.spend, want.cost * replay::kPriceUnitMicros / 1000);
        QCOMPARE(live.totals.clicks, want.clicks);
    }
    void theReplaysOwnStrategiesDoNotRunLive()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(folder, "ipinyou/1458");
        replay::ReplayParams params;
        params.logPath = folder + QStringLiteral("/1458.validation.txt");
        params.infoPath = folder + QStringLiteral("/info.json");
        params.strategy.name = QStringLiteral("mcpc");
        params.maxAuctions = 1000;
        const auto offline = replay::runReplay(params);
        QVERIFY2(offline.ok(), qPrintable(offline.error()));
        const auto config = engine::liveReplayConfig(*offline, 2);
        QVERIFY(!config.ok());
        QVERIFY2(config.error().contains(QStringLiteral("engine's strategies")), qPrintable(config.error()));
    }
};

BIDLAB_TEST_MAIN_CORE(LiveReplayTest)
#include "test_live_replay.moc"
