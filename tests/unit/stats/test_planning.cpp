// SPDX-License-Identifier: MIT
// Power, sample size, minimum detectable effect (statsmodels NormalIndPower) and the sample-ratio check
// (scipy.stats.chisquare).
#include "core/stats/power.h"
#include "core/stats/sample_ratio.h"
#include "stats_fixtures.h"
#include "tests/common/test_support.h"

using namespace bidlab;
using namespace bidlab::stats;

class PlanningTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesStatsmodels_data()
    {
        QTest::addColumn<QJsonObject>("c");
        const QJsonArray cases = test::statsFixture("power.json").value(QStringLiteral("cases")).toArray();
        QVERIFY(cases.size() >= 6);
        for (const QJsonValue& c : cases) {
            const QJsonObject o = c.toObject();
            QTest::addRow("%g vs %g", o[QStringLiteral("pA")].toDouble(), o[QStringLiteral("pB")].toDouble()) << o;
        }
    }

    void matchesStatsmodels()
    {
        QFETCH(QJsonObject, c);
        auto num = [&](const char* key) { return c.value(QLatin1String(key)).toDouble(); };
        BIDLAB_CLOSE(std::fabs(cohensH(num("pA"), num("pB"))), std::fabs(num("h")));
        BIDLAB_CLOSE(powerOfTest(num("pA"), num("pB"), num("n"), num("alpha"), num("ratio")), num("power"));
        const PlanningInputs inputs { num("pA"), num("alpha"), num("targetPower"), num("ratio") };
        const std::optional<double> n = requiredSampleSize(inputs, num("pB"));
        QVERIFY(n);
        BIDLAB_CLOSE(*n, num("sampleSize"));
        const std::optional<double> mde = minimumDetectableRate(inputs, num("n"));
        if (c.value(QStringLiteral("mdeRate")).isNull()) {
            QVERIFY(!mde);
        } else {
            QVERIFY(mde);
            BIDLAB_CLOSE(*mde, num("mdeRate"));
        }
    }

    void impossiblePlans()
    {
        QVERIFY(!requiredSampleSize({ 0.05, 0.05, 0.8, 1 }, 0.05)); // no effect
        QVERIFY(!requiredSampleSize({ 0.0, 0.05, 0.8, 1 }, 0.05)); // not a rate
        QVERIFY(!minimumDetectableRate({ 0.5, 0.05, 0.8, 1 }, 3)); // 3 users detect nothing
    }

    void sampleRatioMatchesScipy_data()
    {
        QTest::addColumn<QJsonObject>("c");
        const QJsonArray cases = test::statsFixture("srm.json").value(QStringLiteral("cases")).toArray();
        QVERIFY(cases.size() >= 8);
        int i = 0;
        for (const QJsonValue& c : cases)
            QTest::addRow("case %d", i++) << c.toObject();
    }

    void sampleRatioMatchesScipy()
    {
        QFETCH(QJsonObject, c);
        std::vector<std::int64_t> units;
        for (const QJsonValue& u : c[QStringLiteral("units")].toArray())
            units.push_back(std::int64_t(u.toDouble()));
        const std::vector<double> shares = test::doubles(c[QStringLiteral("shares")]);
        const std::optional<SampleRatioCheck> check = sampleRatioCheck(units, shares);
        QVERIFY(check);
        QCOMPARE(check->degreesOfFreedom, int(units.size()) - 1);
        BIDLAB_CLOSE(check->chiSquare, c[QStringLiteral("chi2")].toDouble());
        BIDLAB_CLOSE(check->pValue, c[QStringLiteral("p")].toDouble());
        QCOMPARE(check->mismatch, check->pValue < kSampleRatioThreshold);
    }

    void sampleRatioFlagsBrokenSplits()
    {
        // SmartAd: 4071 vs 4006 users is a fair coin (p = 0.47); 50,000 vs 51,000 is not (p = 0.0017 is still
        // above 0.001), 50,000 vs 52,000 is.
        QVERIFY(!sampleRatioCheck(std::vector<std::int64_t> { 4071, 4006 })->mismatch);
        QVERIFY(!sampleRatioCheck(std::vector<std::int64_t> { 50000, 51000 })->mismatch);
        QVERIFY(sampleRatioCheck(std::vector<std::int64_t> { 50000, 52000 })->mismatch);
        QVERIFY(!sampleRatioCheck(std::vector<std::int64_t> { 10 }));
        QVERIFY(!sampleRatioCheck(std::vector<std::int64_t> { 0, 0 }));
        QVERIFY(!sampleRatioCheck(std::vector<std::int64_t> { 10, 10 }, std::vector<double> { 1.0 }));
    }
};

BIDLAB_TEST_MAIN_CORE(PlanningTest)
#include "test_planning.moc"
