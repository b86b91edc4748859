// SPDX-License-Identifier: MIT
// Welch's t-test and Mann–Whitney U against SciPy (tests/fixtures/stats/means.json).
#include "core/stats/mean_tests.h"
#include "stats_fixtures.h"
#include "tests/common/test_support.h"

using namespace bidlab;
using namespace bidlab::stats;

class MeanTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void welchMatchesScipy_data()
    {
        QTest::addColumn<QJsonObject>("c");
        const QJsonArray cases = test::statsFixture("means.json").value(QStringLiteral("welch")).toArray();
        QVERIFY(cases.size() >= 10);
        int i = 0;
        for (const QJsonValue& c : cases)
            QTest::addRow("case %d", i++) << c.toObject();
    }

    void welchMatchesScipy()
    {
        QFETCH(QJsonObject, c);
        const std::vector<double> a = test::doubles(c[QStringLiteral("a")]);
        const std::vector<double> b = test::doubles(c[QStringLiteral("b")]);
        const SampleSummary sa = summarize(a), sb = summarize(b);
        QCOMPARE(sa.count, double(a.size()));
        BIDLAB_CLOSE(sa.mean, c[QStringLiteral("meanA")].toDouble());
        BIDLAB_CLOSE(sb.variance, c[QStringLiteral("varB")].toDouble());
        const std::optional<WelchResult> w = welchTest(sa, sb, c[QStringLiteral("alpha")].toDouble());
        QVERIFY(w);
        BIDLAB_CLOSE(w->t, c[QStringLiteral("t")].toDouble());
        BIDLAB_CLOSE(w->degreesOfFreedom, c[QStringLiteral("df")].toDouble());
        BIDLAB_CLOSE(w->pValue, c[QStringLiteral("p")].toDouble());
        BIDLAB_CLOSE(w->interval.low, c[QStringLiteral("interval")].toArray()[0].toDouble());
        BIDLAB_CLOSE(w->interval.high, c[QStringLiteral("interval")].toArray()[1].toDouble());
    }

    void summaryFromSums()
    {
        // Sums of 1, 2, 3, 4: mean 2.5, variance 5/3.
        const SampleSummary s = summarizeSums(4, 10, 30);
        QCOMPARE(s.mean, 2.5);
        BIDLAB_CLOSE(s.variance, 5.0 / 3.0);
        const double values[] { 1, 2, 3, 4 };
        BIDLAB_CLOSE(summarize(values).variance, s.variance);
    }

    void welchNeedsVariance()
    {
        QVERIFY(!welchTest({ 1, 5, 0 }, { 10, 5, 1 }, 0.05)); // one value in an arm
        QVERIFY(!welchTest({ 10, 5, 0 }, { 10, 5, 0 }, 0.05)); // no variance at all
        QVERIFY(welchTest({ 10, 5, 0 }, { 10, 6, 1 }, 0.05)); // one arm varies: fine
    }

    void mannWhitneyMatchesScipy_data()
    {
        QTest::addColumn<QJsonObject>("c");
        const QJsonArray cases = test::statsFixture("means.json").value(QStringLiteral("mannWhitney")).toArray();
        QVERIFY(cases.size() >= 6);
        int i = 0;
        for (const QJsonValue& c : cases)
            QTest::addRow("case %d", i++) << c.toObject();
    }

    void mannWhitneyMatchesScipy()
    {
        QFETCH(QJsonObject, c);
        const std::vector<double> x = test::doubles(c[QStringLiteral("x")]);
        const std::vector<double> y = test::doubles(c[QStringLiteral("y")]);
        const std::optional<MannWhitneyResult> r = mannWhitneyU(x, y);
        QVERIFY(r);
        BIDLAB_CLOSE(r->u, c[QStringLiteral("u")].toDouble());
        BIDLAB_CLOSE(r->pValue, c[QStringLiteral("p")].toDouble());
    }

    void mannWhitneyExactLaw()
    {
        // With 3 and 3 values and no overlap, U = 9 is the most extreme of 20 equally likely arrangements:
        // two-sided p = 2/20.
        const double x[] { 4, 5, 6 }, y[] { 1, 2, 3 };
        const std::optional<MannWhitneyResult> r = mannWhitneyU(x, y);
        QVERIFY(r && r->exact);
        QCOMPARE(r->u, 9.0);
        BIDLAB_CLOSE(r->pValue, 0.1);
        QVERIFY(!mannWhitneyU(std::span<const double>(), y));
    }
};

BIDLAB_TEST_MAIN_CORE(MeanTest)
#include "test_means.moc"
