// SPDX-License-Identifier: MIT
// A worker process bidding with a deployed model: a model trained by `bidlab-cli train` is given to the real
// engine and its real bidlab-worker processes, which report its fingerprint and bid differently with it.
#include "core/bidding/ctr_model.h"
#include "core/engine/model_fingerprint.h"
#include "tests/common/test_support.h"
#include "tests/integration/engine/engine_test_support.h"

#include <algorithm>

#include <QSet>
#include <QTemporaryDir>

using namespace bidlab;
using namespace bidlab::engine;

namespace {

// The same small deterministic run each time (same seed, same request count): only the model differs.
EngineConfig deterministicRun(const QString& modelPath)
{
    EngineConfig c = test::smallConfig(2);
    c.deterministic = true;
    c.unlimitedQps = true;
    c.maxRequests = 60'000;
    c.seed = 20261125;
    c.modelPath = modelPath;
    return c;
}

// The fingerprints the running workers report, from every snapshot of a run.
struct FingerprintLog
{
    QSet<quint64> seen;
    int runningRows = 0;
    void connectTo(Engine& engine)
    {
        QObject::connect(&engine, &Engine::snapshot, &engine, [this](const EngineSnapshot& s) {
            for (const WorkerRow& w : s.workers) {
                if (w.state == WorkerState::Running) {
                    seen.insert(w.modelFingerprint);
                    ++runningRows;
                }
            }
        });
    }
};

} // namespace

class DeployModelTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString data = m_dir.filePath(QStringLiteral("ctr.csv"));
        m_model = m_dir.filePath(QStringLiteral("model.json"));
        const auto gen
            = test::runProgram(QStringLiteral(BIDLAB_CLI),
                               { QStringLiteral("gen-train"), QStringLiteral("--rows"), QStringLiteral("30000"),
                                 QStringLiteral("--seed"), QStringLiteral("11"), QStringLiteral("-o"), data });
        QCOMPARE(gen.exitCode, 0);
        const auto train
            = test::runProgram(QStringLiteral(BIDLAB_CLI),
                               { QStringLiteral("train"), data, QStringLiteral("--quiet"),
                                 QStringLiteral("--hash-bits"), QStringLiteral("10"), QStringLiteral("-o"), m_model });
        QVERIFY2(train.exitCode == 0, qPrintable(train.err));
        const Expected<bidding::CtrModel> trained = bidding::CtrModel::load(m_model);
        QVERIFY2(trained, qPrintable(trained.error()));
        m_trained = modelFingerprint(trained.value());
        m_builtIn = modelFingerprint(bidding::CtrModel::builtInDefault());
        QVERIFY(m_trained != m_builtIn);
    }

    // `simulate --model FILE`'s path: the run starts with the trained model. Same seed, deterministic mode:
    // the workers report the trained model's fingerprint and the bids differ from the built-in model's.
    void workersBidWithTheTrainedModel()
    {
        Engine builtInEngine;
        FingerprintLog builtInLog;
        builtInLog.connectTo(builtInEngine);
        const RunSummary builtIn = test::runToEnd(builtInEngine, deterministicRun(QString()));
        QCOMPARE(builtIn.endState, EngineState::Finished);
        QVERIFY(builtIn.accountingBalanced());

        Engine trainedEngine;
        FingerprintLog trainedLog;
        trainedLog.connectTo(trainedEngine);
        const RunSummary trained = test::runToEnd(trainedEngine, deterministicRun(m_model));
        QCOMPARE(trained.endState, EngineState::Finished);
        QVERIFY(trained.accountingBalanced());
        QCOMPARE(trained.totals.generated, builtIn.totals.generated);

        QVERIFY(builtInLog.runningRows > 0 && trainedLog.runningRows > 0);
        QCOMPARE(builtInLog.seen, QSet<quint64> { m_builtIn });
        QCOMPARE(trainedLog.seen, QSet<quint64> { m_trained });
        QVERIFY2(trained.totals.bids != builtIn.totals.bids || trained.totals.spend != builtIn.totals.spend,
                 qPrintable(QStringLiteral("bids %1 / %2, spend %3 / %4")
                                .arg(trained.totals.bids)
                                .arg(builtIn.totals.bids)
                                .arg(trained.totals.spend)
                                .arg(builtIn.totals.spend)));
        QVERIFY(trained.totals.bids > 0);
    }

    // "Deploy to bidders" on a live run (Engine::deployModel): every running worker switches to the trained model.
    void deployToARunningEngine()
    {
        Engine engine;
        EngineConfig c = test::smallConfig(2); // real time, as the live dashboard runs it
        c.targetQps = 2'000;
        QVERIFY(engine.start(c).ok());
        const auto started = test::waitForSnapshot(engine, [&](const EngineSnapshot& s) {
            return s.workers.size() == 2 && std::all_of(s.workers.begin(), s.workers.end(), [&](const WorkerRow& w) {
                       return w.state == WorkerState::Running && w.modelFingerprint == m_builtIn;
                   });
        });
        QVERIFY(started);

        engine.deployModel(m_model);
        const auto deployed = test::waitForEvent(engine, EventKind::ModelDeployed);
        QVERIFY(deployed);
        QVERIFY(deployed->text.contains(m_model));
        QCOMPARE(engine.config().modelPath, m_model);
        const auto after = test::waitForSnapshot(engine, [&](const EngineSnapshot& s) {
            return std::all_of(s.workers.begin(), s.workers.end(),
                               [&](const WorkerRow& w) { return w.modelFingerprint == m_trained; });
        });
        QVERIFY(after);

        QSignalSpy finished(&engine, &Engine::finished);
        engine.stop();
        QVERIFY(finished.wait(60'000));
    }

private:
    QTemporaryDir m_dir;
    QString m_model;
    quint64 m_trained = 0;
    quint64 m_builtIn = 0;
};

BIDLAB_TEST_MAIN_CORE(DeployModelTest)
#include "test_deploy_model.moc"
