// SPDX-License-Identifier: MIT
// Degenerate inputs through the whole training path (the sanitizer pass runs these too): no clicks at all,
// constant features, fewer rows than a leaf needs, a single tree without bootstrap, two bins, one hash bit.
#include "core/train/histogram_bins.h"
#include "core/train/training_job.h"
#include "tests/common/test_support.h"

#include <QThreadPool>

using namespace bidlab;
using namespace bidlab::train;

namespace {

// rows rows of two dense and one categorical feature; click(i) decides the label, constant makes the dense
// values all equal.
LoadedData table(std::size_t rows, const std::function<bool(std::size_t)>& click, bool constant = false)
{
    LoadedData d;
    d.data.denseNames = { QStringLiteral("a"), QStringLiteral("b") };
    d.data.categoricalNames = { QStringLiteral("c") };
    d.data.dense.resize(2);
    d.data.categorical.resize(1);
    for (std::size_t i = 0; i < rows; ++i) {
        const double x[2] = { constant ? 1.0 : double(i % 17), constant ? 2.0 : double(i % 5) };
        const std::uint32_t c[1] = { std::uint32_t(i % 7) };
        d.data.appendRow(x, c, click(i) ? 1 : 0);
    }
    return d;
}

TrainRequest request(ModelKind kind)
{
    TrainRequest r;
    r.kind = kind;
    r.hashBits = 1;
    r.forest.trees = 3;
    r.forest.tree.maxDepth = 4;
    r.forest.tree.minSamplesLeaf = 2;
    return r;
}

} // namespace

class TrainEdgesTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void noClicksTrainsWithoutAnAuc_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("ftrl");
        QTest::addRow("lbfgs") << int(ModelKind::Logistic) << false;
        QTest::addRow("ftrl") << int(ModelKind::Logistic) << true;
        QTest::addRow("forest") << int(ModelKind::Forest) << false;
    }
    void noClicksTrainsWithoutAnAuc()
    {
        QFETCH(int, kind);
        QFETCH(bool, ftrl);
        TrainRequest r = request(ModelKind(kind));
        if (ftrl)
            r.logistic.optimizer = LogisticOptions::Optimizer::Ftrl;
        const Expected<TrainOutcome> out = trainModel(table(500, [](std::size_t) { return false; }), r, nullptr);
        QVERIFY2(out, qPrintable(out.error()));
        QVERIFY(!out->test.auc); // one class: no AUC, never NaN
        QVERIFY(out->test.logLoss && *out->test.logLoss < 0.01);
    }
    void constantFeaturesGiveOneLeafAndAucOneHalf()
    {
        const LoadedData data = table(
            2000, [](std::size_t i) { return i % 4 == 0; }, true);
        const Expected<TrainOutcome> out = trainModel(data, request(ModelKind::Forest), QThreadPool::globalInstance());
        QVERIFY2(out, qPrintable(out.error()));
        for (const bidding::Tree& tree : out->model.trees())
            QCOMPARE(tree.size(), std::size_t(1));
        QCOMPARE(*out->test.auc, 0.5);
        for (const double v : out->impurityImportance)
            QCOMPARE(v, 0.0);
    }
    void leafLargerThanTheDataGivesStumps()
    {
        TrainRequest r = request(ModelKind::Forest);
        r.forest.tree.minSamplesLeaf = 10'000;
        r.forest.trees = 1;
        r.forest.bootstrap = false; // no out-of-bag rows then: no OOB estimate
        const Expected<TrainOutcome> out
            = trainModel(table(300, [](std::size_t i) { return i % 3 == 0; }), r, QThreadPool::globalInstance());
        QVERIFY2(out, qPrintable(out.error()));
        QCOMPARE(out->model.trees().front().size(), std::size_t(1));
        QVERIFY(!out->oobAuc);
    }
    void twoBinsSplitAtTheMedian()
    {
        Eigen::MatrixXd x(1000, 1);
        for (Eigen::Index i = 0; i < x.rows(); ++i)
            x(i, 0) = double(i);
        const std::vector<FeatureBins> bins = fitBins(x, 2);
        QCOMPARE(bins[0].edges.size(), std::size_t(1));
        QCOMPARE(bins[0].edges[0], 499.5);
        QCOMPARE(bins[0].bin(499.0), std::uint8_t(0));
        QCOMPARE(bins[0].bin(500.0), std::uint8_t(1));
    }
    void tinyDataSetIsRefusedWithItsSize()
    {
        const Expected<TrainOutcome> out
            = trainModel(table(8, [](std::size_t i) { return i % 2 == 0; }), request(ModelKind::Logistic), nullptr);
        QVERIFY(!out);
        QVERIFY2(out.error().contains(QStringLiteral("too few rows (8)")), qPrintable(out.error()));
    }
};

BIDLAB_TEST_MAIN_CORE(TrainEdgesTest)
#include "test_train_edges.moc"
