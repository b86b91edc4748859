// SPDX-License-Identifier: MIT
// Changes while running: worker count, QPS, strategy, model, pause/resume; and bad configs refused.
#include "core/bidding/ctr_model.h"
#include "tests/common/test_support.h"
#include "tests/integration/engine/engine_test_support.h"

#include <QFile>
#include <QTemporaryDir>

using namespace bidlab;
using namespace bidlab::engine;

namespace {

int running(const EngineSnapshot& s)
{
    int n = 0;
    for (const WorkerRow& w : s.workers)
        n += w.state == WorkerState::Running;
    return n;
}

// Requests per second over one closed second of the run.
bool secondRate(const EngineSnapshot& s, double low, double high)
{
    return s.second && s.second->counters.generated / s.second->length >= low
        && s.second->counters.generated / s.second->length <= high;
}

} // namespace

class EngineLiveChangesTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void workerCount()
    {
        EngineConfig c = test::smallConfig(1);
        c.targetQps = 2'000;
        Engine engine;
        test::Ledger ledger;
        engine.setOutcomeRecorder(ledger.recorder());
        QSignalSpy finished(&engine, &Engine::finished);
        QVERIFY(engine.start(c).ok());
        QVERIFY(test::waitForSnapshot(engine, [](const EngineSnapshot& s) { return running(s) == 1; }));
        engine.setWorkerCount(3);
        QVERIFY(test::waitForSnapshot(engine, [](const EngineSnapshot& s) {
            return running(s) == 3 && s.workers.size() == 3 && s.workers[2].requestsPerSecond > 0;
        }));
        QCOMPARE(engine.config().workers, 3);
        QSignalSpy events(&engine, &Engine::event);
        engine.setWorkerCount(1);
        QVERIFY(test::waitForSnapshot(engine, [](const EngineSnapshot& s) { return s.workers.size() == 1; }));
        int retired = 0;
        for (const QList<QVariant>& e : events)
            retired += e.first().value<EngineEvent>().kind == EventKind::WorkerRetired;
        QCOMPARE(retired, 2);
        engine.stop();
        QVERIFY(finished.wait(60'000));
        const RunSummary s = finished.first().first().value<RunSummary>();
        QVERIFY(s.accountingBalanced());
        QCOMPARE(ledger.check(s.totals.generated), QString());
        QCOMPARE(s.workerRestarts, 0); // retiring is not crashing
    }
    void qpsAndPause()
    {
        EngineConfig c = test::smallConfig(2);
        c.targetQps = 1'000;
        Engine engine;
        QSignalSpy finished(&engine, &Engine::finished);
        QVERIFY(engine.start(c).ok());
        QVERIFY(test::waitForSnapshot(engine, [](const EngineSnapshot& s) { return secondRate(s, 500, 1'500); }));
        engine.setTargetQps(8'000);
        QVERIFY(test::waitForSnapshot(
            engine, [](const EngineSnapshot& s) { return s.targetQps == 8'000 && secondRate(s, 4'000, 12'000); }));
        engine.pause();
        QVERIFY(test::waitForSnapshot(engine, [](const EngineSnapshot& s) {
            return s.state == EngineState::Paused && s.tickCounters.generated == 0;
        }));
        engine.resume();
        QVERIFY(test::waitForSnapshot(engine, [](const EngineSnapshot& s) {
            return s.state == EngineState::Running && s.tickCounters.generated > 0;
        }));
        engine.setUnlimitedQps(true);
        QVERIFY(test::waitForSnapshot(
            engine, [](const EngineSnapshot& s) { return s.targetQps == 0 && secondRate(s, 20'000, 1e9); }));
        engine.stop();
        QVERIFY(finished.wait(60'000));
        QVERIFY(finished.first().first().value<RunSummary>().accountingBalanced());
    }
    void strategyAndModel()
    {
        QTemporaryDir dir;
        // A model that predicts (almost) no clicks: linear bids fall under every floor.
        bidding::CtrModel pessimist = bidding::CtrModel::builtInDefault();
        QJsonObject json = pessimist.toJson();
        QJsonObject logistic = json.value(QStringLiteral("logistic")).toObject();
        logistic.insert(QStringLiteral("bias"), -40.0);
        json.insert(QStringLiteral("logistic"), logistic);
        const QString pessimistPath = dir.filePath(QStringLiteral("pessimist.json"));
        QVERIFY(bidding::CtrModel::fromJson(json)->save(pessimistPath).ok());
        const QString brokenPath = dir.filePath(QStringLiteral("broken.json"));
        QFile broken(brokenPath);
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{\"format\": \"bidlab-ctr-model\", \"version\": 1, \"kind\": ");
        broken.close();

        EngineConfig c = test::smallConfig(2);
        c.targetQps = 5'000;
        Engine engine;
        QSignalSpy finished(&engine, &Engine::finished);
        QVERIFY(engine.start(c).ok());
        QVERIFY(test::waitForSnapshot(engine, [](const EngineSnapshot& s) { return s.tickCounters.bids > 0; }));

        // A constant bid under every floor: no more bids.
        bidding::StrategyParams low;
        low.kind = bidding::StrategyKind::Constant;
        low.baseBidCpm = 1;
        engine.setStrategy(low);
        QVERIFY(test::waitForEvent(engine, EventKind::StrategyChanged));
        QVERIFY(test::waitForSnapshot(
            engine, [](const EngineSnapshot& s) { return s.tickCounters.noBids > 100 && s.tickCounters.bids == 0; }));
        engine.setStrategy(c.strategy); // back to linear
        QVERIFY(test::waitForSnapshot(engine, [](const EngineSnapshot& s) { return s.tickCounters.bids > 100; }));

        // A model file the workers cannot parse: rejected with the reason, and bidding goes on.
        QSignalSpy events(&engine, &Engine::event);
        engine.deployModel(brokenPath);
        const auto rejected = test::waitForEvent(engine, EventKind::ModelRejected);
        QVERIFY(rejected);
        // Each worker said why on its stderr, and those lines reached the event stream.
        const auto stderrLines = [&events] {
            return std::count_if(events.begin(), events.end(), [](const QList<QVariant>& e) {
                const auto event = e.first().value<EngineEvent>();
                return event.kind == EventKind::WorkerStderr
                    && event.text.contains(QStringLiteral("rejected the model"));
            });
        };
        QTRY_COMPARE_WITH_TIMEOUT(stderrLines(), 2, 10'000);
        QVERIFY2(rejected->text.contains(QStringLiteral("not valid JSON")), qPrintable(rejected->text));
        QVERIFY(test::waitForSnapshot(engine, [](const EngineSnapshot& s) { return s.tickCounters.bids > 100; }));
        QVERIFY(engine.config().modelPath.isEmpty());

        // A valid model: deployed, and it changes the bids.
        engine.deployModel(pessimistPath);
        const auto deployed = test::waitForEvent(engine, EventKind::ModelDeployed);
        QVERIFY(deployed);
        QCOMPARE(deployed->count, 2);
        QVERIFY(test::waitForSnapshot(
            engine, [](const EngineSnapshot& s) { return s.tickCounters.noBids > 100 && s.tickCounters.bids == 0; }));
        QCOMPARE(engine.config().modelPath, pessimistPath);
        engine.stop();
        QVERIFY(finished.wait(60'000));
        QVERIFY(finished.first().first().value<RunSummary>().accountingBalanced());
    }
    void incidentsChangeTheTraffic()
    {
        EngineConfig c = test::smallConfig(2);
        c.targetQps = 2'000;
        Engine engine;
        QSignalSpy finished(&engine, &Engine::finished);
        QVERIFY(engine.start(c).ok());
        const auto before = test::waitForSnapshot(
            engine, [](const EngineSnapshot& s) { return s.second && s.second->counters.bids > 500; });
        QVERIFY(before);
        const double winRate = static_cast<double>(before->second->counters.wins) / before->second->counters.bids;

        engine.injectIncident(IncidentKind::TrafficSpike);
        QVERIFY(test::waitForEvent(engine, EventKind::Incident));
        QVERIFY(test::waitForSnapshot(engine, [](const EngineSnapshot& s) { return secondRate(s, 6'000, 20'000); }));

        engine.injectIncident(IncidentKind::BotAttack);
        QVERIFY(test::waitForSnapshot(engine, [](const EngineSnapshot& s) {
            const Counters& t = s.tickCounters;
            return t.eventsProcessed > 200 && t.botEvents > 0.3 * static_cast<double>(t.eventsProcessed);
        }));

        engine.injectIncident(IncidentKind::MarketPriceJump);
        QVERIFY(test::waitForSnapshot(engine, [winRate](const EngineSnapshot& s) {
            return s.second && s.second->counters.bids > 1'000
                && static_cast<double>(s.second->counters.wins) / s.second->counters.bids < 0.8 * winRate;
        }));
        engine.stop();
        QVERIFY(finished.wait(60'000));
        QVERIFY(finished.first().first().value<RunSummary>().accountingBalanced());
    }
    void spikeInDeterministicMode()
    {
        // The lock-step batches follow the spike's factor: 5x the requests per second of wall clock.
        EngineConfig c = test::smallConfig(2);
        c.deterministic = true;
        c.targetQps = 2'000;
        c.durationSeconds = 60; // of the virtual clock: 120,000 requests
        Engine engine;
        QSignalSpy finished(&engine, &Engine::finished);
        QVERIFY(engine.start(c).ok());
        QVERIFY(test::waitForSnapshot(engine, [](const EngineSnapshot& s) { return secondRate(s, 1'000, 3'000); }));
        engine.injectIncident(IncidentKind::TrafficSpike);
        QVERIFY(test::waitForEvent(engine, EventKind::Incident));
        QVERIFY(test::waitForSnapshot(engine, [](const EngineSnapshot& s) { return secondRate(s, 6'000, 20'000); }));
        engine.stop();
        QVERIFY(finished.wait(60'000));
        QVERIFY(finished.first().first().value<RunSummary>().accountingBalanced());
    }
    void badConfigsAreRefused()
    {
        Engine engine;
        QSignalSpy events(&engine, &Engine::event);
        EngineConfig c = test::smallConfig(0);
        c.targetQps = -5;
        c.modelPath = QStringLiteral("/nonexistent/model.json");
        const Status started = engine.start(c);
        QVERIFY(!started.ok());
        QVERIFY(started.error().contains(QStringLiteral("'workers' must be between 1 and 16 (got 0)")));
        QVERIFY(started.error().contains(QStringLiteral("'targetQps'")));
        QVERIFY(started.error().contains(QStringLiteral("'model'")));
        QVERIFY(started.error().contains(QStringLiteral("/nonexistent/model.json")));
        QTRY_COMPARE(events.size(), 3);
        QCOMPARE(events.first().first().value<EngineEvent>().kind, EventKind::ConfigRejected);
        QCOMPARE(engine.state(), EngineState::Idle);
        // And the engine still starts a good run afterwards.
        c = test::smallConfig(1);
        c.maxRequests = 1'000;
        QVERIFY(test::runToEnd(engine, c).accountingBalanced());
    }
};

BIDLAB_TEST_MAIN_CORE(EngineLiveChangesTest)
#include "test_engine_live_changes.moc"
