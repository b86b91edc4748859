// SPDX-License-Identifier: MIT
#include "core/train/data_split.h"
#include "core/train/metrics.h"
#include "core/train/random_forest.h"
#include "core/train/rng.h"
#include "core/train/synthetic_ctr.h"
#include "core/train/training_job.h"
#include "tests/common/test_support.h"

#include <numeric>

#include <QThreadPool>

using namespace bidlab;
using namespace bidlab::train;

namespace {

TrainRequest forestRequest(int trees, int depth, int minLeaf = 50)
{
    TrainRequest r;
    r.kind = ModelKind::Forest;
    r.forest.trees = trees;
    r.forest.tree.maxDepth = depth;
    r.forest.tree.minSamplesLeaf = minLeaf;
    return r;
}

// A known nonlinear problem: the click probability depends on a sine and an interaction.
LoadedData nonlinear(std::size_t rows)
{
    LoadedData d;
    d.data.denseNames = { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") };
    Rng rng(77);
    for (std::size_t i = 0; i < rows; ++i) {
        const double x[3] = { rng.uniform(), rng.uniform(), rng.uniform() };
        const double z = -1.0 + 2.5 * std::sin(6.0 * x[0]) + (x[1] > 0.5 ? 2.0 * x[2] : -1.5 * x[2]);
        const double p = 1.0 / (1.0 + std::exp(-z));
        d.data.appendRow(x, {}, rng.uniform() < p ? 1 : 0, p);
    }
    return d;
}

} // namespace

class ForestTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void reachesTheSyntheticTrueModel()
    {
        LoadedData data;
        data.data = generateSyntheticCtr(300'000, 2, 0.0); // the peers' dense-only world, true AUC ~0.712
        const Expected<TrainOutcome> out = trainModel(data, forestRequest(60, 8, 200), QThreadPool::globalInstance());
        QVERIFY2(out, qPrintable(out.error()));
        QVERIFY2(*out->test.auc >= 0.70, qPrintable(QString::number(*out->test.auc)));
        QVERIFY(std::abs(*out->trueAuc - 0.712) < 0.01);
        QVERIFY2(std::abs(*out->oobAuc - *out->test.auc) < 0.015, qPrintable(QString::number(*out->oobAuc)));
    }
    void learnsANonlinearProblem()
    {
        const LoadedData data = nonlinear(60'000);
        const Expected<TrainOutcome> out = trainModel(data, forestRequest(50, 10), QThreadPool::globalInstance());
        QVERIFY2(out, qPrintable(out.error()));
        QVERIFY2(*out->test.auc >= 0.95 * *out->trueAuc,
                 qPrintable(QStringLiteral("%1 vs true %2").arg(*out->test.auc).arg(*out->trueAuc)));
        QVERIFY(std::abs(*out->oobAuc - *out->test.auc) < 0.02);
        // Feature c matters only through the interaction, a the most: the importances say so.
        QVERIFY(out->impurityImportance[0] > out->impurityImportance[2]);
        QVERIFY(out->permutationImportance[0] > 0.01);
    }
    void sameSeedGivesIdenticalForestsForAnyThreadCount()
    {
        const LoadedData data = nonlinear(20'000);
        QThreadPool one, two;
        one.setMaxThreadCount(1);
        two.setMaxThreadCount(2);
        const Expected<TrainOutcome> a = trainModel(data, forestRequest(12, 8), &one);
        const Expected<TrainOutcome> b = trainModel(data, forestRequest(12, 8), &two);
        QVERIFY(a && b);
        QCOMPARE(a->model.toJson().value(QStringLiteral("forest")), b->model.toJson().value(QStringLiteral("forest")));
        QCOMPARE(a->oobAuc, b->oobAuc);
    }
    void modelFileTreesPredictAsTheBinnedTrees()
    {
        const LoadedData data = nonlinear(5'000);
        const Expected<TrainOutcome> out = trainModel(data, forestRequest(5, 6), QThreadPool::globalInstance());
        QVERIFY(out);
        const Expected<bidding::CtrModel> reloaded = bidding::CtrModel::fromJson(out->model.toJson());
        QVERIFY2(reloaded, qPrintable(reloaded.error()));
        const TrainRequest r = forestRequest(5, 6);
        const RowSplit split = splitRows(data.data.rows(), r.validationShare, r.testShare, r.seed);
        std::vector<double> predictions;
        std::vector<std::uint8_t> labels;
        for (const std::uint32_t i : split.test) {
            const double x[3] = { data.data.dense[0][i], data.data.dense[1][i], data.data.dense[2][i] };
            predictions.push_back(reloaded->predict({ x, {} }));
            labels.push_back(data.data.labels[i]);
        }
        // The file's trees (thresholds on prepared values) give exactly the trainer's binned test AUC.
        QCOMPARE(rocAuc(predictions, labels).value(), out->test.auc.value());
    }
    void featuresPerSplitCountsConstantFeaturesAsScikitLearn()
    {
        // Four features, two per split: a strong one, a weak one, two constant ones. As scikit-learn, the
        // two drawn are examined even when constant (one more is drawn only when both are), so a stump splits
        // on the strong feature with probability 1/2 + 1/6 * 1/2 = 7/12, not always.
        BinnedMatrix x;
        x.rows = 4000;
        x.features = 4;
        std::vector<std::uint8_t> labels(x.rows);
        Rng data(5);
        for (std::size_t i = 0; i < x.rows; ++i) {
            const std::uint8_t strong = std::uint8_t(data.below(2)), weak = std::uint8_t(data.below(2));
            x.codes.insert(x.codes.end(), { strong, weak, 0, 0 });
            labels[i] = data.uniform() < 0.1 + 0.6 * strong + 0.1 * weak;
        }
        std::vector<std::uint32_t> rows(x.rows);
        std::iota(rows.begin(), rows.end(), 0u);
        const std::vector<std::uint16_t> weights(x.rows, 1);
        TreeOptions options;
        options.maxDepth = 1;
        options.minSamplesLeaf = 1;
        options.featuresPerSplit = 2;
        int onStrong = 0;
        constexpr int stumps = 600;
        for (int t = 0; t < stumps; ++t) {
            Rng rng(11, std::uint64_t(t));
            const GrownTree stump = growTree(x, labels, rows, weights, options, rng);
            QCOMPARE(stump.nodes.size(), std::size_t(3)); // never the constant features
            onStrong += stump.nodes[0].feature == 0;
        }
        const double share = double(onStrong) / stumps;
        QVERIFY2(std::abs(share - 7.0 / 12.0) < 0.06, qPrintable(QString::number(share)));
    }
    void cancelStopsTheForest()
    {
        LoadedData data;
        data.data = generateSyntheticCtr(50'000, 2, 0.0);
        int calls = 0;
        const Expected<TrainOutcome> out = trainModel(data, forestRequest(200, 8), QThreadPool::globalInstance(),
                                                      { {}, [&] { return ++calls > 3; } });
        QVERIFY(!out);
        QVERIFY(out.error().contains(QStringLiteral("cancelled")));
    }
};

BIDLAB_TEST_MAIN_CORE(ForestTest)
#include "test_forest.moc"
