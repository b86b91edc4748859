// SPDX-License-Identifier: MIT
// info.json: the training statistics, their checks, and the budget per episode.
#include "core/replay/campaign_info.h"
#include "core/replay/episode_rules.h"
#include "core/replay/market_price.h"
#include "tests/common/test_support.h"

using namespace bidlab;
using namespace bidlab::replay;

namespace {

Expected<CampaignInfo> parse(const char* json)
{
    return parseCampaignInfo(QByteArray(json), QStringLiteral("7"), QStringLiteral("7/info.json"));
}

} // namespace

class CampaignInfoTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void derivedValues()
    {
        const auto info = parse(R"({"imp_train":10,"clk_train":2,"cost_train":450,"price_counter_train":[1,2,3,4],
                                    "imp_test":5,"clk_test":1,"cost_test":100,"field":16,"dim":5})");
        QVERIFY2(info.ok(), qPrintable(info.error()));
        QCOMPARE(info->campaign, QStringLiteral("7"));
        QCOMPARE(info->maxPrice(), 3);
        QCOMPARE(info->costPerAuction(), 45.0);
        QCOMPARE(info->averageCtr(), 0.2);
        QCOMPARE(*info->costPerClick(), 225.0);
        QCOMPARE(info->impressionsTest, std::int64_t(5));
        // B = int(45 * c0 * N): 45 * 0.5 * 3 = 67.5 -> 67.
        QCOMPARE(episodeBudget(*info, 0.5, 3), std::int64_t(67));
        // m(δ) = (count + 1) / (10 + 4)
        const MarketPrice market = MarketPrice::fromCounts(info->priceCounts);
        QCOMPARE(market.probability(0), 2.0 / 14.0);
        QCOMPARE(market.probability(3), 5.0 / 14.0);
    }
    void noClicksHasNoCostPerClick()
    {
        const auto info = parse(R"({"imp_train":2,"clk_train":0,"cost_train":4,"price_counter_train":[0,2]})");
        QVERIFY2(info.ok(), qPrintable(info.error()));
        QVERIFY(!info->costPerClick().has_value());
        QCOMPARE(info->averageCtr(), 0.0);
    }
    void rejectsWithReason_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        const auto row = [](const char* name, const char* json, const char* message) {
            QTest::addRow("%s", name) << QByteArray(json) << QString::fromUtf8(message);
        };
        row("missing key", R"({"clk_train":0,"cost_train":4,"price_counter_train":[0,2]})",
            "7/info.json is missing the key \"imp_train\".");
        row("negative", R"({"imp_train":2,"clk_train":-1,"cost_train":4,"price_counter_train":[0,2]})",
            "7/info.json: \"clk_train\" must be a whole number, not negative.");
        row("text count", R"({"imp_train":2,"clk_train":0,"cost_train":4,"price_counter_train":[0,"2"]})",
            "7/info.json: price_counter_train[1] must be a whole number, not negative.");
        row("counts do not add up", R"({"imp_train":3,"clk_train":0,"cost_train":4,"price_counter_train":[0,2]})",
            "7/info.json: \"price_counter_train\" adds up to 2 impressions, but \"imp_train\" is 3.");
        row("no impressions", R"({"imp_train":0,"clk_train":0,"cost_train":0,"price_counter_train":[0]})",
            "7/info.json: \"imp_train\" must be at least 1.");
        row("more clicks than impressions", R"({"imp_train":1,"clk_train":2,"cost_train":0,"price_counter_train":[1]})",
            "7/info.json: \"clk_train\" (2) exceeds \"imp_train\" (1).");
        row("no counts", R"({"imp_train":1,"clk_train":0,"cost_train":0,"price_counter_train":[]})",
            "7/info.json: \"price_counter_train\" must hold 1 to 1000001 counts, not 0.");
        row("not an object", "[1,2]", "7/info.json must hold a JSON object.");
    }
    void rejectsWithReason()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const auto info = parseCampaignInfo(json, QStringLiteral("7"), QStringLiteral("7/info.json"));
        QVERIFY(!info.ok());
        QCOMPARE(info.error(), message);
    }
    void malformedJsonNamesTheByte()
    {
        const auto info = parse("{\"imp_train\": 1,,}");
        QVERIFY(!info.ok());
        QVERIFY2(info.error().startsWith(QStringLiteral("7/info.json is not valid JSON: ")), qPrintable(info.error()));
        QVERIFY2(info.error().contains(QStringLiteral("at byte")), qPrintable(info.error()));
    }
    void sharedCampaigns_data()
    {
        QTest::addColumn<QString>("campaign");
        QTest::addColumn<qint64>("budget");
        // README's table: B for N = 1000, c0 = 1/32.
        const std::pair<const char*, qint64> rows[]
            = { { "1458", 2152 }, { "2259", 2908 }, { "2261", 2800 }, { "2821", 2790 }, { "2997", 1969 },
                { "3358", 2887 }, { "3386", 2403 }, { "3427", 2532 }, { "3476", 2475 } };
        for (const auto& [campaign, budget] : rows)
            QTest::addRow("%s", campaign) << QString::fromLatin1(campaign) << budget;
    }
    void sharedCampaigns()
    {
        QFETCH(QString, campaign);
        QFETCH(qint64, budget);
        BIDLAB_SHARED_DATA_OR_SKIP(folder, "ipinyou");
        const auto info = readCampaignInfo(folder + QStringLiteral("/%1/info.json").arg(campaign));
        QVERIFY2(info.ok(), qPrintable(info.error()));
        QCOMPARE(info->campaign, campaign);
        QCOMPARE(info->maxPrice(), 300);
        QCOMPARE(episodeBudget(*info, 1.0 / 32, 1000), std::int64_t(budget));
    }
};

BIDLAB_TEST_MAIN_CORE(CampaignInfoTest)
#include "test_campaign_info.moc"
