// SPDX-License-Identifier: MIT
#include "core/bidding/ctr_model.h"
#include "core/engine/engine_config.h"
#include "tests/common/test_support.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>

using namespace bidlab;
using namespace bidlab::engine;

namespace {

bool mentions(const QStringList& errors, const QString& field)
{
    for (const QString& e : errors) {
        if (e.contains(QLatin1Char('\'') + field))
            return true;
    }
    return false;
}

} // namespace

class EngineConfigTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultsAreValid()
    {
        QVERIFY2(EngineConfig().validate().isEmpty(), qPrintable(EngineConfig().validate().join(u'\n')));
    }
    void badValuesNameTheirField()
    {
        EngineConfig c;
        c.workers = 0;
        c.targetQps = -5;
        c.tmaxMs = 0;
        c.world.botShare = 1.5;
        c.world.users = 0;
        c.strategy.kind = bidding::StrategyKind::Constant;
        c.strategy.baseBidCpm = 0;
        const QStringList errors = c.validate();
        QVERIFY(mentions(errors, QStringLiteral("workers")));
        QVERIFY(mentions(errors, QStringLiteral("targetQps")));
        QVERIFY(mentions(errors, QStringLiteral("tmaxMs")));
        QVERIFY(mentions(errors, QStringLiteral("world.botShare")));
        QVERIFY(mentions(errors, QStringLiteral("world.users")));
        QVERIFY(mentions(errors, QStringLiteral("strategy.baseBidCpm")));
        QVERIFY(errors.first().contains(QStringLiteral("got 0")));
        c = EngineConfig();
        c.workers = 17;
        QCOMPARE(c.validate().size(), 1);
        c = EngineConfig();
        c.unlimitedQps = true;
        c.targetQps = -1; // ignored when unlimited
        QVERIFY(c.validate().isEmpty());
        c.arms = { ArmConfig { QStringLiteral("only"), 1.0, {} } };
        QVERIFY(mentions(c.validate(), QStringLiteral("arms")));
    }
    void unreadableOrIncompatibleModelFile()
    {
        QTemporaryDir dir;
        EngineConfig c;
        c.modelPath = dir.filePath(QStringLiteral("missing.json"));
        QStringList errors = c.validate();
        QCOMPARE(errors.size(), 1);
        QVERIFY(errors.first().startsWith(QStringLiteral("'model'")));
        QVERIFY(errors.first().contains(QStringLiteral("missing.json")));

        QFile garbage(dir.filePath(QStringLiteral("garbage.json")));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write("{\"format\": \"bidlab-ctr-model\", \"version\": 1, \"kind\": \"logistic\", \"featu");
        garbage.close();
        c.modelPath = garbage.fileName();
        errors = c.validate();
        QCOMPARE(errors.size(), 1);
        QVERIFY(errors.first().contains(QStringLiteral("not valid JSON")));

        // A valid model that needs a feature the engine's requests do not have.
        bidding::FeatureSpec spec;
        spec.dense = { { QStringLiteral("income"), false, 0.0, 1.0 } };
        const auto model = bidding::CtrModel::logistic(spec, { -3.0, { 0.5 }, {} });
        c.modelPath = dir.filePath(QStringLiteral("income.json"));
        QVERIFY(model.save(c.modelPath).ok());
        errors = c.validate();
        QCOMPARE(errors.size(), 1);
        QVERIFY(errors.first().contains(QStringLiteral("income")));

        c.modelPath = dir.filePath(QStringLiteral("default.json"));
        QVERIFY(bidding::CtrModel::builtInDefault().save(c.modelPath).ok());
        QVERIFY(c.validate().isEmpty());
    }
    void scenarioRoundTrip()
    {
        EngineConfig c;
        c.name = QStringLiteral("round trip");
        c.workers = 3;
        c.unlimitedQps = true;
        c.auction = AuctionType::FirstPrice;
        c.seed = 18'446'744'073'709'551'557ULL; // beyond a double's precision: written as a string
        c.deterministic = true;
        c.exactBudgets = true;
        c.maxRequests = 12345;
        c.strategy.kind = bidding::StrategyKind::Ortb;
        c.strategy.ortbCCpm = 1'234'567;
        c.strategy.shading = true;
        c.strategy.bidStepCpm = 10'000; // a replay's price unit (one fen per CPM)
        c.arms = { { QStringLiteral("A"), 1.0, c.strategy }, { QStringLiteral("B"), 2.5, {} } };
        c.world.campaignCount = 7;
        c.world.evenPacing = true;
        c.world.simStartMs = 1'720'000'000'123;
        CampaignConfig campaign;
        campaign.name = QStringLiteral("Handmade, with a comma");
        campaign.dailyBudget = 123'456'789;
        campaign.maxBidCpm = 3'500'001;
        campaign.valuePerConversion = 25'000'000;
        campaign.hourMask = 0xFF00FF;
        campaign.interestMask = 0x0005;
        campaign.frequencyCap = 3;
        c.world.campaigns = { campaign };
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("scenario.json"));
        QVERIFY(c.save(path).ok());
        const Expected<EngineConfig> back = EngineConfig::load(path);
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QVERIFY(*back == c);
        QCOMPARE(back->strategy.bidStepCpm, Micros(10'000));
        QCOMPARE(back->arms[1].strategy.bidStepCpm, Micros(0)); // the default: prices in micros
    }
    void scenarioErrorsNameTheField()
    {
        const auto parse = [](const char* text) {
            return EngineConfig::fromJson(QJsonDocument::fromJson(QByteArray(text)).object());
        };
        Expected<EngineConfig> c = parse(R"({"workers": "two"})");
        QVERIFY(!c.ok());
        QVERIFY(c.error().contains(QStringLiteral("'workers' must be a whole number")));
        c = parse(R"({"strategy": {"name": "magic"}})");
        QVERIFY(
            c.error().contains(QStringLiteral("'strategy.name' must be one of seed, constant, random, linear, ortb")));
        c = parse(R"({"targetQps": "fast"})");
        QVERIFY(c.error().contains(QStringLiteral("'targetQps'")));
        c = parse(R"({"world": {"campaigns": [{"maxBidCpm": "lots"}]}})");
        QVERIFY(c.error().contains(QStringLiteral("'world.campaigns[0].maxBidCpm' must be an amount of money")));
        c = parse(R"({"world": {"events": {"duplicateWindowSeconds": 1.5}}})");
        QVERIFY(c.error().contains(QStringLiteral("'world.events.duplicateWindowSeconds'")));
        c = parse(R"({"strategy": {"bidStepCpm": "a fen"}})");
        QVERIFY(c.error().contains(QStringLiteral("'strategy.bidStepCpm' must be an amount of money")));
        c = parse(R"({"strategy": {"bidStepCpm": -0.01}})");
        QVERIFY(c.ok()); // parses; validate() rejects it
        QVERIFY(c->validate().join(QLatin1Char(' ')).contains(QStringLiteral("'strategy.bidStepCpm' must be 0")));
        c = parse(R"({"auction": "third"})");
        QVERIFY(c.error().contains(QStringLiteral("'auction'")));
        c = parse(R"({"format": "something-else"})");
        QVERIFY(c.error().contains(QStringLiteral("not a BidLab scenario")));
        c = parse(R"({"targetQps": "unlimited", "strategy": {"name": "constant", "baseBidCpm": "2.5"}})");
        QVERIFY(c.ok());
        QVERIFY(c->unlimitedQps);
        QCOMPARE(c->strategy.baseBidCpm, Micros(2'500'000));
    }
    void brokenFiles()
    {
        QTemporaryDir dir;
        Expected<EngineConfig> c = EngineConfig::load(dir.filePath(QStringLiteral("nope.json")));
        QVERIFY(!c.ok());
        QVERIFY(c.error().contains(QStringLiteral("nope.json")));
        QFile truncated(dir.filePath(QStringLiteral("truncated.json")));
        QVERIFY(truncated.open(QIODevice::WriteOnly));
        truncated.write("{\"workers\": 2, \"world\": {");
        truncated.close();
        c = EngineConfig::load(truncated.fileName());
        QVERIFY(!c.ok());
        QVERIFY(c.error().contains(QStringLiteral("not valid JSON")));
        QVERIFY(c.error().contains(QStringLiteral("truncated.json")));
    }
    void requestLimit()
    {
        EngineConfig c;
        QCOMPARE(c.requestLimit(), 0);
        c.maxRequests = 500;
        QCOMPARE(c.requestLimit(), 500);
        c.deterministic = true;
        c.targetQps = 1000;
        c.durationSeconds = 0.25; // 250 requests of virtual time
        QCOMPARE(c.requestLimit(), 250);
        c.durationSeconds = 2.0;
        QCOMPARE(c.requestLimit(), 500);
    }
};

BIDLAB_TEST_MAIN_CORE(EngineConfigTest)
#include "test_engine_config.moc"
