// SPDX-License-Identifier: MIT
// Proportion tests and intervals against SciPy / statsmodels (tests/fixtures/stats/proportions.json).
#include "core/stats/distributions.h"
#include "core/stats/intervals.h"
#include "core/stats/proportion_tests.h"
#include "stats_fixtures.h"
#include "tests/common/test_support.h"

using namespace bidlab;
using namespace bidlab::stats;

class ProportionTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesReference_data()
    {
        QTest::addColumn<QJsonObject>("c");
        const QJsonArray cases = test::statsFixture("proportions.json").value(QStringLiteral("cases")).toArray();
        QVERIFY(cases.size() >= 50);
        for (const QJsonValue& c : cases) {
            const QJsonObject o = c.toObject();
            QTest::addRow("%d/%d vs %d/%d a=%g", o[QStringLiteral("sA")].toInt(), o[QStringLiteral("nA")].toInt(),
                          o[QStringLiteral("sB")].toInt(), o[QStringLiteral("nB")].toInt(),
                          o[QStringLiteral("alpha")].toDouble())
                << o;
        }
    }

    void matchesReference()
    {
        QFETCH(QJsonObject, c);
        auto num = [&](const char* key) { return c.value(QLatin1String(key)).toDouble(); };
        auto pair = [&](const char* key) { return c.value(QLatin1String(key)).toArray(); };
        const Proportion a { qint64(num("sA")), qint64(num("nA")) };
        const Proportion b { qint64(num("sB")), qint64(num("nB")) };
        const double alpha = num("alpha");

        if (!c.value(QStringLiteral("z")).isNull()) {
            const TestStatistic z = twoProportionZTest(a, b);
            BIDLAB_CLOSE(z.statistic, num("z"));
            BIDLAB_CLOSE(z.pValue, num("zP"));
        }
        if (c.contains(QStringLiteral("chi2"))) {
            const TestStatistic chi = chiSquareTest(a, b, false);
            BIDLAB_CLOSE(chi.statistic, num("chi2"));
            BIDLAB_CLOSE(chi.pValue, num("chi2P"));
            const TestStatistic yates = chiSquareTest(a, b, true);
            BIDLAB_CLOSE(yates.statistic, num("yates"));
            BIDLAB_CLOSE(yates.pValue, num("yatesP"));
        }
        const FisherResult fisher = fisherExactTest(a, b);
        BIDLAB_CLOSE(fisher.pValue, num("fisherP"));
        if (c.value(QStringLiteral("fisherOddsRatio")).isNull())
            QVERIFY(!fisher.oddsRatio || *fisher.oddsRatio == 0);
        else if (fisher.oddsRatio)
            BIDLAB_CLOSE(*fisher.oddsRatio, num("fisherOddsRatio"));
        else
            QFAIL("the odds ratio is missing");

        const Interval wa = wilsonInterval(a, alpha), wb = wilsonInterval(b, alpha);
        BIDLAB_CLOSE(wa.low, std::max(0.0, pair("wilsonA")[0].toDouble()));
        BIDLAB_CLOSE(wa.high, std::min(1.0, pair("wilsonA")[1].toDouble()));
        BIDLAB_CLOSE(wb.low, std::max(0.0, pair("wilsonB")[0].toDouble()));
        BIDLAB_CLOSE(wb.high, std::min(1.0, pair("wilsonB")[1].toDouble()));
        const Interval newcombe = newcombeInterval(a, b, alpha);
        BIDLAB_CLOSE(newcombe.low, pair("newcombe")[0].toDouble());
        BIDLAB_CLOSE(newcombe.high, pair("newcombe")[1].toDouble());

        const Lift lift = relativeLift(proportionEstimate(a), proportionEstimate(b), alpha);
        if (c.contains(QStringLiteral("liftInterval"))) {
            QVERIFY(lift.interval);
            BIDLAB_CLOSE(lift.interval->low, pair("liftInterval")[0].toDouble());
            BIDLAB_CLOSE(lift.interval->high, pair("liftInterval")[1].toDouble());
            BIDLAB_CLOSE(*lift.lift, b.rate() / a.rate() - 1);
        } else {
            QVERIFY(!lift.interval); // a zero rate has no log
        }
    }

    void knownValues()
    {
        // Textbook anchors independent of the fixture file.
        QCOMPARE(criticalZ(0.05), 1.959963984540054);
        BIDLAB_CLOSE(normalSf(8.0), 6.220960574271784e-16);
        BIDLAB_CLOSE(twoSidedNormalP(1.959963984540054), 0.05);
        // SciPy's documented example: fisher_exact([[6, 2], [1, 4]]) = 0.10256410256410257.
        BIDLAB_CLOSE(fisherExactTest({ 6, 8 }, { 1, 5 }).pValue, 0.10256410256410257);
    }

    void zeroSuccessesInBothArmsIsNoEvidence()
    {
        // The pooled variance is 0: statsmodels says NaN and chi2_contingency raises; BidLab gives p = 1, as
        // Fisher's exact test does for that table.
        const TestStatistic z = twoProportionZTest({ 0, 500 }, { 0, 800 });
        QCOMPARE(z.statistic, 0.0);
        QCOMPARE(z.pValue, 1.0);
        QCOMPARE(chiSquareTest({ 0, 500 }, { 0, 800 }, true).pValue, 1.0);
        QCOMPARE(fisherExactTest({ 0, 500 }, { 0, 800 }).pValue, 1.0);
        const Interval w = wilsonInterval({ 0, 500 }, 0.05);
        QCOMPARE(w.low, 0.0);
        QVERIFY(w.high > 0 && w.high < 0.01);
        const Lift lift = relativeLift(proportionEstimate({ 0, 500 }), proportionEstimate({ 0, 800 }), 0.05);
        QVERIFY(!lift.lift); // 0 / 0
        QVERIFY(!lift.interval);
    }

    void equalArmsGiveOne()
    {
        const TestStatistic z = twoProportionZTest({ 321, 10000 }, { 321, 10000 });
        QCOMPARE(z.statistic, 0.0);
        QCOMPARE(z.pValue, 1.0);
        QCOMPARE(fisherExactTest({ 321, 10000 }, { 321, 10000 }).pValue, 1.0);
        const Lift lift = relativeLift(proportionEstimate({ 321, 10000 }), proportionEstimate({ 321, 10000 }), 0.05);
        QCOMPARE(*lift.lift, 0.0);
        QVERIFY(lift.interval->low < 0 && lift.interval->high > 0);
        QCOMPARE(*lift.pValue, 1.0);
    }

    void smallestExpectedCount()
    {
        // Expected successes in A: 10 * 6 / 30 = 2.
        QCOMPARE(stats::smallestExpectedCount({ 1, 10 }, { 5, 20 }), 2.0);
    }
};

BIDLAB_TEST_MAIN_CORE(ProportionTest)
#include "test_proportions.moc"
