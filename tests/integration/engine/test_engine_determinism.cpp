// SPDX-License-Identifier: MIT
// Deterministic mode: the same seed gives the same totals whatever the number of worker processes.
#include "tests/common/test_support.h"
#include "tests/integration/engine/engine_test_support.h"

#include <QJsonArray>

using namespace bidlab;
using namespace bidlab::engine;

namespace {

// Everything a run decides, without what depends on the wall clock (latency, re-dispatches).
QJsonObject outcome(const RunSummary& s)
{
    QJsonObject totals = s.totals.toJson();
    totals.remove(QStringLiteral("redispatched"));
    QJsonArray campaigns, arms;
    for (const CampaignRow& c : s.campaigns)
        campaigns.append(QJsonArray { c.id, qint64(c.spend), qint64(c.revenue), c.bids, c.wins, c.clicks, c.conversions,
                                      c.shading });
    for (const ArmRow& a : s.arms)
        arms.append(a.toJson());
    return { { QStringLiteral("totals"), totals },
             { QStringLiteral("campaigns"), campaigns },
             { QStringLiteral("arms"), arms },
             { QStringLiteral("simEndMs"), s.simEndMs } };
}

} // namespace

class EngineDeterminismTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameSeedSameTotals_data()
    {
        QTest::addColumn<bool>("firstPrice");
        QTest::addColumn<bool>("pacing");
        QTest::addColumn<bool>("arms");
        QTest::addRow("second price") << false << false << false;
        QTest::addRow("first price, shading, even pacing, two arms") << true << true << true;
    }
    void sameSeedSameTotals()
    {
        QFETCH(bool, firstPrice);
        QFETCH(bool, pacing);
        QFETCH(bool, arms);
        QJsonObject reference;
        for (const int workers : { 1, 2, 8 }) {
            EngineConfig c = test::smallConfig(workers);
            c.deterministic = true;
            c.unlimitedQps = true;
            c.maxRequests = 150'000;
            c.seed = 20240101;
            c.world.budgetScale = 0.01; // budgets run out within the run: their order matters
            c.world.evenPacing = pacing;
            c.world.requestsPerSimSecond = 50; // 50 minutes of world time: hours, frequency windows, clicks
            c.auction = firstPrice ? AuctionType::FirstPrice : AuctionType::SecondPrice;
            c.strategy.shading = firstPrice;
            if (arms) {
                bidding::StrategyParams constant;
                constant.kind = bidding::StrategyKind::Constant;
                constant.baseBidCpm = 1'500'000;
                constant.shading = true;
                c.arms
                    = { { QStringLiteral("linear"), 1.0, c.strategy }, { QStringLiteral("constant"), 1.0, constant } };
            }
            Engine engine;
            test::Ledger ledger;
            engine.setOutcomeRecorder(ledger.recorder());
            const RunSummary s = test::runToEnd(engine, c);
            QCOMPARE(s.endState, EngineState::Finished);
            QCOMPARE(s.totals.generated, 150'000);
            QVERIFY(s.accountingBalanced());
            QCOMPARE(ledger.check(s.totals.generated), QString());
            QVERIFY(s.totals.budgetRejected > 0 || pacing); // the budgets did bind
            QVERIFY(s.totals.clicks > 0 && (pacing || s.totals.conversions > 0));
            const QJsonObject result = outcome(s);
            if (reference.isEmpty())
                reference = result;
            else
                QCOMPARE(result, reference);
        }
    }
    void otherSeedsDiffer()
    {
        EngineConfig c = test::smallConfig(2);
        c.deterministic = true;
        c.unlimitedQps = true;
        c.maxRequests = 20'000;
        Engine engine;
        const RunSummary a = test::runToEnd(engine, c);
        c.seed = 2;
        const RunSummary b = test::runToEnd(engine, c);
        QCOMPARE(a.totals.generated, b.totals.generated);
        QVERIFY(a.totals.spend != b.totals.spend);
    }
    void virtualSecondsAtTheTargetQps()
    {
        EngineConfig c = test::smallConfig(2);
        c.deterministic = true;
        c.targetQps = 20'000;
        c.durationSeconds = 0.5; // of the virtual clock: exactly 10,000 requests
        Engine engine;
        const RunSummary s = test::runToEnd(engine, c);
        QCOMPARE(s.totals.generated, 10'000);
        QVERIFY(s.accountingBalanced());
    }
};

BIDLAB_TEST_MAIN_CORE(EngineDeterminismTest)
#include "test_engine_determinism.moc"
