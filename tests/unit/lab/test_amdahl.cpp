// SPDX-License-Identifier: MIT
#include "core/lab/amdahl.h"
#include "core/lab/sample_stats.h"
#include "tests/common/test_support.h"

#include <cmath>
#include <random>

using namespace bidlab::lab;

namespace {

QList<SpeedupPoint> amdahlPoints(double f, int maxWorkers)
{
    QList<SpeedupPoint> points;
    for (int p = 1; p <= maxWorkers; ++p)
        points.append({ double(p), 1.0 / (f + (1.0 - f) / p) });
    return points;
}

} // namespace

class AmdahlTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void recoversAnExactSerialFraction_data()
    {
        QTest::addColumn<double>("f");
        for (double f : { 0.0, 0.01, 0.05, 0.2, 0.5, 0.9, 1.0 })
            QTest::addRow("f = %g", f) << f;
    }
    void recoversAnExactSerialFraction()
    {
        QFETCH(double, f);
        const AmdahlFit fit = fitAmdahl(amdahlPoints(f, 8));
        QVERIFY(fit.valid());
        QCOMPARE(fit.points, 7); // p = 1 carries no information about f
        QVERIFY2(std::abs(fit.serialFraction - f) < 1e-12, qPrintable(QString::number(fit.serialFraction)));
        QVERIFY(fit.rmsError < 1e-9);
        QVERIFY(std::abs(fit.predict(4) - 1.0 / (f + (1.0 - f) / 4)) < 1e-12);
    }

    void recoversItThroughNoise()
    {
        // 3 % multiplicative noise on the run times, 5 repeats of 1..8 workers, f = 0.1.
        std::mt19937_64 random(42);
        std::normal_distribution<double> noise(0.0, 0.03);
        QList<SpeedupPoint> points;
        for (int repeat = 0; repeat < 5; ++repeat) {
            for (SpeedupPoint point : amdahlPoints(0.1, 8)) {
                point.speedup /= 1.0 + noise(random);
                points.append(point);
            }
        }
        const AmdahlFit fit = fitAmdahl(points);
        QVERIFY2(std::abs(fit.serialFraction - 0.1) < 0.01, qPrintable(QString::number(fit.serialFraction)));
        QVERIFY(fit.rmsError > 0 && fit.rmsError < 0.3);
    }

    void limitsAndEdgeCases()
    {
        QVERIFY(!fitAmdahl({}).valid());
        QVERIFY(!fitAmdahl({ { 1, 1.0 } }).valid()); // one worker says nothing about f
        QVERIFY(!fitAmdahl({ { 2, 0.0 }, { 3, -1.0 }, { 4, std::nan("") } }).valid());
        // Superlinear speedup clamps to f = 0; slower than sequential clamps to f = 1.
        QCOMPARE(fitAmdahl({ { 2, 2.5 } }).serialFraction, 0.0);
        QCOMPARE(fitAmdahl({ { 2, 0.5 } }).serialFraction, 1.0);
        AmdahlFit fit;
        fit.serialFraction = 0.25;
        QCOMPARE(fit.limit(), 4.0);
        fit.serialFraction = 0;
        QVERIFY(std::isinf(fit.limit()));
    }

    void summarizeGivesMedianAndRange()
    {
        const Spread odd = summarize({ 5.0, 1.0, 3.0 });
        QCOMPARE(odd.median, 3.0);
        QCOMPARE(odd.minimum, 1.0);
        QCOMPARE(odd.maximum, 5.0);
        QCOMPARE(odd.count, 3);
        QCOMPARE(odd.relative(), 4.0 / 3.0);
        const Spread even = summarize({ 4.0, 1.0, 3.0, 2.0 });
        QCOMPARE(even.median, 2.5);
        const Spread one = summarize({ 7.0 });
        QCOMPARE(one.median, 7.0);
        QCOMPARE(one.relative(), 0.0);
        const Spread none = summarize({});
        QCOMPARE(none.count, 0);
        QCOMPARE(none.median, 0.0);
    }
};

BIDLAB_TEST_MAIN_CORE(AmdahlTest)
#include "test_amdahl.moc"
