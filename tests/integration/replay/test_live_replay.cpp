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

namespace {

// Advertiser 1458's validation log, the replay the live runs are checked against.
replay::ReplayParams validationLog(const QString& folder)
{
    replay::ReplayParams params;
    params.logPath = folder + QStringLiteral("/1458.validation.txt");
    params.infoPath = folder + QStringLiteral("/info.json");
    return params;
}

} // namespace

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
        replay::ReplayParams params = validationLog(folder);
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
    void aStrategySwitchTakesEffectAtABatchBoundary()
    {
        // Linear live, paused part-way, switched to a constant bid of 0 (never a bid), resumed: the run's bids,
        // wins and clicks are exactly the offline linear replay's over the auctions before the switch.
        BIDLAB_SHARED_DATA_OR_SKIP(folder, "ipinyou/1458");
        replay::ReplayParams params = validationLog(folder);
        params.strategy.name = QStringLiteral("linear");
        params.strategy.b0 = 45.0;
        params.c0 = 1.0; // no budget binds, so a prefix of the log replays alone as it does within the whole
        const auto offline = replay::runReplay(params);
        QVERIFY2(offline.ok(), qPrintable(offline.error()));
        auto config = engine::liveReplayConfig(*offline, 2);
        QVERIFY2(config.ok(), qPrintable(config.error()));
        config->workerExecutable = QStringLiteral(BIDLAB_WORKER);
        config->unlimitedQps = false;
        config->targetQps = 50'000; // slow enough to pause part-way
        engine::Engine engine;
        QSignalSpy finished(&engine, &engine::Engine::finished);
        QVERIFY(engine.start(*config).ok());
        QVERIFY(test::waitForSnapshot(engine, [](const engine::EngineSnapshot& s) { return s.totals.wins > 100; }));
        engine.pause(); // applied between lock-step batches
        const auto paused = test::waitForSnapshot(
            engine, [](const engine::EngineSnapshot& s) { return s.state == engine::EngineState::Paused; });
        QVERIFY(paused);
        const auto settled = test::waitForSnapshot( // the tick after the pause: nothing judged since
            engine, [&](const engine::EngineSnapshot& s) { return s.totals.generated == paused->totals.generated; });
        QVERIFY(settled);
        const qint64 before = settled->totals.generated;
        QVERIFY2(before > 0 && before < offline->result.totals.auctions, qPrintable(QString::number(before)));
        bidding::StrategyParams none = config->strategy;
        none.kind = bidding::StrategyKind::Constant;
        none.baseBidCpm = 0;
        engine.setStrategy(none);
        QVERIFY(test::waitForEvent(engine, engine::EventKind::StrategyChanged));
        engine.resume();
        QVERIFY(finished.wait(300'000));
        const auto live = finished.first().first().value<engine::RunSummary>();
        QCOMPARE(live.endState, engine::EngineState::Finished);
        QVERIFY(live.accountingBalanced());
        QCOMPARE(live.totals.generated, offline->result.totals.auctions);

        params.maxAuctions = before;
        const auto prefix = replay::runReplay(params);
        QVERIFY2(prefix.ok(), qPrintable(prefix.error()));
        QCOMPARE(prefix->result.totals.auctions, before);
        QCOMPARE(live.totals.bids, prefix->result.totals.bids);
        QCOMPARE(live.totals.wins, prefix->result.totals.impressions);
        QCOMPARE(live.totals.clicks, prefix->result.totals.clicks);
        QCOMPARE(live.totals.spend, prefix->result.totals.cost * replay::kPriceUnitMicros / 1000);
        QVERIFY(live.totals.wins < offline->result.totals.impressions);
    }
    void theReplaysOwnStrategiesDoNotRunLive()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(folder, "ipinyou/1458");
        replay::ReplayParams params = validationLog(folder);
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
