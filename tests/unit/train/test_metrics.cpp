// SPDX-License-Identifier: MIT
#include "core/train/metrics.h"
#include "tests/common/test_support.h"

using namespace bidlab::train;

class MetricsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aucHandMadeCases_data()
    {
        QTest::addColumn<QList<double>>("scores");
        QTest::addColumn<QList<int>>("labels");
        QTest::addColumn<double>("auc");
        QTest::addRow("perfect") << QList<double> { 0.1, 0.2, 0.8, 0.9 } << QList<int> { 0, 0, 1, 1 } << 1.0;
        QTest::addRow("inverted") << QList<double> { 0.9, 0.8, 0.2, 0.1 } << QList<int> { 0, 0, 1, 1 } << 0.0;
        QTest::addRow("all tied") << QList<double> { 0.5, 0.5, 0.5, 0.5 } << QList<int> { 0, 1, 0, 1 } << 0.5;
        // pairs (pos, neg): (0.7,0.3) win, (0.7,0.7) tie, (0.2,0.3) loss, (0.2,0.7) loss -> 1.5 / 4
        QTest::addRow("one tie") << QList<double> { 0.7, 0.2, 0.3, 0.7 } << QList<int> { 1, 1, 0, 0 } << 0.375;
    }
    void aucHandMadeCases()
    {
        QFETCH(QList<double>, scores);
        QFETCH(QList<int>, labels);
        QFETCH(double, auc);
        std::vector<std::uint8_t> y(labels.begin(), labels.end());
        QCOMPARE(rocAuc(std::vector<double>(scores.begin(), scores.end()), y).value(), auc);
    }
    void aucAndLogLossMatchScikitLearn()
    {
        // Values from scikit-learn 1.2.1: roc_auc_score and log_loss on these rows (ties included).
        const std::vector<double> s { 0.1, 0.4, 0.35, 0.8, 0.8, 0.2, 0.5, 0.5, 0.9, 0.05 };
        const std::vector<std::uint8_t> y { 0, 0, 1, 1, 0, 0, 1, 0, 1, 0 };
        QVERIFY(std::abs(rocAuc(s, y).value() - 0.7916666666666666) < 1e-15);
        QVERIFY(std::abs(logLoss(s, y).value() - 0.5264681450150281) < 1e-12);
    }
    void aucIsEmptyWithOneClass()
    {
        QVERIFY(!rocAuc(std::vector<double> { 0.1, 0.2 }, std::vector<std::uint8_t> { 1, 1 }).has_value());
        QVERIFY(!logLoss({}, {}).has_value());
    }
    void rocCurveEndsAtCorners()
    {
        const std::vector<double> s { 0.1, 0.4, 0.35, 0.8 };
        const std::vector<std::uint8_t> y { 0, 0, 1, 1 };
        const std::vector<RocPoint> curve = rocCurve(s, y);
        QCOMPARE(curve.front().truePositiveRate, 0.0);
        QCOMPARE(curve.back().falsePositiveRate, 1.0);
        QCOMPARE(curve.back().truePositiveRate, 1.0);
        QCOMPARE(curve.size(), std::size_t(5));
    }
    void calibrationBinsAreEqualCount()
    {
        std::vector<double> p;
        std::vector<std::uint8_t> y;
        for (int i = 0; i < 100; ++i) {
            p.push_back(i / 100.0);
            y.push_back(i % 10 == 0 ? 1 : 0);
        }
        const auto bins = calibrationBins(p, y, 10);
        QCOMPARE(bins.size(), std::size_t(10));
        QCOMPARE(bins.front().rows, std::int64_t(10));
        QVERIFY(std::abs(bins.front().meanPredicted - 0.045) < 1e-12);
        QVERIFY(std::abs(bins.front().observedRate - 0.1) < 1e-12);
    }
    void precisionRecallAtK()
    {
        const std::vector<double> s { 0.9, 0.8, 0.7, 0.1 };
        const std::vector<std::uint8_t> y { 1, 0, 1, 1 };
        const PrecisionRecall pr = train_precision(s, y);
        QCOMPARE(pr.precision, 2.0 / 3.0);
        QCOMPARE(pr.recall.value(), 2.0 / 3.0);
    }

private:
    static PrecisionRecall train_precision(const std::vector<double>& s, const std::vector<std::uint8_t>& y)
    {
        return bidlab::train::precisionRecallAtK(s, y, 3);
    }
};

BIDLAB_TEST_MAIN_CORE(MetricsTest)
#include "test_metrics.moc"
