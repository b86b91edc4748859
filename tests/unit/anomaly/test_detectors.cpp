// SPDX-License-Identifier: MIT
// Each detector on seeded synthetic series with a known step, spike or seasonal pattern: detected within a
// bounded delay, and no alarm on clean data at the default threshold.
#include "core/anomaly/detector.h"
#include "core/anomaly/probation.h"
#include "tests/common/test_support.h"
#include "tests/unit/anomaly/synthetic.h"

#include <QCoreApplication>

using namespace bidlab;
using namespace bidlab::anomaly;

namespace {

constexpr qsizetype kProbation = 300;

struct Run
{
    std::vector<double> scores;
    qsizetype firstDetection(qsizetype from = 0) const
    {
        for (qsizetype i = from; i < static_cast<qsizetype>(scores.size()); ++i) {
            if (scores[static_cast<std::size_t>(i)] >= kDefaultThreshold)
                return i;
        }
        return -1;
    }
};

Run runDetector(const QString& name, const std::vector<double>& values)
{
    auto detector = makeDetector(name, { kProbation });
    Run run;
    for (double v : values)
        run.scores.push_back(detector->update(v));
    return run;
}

} // namespace

class DetectorTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyNameMakesADetector()
    {
        QVERIFY(detectorNames().contains(QStringLiteral("ensemble")));
        for (const QString& name : detectorNames()) {
            QVERIFY2(makeDetector(name) != nullptr, qPrintable(name));
            QVERIFY2(!describeDetector(name).isEmpty(), qPrintable(name));
        }
        QVERIFY(makeDetector(QStringLiteral("nope")) == nullptr);
    }

    void scoreFromSigmaIsMonotoneInZeroOne()
    {
        QCOMPARE(scoreFromSigma(0.0), 0.0);
        QCOMPARE(scoreFromSigma(5.0), kDefaultThreshold);
        QCOMPARE(scoreFromSigma(-3.0), 0.0);
        QVERIFY(scoreFromSigma(1e6) < 1.0);
        QVERIFY(scoreFromSigma(20.0) > scoreFromSigma(10.0));
    }

    void cleanNoiseRaisesNoAlarm_data()
    {
        QTest::addColumn<QString>("detector");
        for (const QString& name : detectorNames())
            QTest::addRow("%s", qPrintable(name)) << name;
    }
    void cleanNoiseRaisesNoAlarm()
    {
        QFETCH(QString, detector);
        for (std::uint32_t seed : { 1u, 2u, 3u }) {
            const Run run = runDetector(detector, test::noisySeries(4000, seed));
            QCOMPARE(run.firstDetection(), -1);
            for (qsizetype i = 0; i < kProbation; ++i)
                QCOMPARE(run.scores[static_cast<std::size_t>(i)], 0.0); // nothing is scored in probation
            for (double s : run.scores)
                QVERIFY(s >= 0.0 && s < 1.0);
        }
    }

    void stepIsDetectedWithinABoundedDelay_data()
    {
        QTest::addColumn<QString>("detector");
        QTest::addColumn<int>("maxDelay");
        // An upward step of 8 sd at row 1000: one-point detectors see it at once, CUSUM accumulates.
        QTest::addRow("ensemble") << QStringLiteral("ensemble") << 0;
        QTest::addRow("ewma") << QStringLiteral("ewma") << 0;
        QTest::addRow("mad") << QStringLiteral("mad") << 0;
        QTest::addRow("seasonal") << QStringLiteral("seasonal") << 0;
        QTest::addRow("cusum") << QStringLiteral("cusum") << 2;
    }
    void stepIsDetectedWithinABoundedDelay()
    {
        QFETCH(QString, detector);
        QFETCH(int, maxDelay);
        std::vector<double> values = test::noisySeries(2000, 11);
        for (std::size_t i = 1000; i < values.size(); ++i)
            values[i] += 8.0;
        const Run run = runDetector(detector, values);
        const qsizetype first = run.firstDetection();
        QVERIFY2(first >= 1000, qPrintable(QStringLiteral("false alarm at %1").arg(first)));
        QVERIFY2(first <= 1000 + maxDelay, qPrintable(QStringLiteral("detected at %1").arg(first)));
    }

    void sustainedShiftIsCaught_data()
    {
        QTest::addColumn<QString>("detector");
        QTest::addColumn<double>("shift");
        QTest::addColumn<int>("maxDelay");
        // 1.5 sd is invisible point by point and obvious on average: CUSUM's case. (The ensemble reads
        // forecast errors, which its seasonal model absorbs within a few values: it needs about 6 sd, which
        // the step test covers.)
        QTest::addRow("cusum 1.5 sd") << QStringLiteral("cusum") << 1.5 << 20;
        QTest::addRow("cusum 3 sd") << QStringLiteral("cusum") << 3.0 << 6;
    }
    void sustainedShiftIsCaught()
    {
        QFETCH(QString, detector);
        QFETCH(double, shift);
        QFETCH(int, maxDelay);
        std::vector<double> values = test::noisySeries(2000, 5);
        for (std::size_t i = 1000; i < values.size(); ++i)
            values[i] += shift;
        const qsizetype first = runDetector(detector, values).firstDetection();
        QVERIFY2(first >= 1000 && first <= 1000 + maxDelay, qPrintable(QStringLiteral("detected at %1").arg(first)));
    }

    void spikeIsDetectedAtOnce_data()
    {
        QTest::addColumn<QString>("detector");
        for (const char* name : { "ensemble", "ewma", "mad", "seasonal" })
            QTest::addRow("%s", name) << QString::fromLatin1(name);
    }
    void spikeIsDetectedAtOnce()
    {
        QFETCH(QString, detector);
        std::vector<double> values = test::noisySeries(2000, 7);
        values[1200] -= 12.0;
        const Run run = runDetector(detector, values);
        QCOMPARE(run.firstDetection(), qsizetype(1200));
    }

    void seasonalPatternIsLearnt_data()
    {
        QTest::addColumn<QString>("detector");
        QTest::addRow("seasonal") << QStringLiteral("seasonal");
        QTest::addRow("ensemble") << QStringLiteral("ensemble");
    }
    void seasonalPatternIsLearnt()
    {
        // A cycle of 48 values with an amplitude of 20 sd: the cycle itself is no anomaly, but a value at
        // the height of the cycle's mean where a trough is due is one (8 sd off the pattern, inside the
        // series' range, so that a level-only model cannot see it).
        QFETCH(QString, detector);
        std::vector<double> values = test::noisySeries(3000, 21, 50.0, 1.0, 48, 20.0);
        const Run clean = runDetector(detector, values);
        QCOMPARE(clean.firstDetection(), -1);
        const std::size_t trough = 2000 + 36; // sin is -1 at 3/4 of the cycle (2016 = 42 cycles)
        values[trough] += 8.0;
        const Run run = runDetector(detector, values);
        QCOMPARE(run.firstDetection(), static_cast<qsizetype>(trough));
        QVERIFY(std::abs(estimatePeriod(std::vector<double>(values.begin(), values.begin() + kProbation)) - 48) <= 1);
    }

    void flatSeriesNeverDividesByZero()
    {
        std::vector<double> values(1000, 3.0);
        values[700] = 4.0;
        for (const QString& name : detectorNames()) {
            const Run run = runDetector(name, values);
            for (double s : run.scores)
                QVERIFY2(std::isfinite(s) && s >= 0.0 && s < 1.0, qPrintable(name));
            QVERIFY2(run.firstDetection() == 700 || name == QLatin1String("cusum"), qPrintable(name));
        }
    }
};

BIDLAB_TEST_MAIN_CORE(DetectorTest)
#include "test_detectors.moc"
