// SPDX-License-Identifier: MIT
#include "core/train/lbfgs.h"
#include "core/train/logistic_objective.h"
#include "core/train/logistic_trainer.h"
#include "core/train/metrics.h"
#include "core/train/rng.h"
#include "core/train/synthetic_ctr.h"
#include "core/train/training_job.h"
#include "tests/common/test_support.h"

#include <QTemporaryDir>
#include <QThreadPool>

using namespace bidlab;
using namespace bidlab::train;

namespace {

LoadedData synthetic(std::size_t rows, std::uint64_t seed, double categoricalScale)
{
    LoadedData d;
    d.data = generateSyntheticCtr(rows, seed, categoricalScale);
    d.description = QStringLiteral("synthetic");
    return d;
}

} // namespace

class LogisticTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void gradientMatchesFiniteDifferences()
    {
        const Dataset data = generateSyntheticCtr(3000, 5, 1.0);
        const bidding::FeatureSpec spec = fitFeatureSpec(data, {}, 4);
        const PreparedData p = prepare(data, spec);
        QThreadPool pool;
        pool.setMaxThreadCount(2);
        LogisticObjective f(p, spec.bucketCount(), 0.01, &pool);
        Rng rng(9);
        Eigen::VectorXd theta(f.dimension());
        for (Eigen::Index j = 0; j < theta.size(); ++j)
            theta(j) = rng.uniform() - 0.5;
        Eigen::VectorXd g(f.dimension()), scratch(f.dimension());
        f(theta, g);
        const double h = 1e-6;
        for (Eigen::Index j = 0; j < theta.size(); ++j) {
            Eigen::VectorXd plus = theta, minus = theta;
            plus(j) += h;
            minus(j) -= h;
            const double numeric = (f(plus, scratch) - f(minus, scratch)) / (2 * h);
            QVERIFY2(std::abs(numeric - g(j)) < 1e-7,
                     qPrintable(QStringLiteral("coordinate %1: %2 vs %3").arg(j).arg(g(j)).arg(numeric)));
        }
    }
    void bucketGradientPathsAgree()
    {
        // Per-shard bucket sums (few used buckets) and the inverted index (many) give the same objective.
        const Dataset data = generateSyntheticCtr(80'000, 6, 1.0);
        const bidding::FeatureSpec spec = fitFeatureSpec(data, {}, 12);
        const PreparedData p = prepare(data, spec);
        LogisticObjective perShard(p, spec.bucketCount(), 1e-4, QThreadPool::globalInstance());
        LogisticObjective inverted(p, spec.bucketCount(), 1e-4, QThreadPool::globalInstance(), 0);
        QCOMPARE(perShard.dimension(), inverted.dimension());
        QVERIFY(perShard.dimension() < 1 + 9 + 200); // only the used buckets: 102 values, 4096 buckets
        Rng rng(3);
        Eigen::VectorXd theta(perShard.dimension()), a(theta.size()), b(theta.size());
        for (Eigen::Index j = 0; j < theta.size(); ++j)
            theta(j) = rng.uniform() - 0.5;
        QVERIFY(std::abs(perShard(theta, a) - inverted(theta, b)) < 1e-12);
        QVERIFY2((a - b).lpNorm<Eigen::Infinity>() < 1e-12,
                 qPrintable(QString::number((a - b).lpNorm<Eigen::Infinity>())));
        // Spread over all 4096 buckets, the unused ones stay 0.
        Eigen::VectorXd full;
        perShard.expand(theta, full);
        QCOMPARE(full.size(), Eigen::Index(1 + 9 + 4096));
        QCOMPARE(full.head(10), theta.head(10));
        QCOMPARE(full.tail(4096).cwiseAbs().sum(), theta.tail(theta.size() - 10).cwiseAbs().sum());
    }
    void lbfgsPreconditionerTakesNewtonStepsOnAQuadratic()
    {
        // f(x) = 1/2 sum h_i x_i^2 - b.x with curvatures from 1e-4 to 1: the exact diagonal as preconditioner
        // makes the first step a Newton step; without it L-BFGS needs many iterations.
        constexpr int n = 200;
        Eigen::VectorXd h(n), b(n);
        for (int i = 0; i < n; ++i) {
            h(i) = std::pow(10.0, -4.0 * i / (n - 1));
            b(i) = std::sin(i + 1.0);
        }
        const Objective f = [&](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
            g = h.cwiseProduct(x) - b;
            return 0.5 * x.dot(h.cwiseProduct(x)) - b.dot(x);
        };
        LbfgsOptions options;
        options.maxIterations = 500;
        options.gradientTolerance = 1e-10;
        options.functionTolerance = 0.0;
        const LbfgsResult plain = minimizeLbfgs(f, Eigen::VectorXd::Zero(n), options);
        options.preconditioner = h.cwiseInverse();
        const LbfgsResult preconditioned = minimizeLbfgs(f, Eigen::VectorXd::Zero(n), options);
        QVERIFY2(preconditioned.iterations <= 2, qPrintable(QString::number(preconditioned.iterations)));
        QVERIFY2(plain.iterations > 20, qPrintable(QString::number(plain.iterations)));
        QVERIFY((preconditioned.x - b.cwiseQuotient(h)).lpNorm<Eigen::Infinity>() < 1e-6);
    }
    void recoversKnownWeights()
    {
        // Raw (unstandardised) features, so the fitted weights are the generator's W and B0.
        const Dataset data = generateSyntheticCtr(400'000, 11, 0.0);
        bidding::FeatureSpec spec = fitFeatureSpec(data, {}, 4, false);
        spec.categorical.clear();
        spec.hashBits = 0;
        const PreparedData p = prepare(data, spec);
        LogisticOptions o;
        o.l2 = 0.0;
        const LogisticFit fit = fitLogistic(p, nullptr, 0, o, QThreadPool::globalInstance());
        QVERIFY(std::abs(fit.weights.bias - SyntheticCtrSpec::kBias) < 0.3);
        for (std::size_t f = 0; f < 9; ++f)
            QVERIFY2(std::abs(fit.weights.dense[f] - SyntheticCtrSpec::kWeights[f]) < 0.25,
                     qPrintable(QStringLiteral("w%1 = %2").arg(f).arg(fit.weights.dense[f])));
    }
    void sameSeedGivesIdenticalModels()
    {
        const LoadedData data = synthetic(60'000, 3, 1.0);
        TrainRequest r;
        r.hashBits = 10;
        for (const auto optimizer : { LogisticOptions::Optimizer::Lbfgs, LogisticOptions::Optimizer::Ftrl }) {
            r.logistic.optimizer = optimizer;
            QThreadPool one, two;
            one.setMaxThreadCount(1);
            two.setMaxThreadCount(2);
            const Expected<TrainOutcome> a = trainModel(data, r, &one);
            const Expected<TrainOutcome> b = trainModel(data, r, &two);
            const Expected<TrainOutcome> c = trainModel(data, r, &two);
            QVERIFY(a && b && c);
            QCOMPARE(a->model.logisticWeights().dense, b->model.logisticWeights().dense);
            QCOMPARE(a->model.logisticWeights().hashed, b->model.logisticWeights().hashed);
            QCOMPARE(b->model.logisticWeights().bias, c->model.logisticWeights().bias);
            QCOMPARE(a->test.auc, c->test.auc);
        }
    }
    void ftrlWithL1ReachesTheTrueModel()
    {
        const LoadedData data = synthetic(200'000, 4, 1.0);
        TrainRequest r;
        r.hashBits = 12;
        r.logistic.optimizer = LogisticOptions::Optimizer::Ftrl;
        r.logistic.l1 = 0.5;
        r.logistic.epochs = 3;
        const Expected<TrainOutcome> out = trainModel(data, r, QThreadPool::globalInstance());
        QVERIFY2(out, qPrintable(out.error()));
        QVERIFY(*out->test.auc > *out->trueAuc - 0.01);
    }
    void lbfgsRejectsL1()
    {
        TrainRequest r;
        r.logistic.l1 = 0.1;
        QVERIFY(validateRequest(r).contains(QStringLiteral("FTRL")));
    }
    void savedModelPredictsAsTrained()
    {
        const LoadedData data = synthetic(30'000, 8, 1.0);
        QTemporaryDir dir;
        TrainRequest r;
        r.hashBits = 8;
        r.modelPath = dir.filePath(QStringLiteral("m.json"));
        const Expected<TrainOutcome> out = trainModel(data, r, QThreadPool::globalInstance());
        QVERIFY(out);
        const Expected<bidding::CtrModel> loaded = bidding::CtrModel::load(r.modelPath);
        QVERIFY2(loaded, qPrintable(loaded.error()));
        QCOMPARE(loaded->metrics.value(QStringLiteral("testAuc")).toDouble(), *out->test.auc);
        // The bidder's view: raw engine features bound by name, predicted through CtrModel::predict.
        const auto binding = loaded->bind(bidding::engineDenseFeatures(), bidding::engineCategoricalFeatures());
        QVERIFY(binding);
        for (std::size_t i = 0; i < 50; ++i) {
            double dense[9];
            std::uint32_t cats[5];
            for (std::size_t f = 0; f < 9; ++f)
                dense[f] = data.data.dense[f][i];
            for (std::size_t f = 0; f < 5; ++f)
                cats[f] = data.data.categorical[f][i];
            const double p = loaded->predict({ dense, cats });
            QVERIFY(p > 0.0 && p < 0.5);
            QCOMPARE(p, out->model.predict({ dense, cats }));
        }
        // A model that needs a feature the engine does not have is refused with its name.
        const auto mismatch = loaded->bind({ QStringLiteral("age") }, bidding::engineCategoricalFeatures());
        QVERIFY(!mismatch && mismatch.error().contains(QStringLiteral("gender_m")));
    }
};

BIDLAB_TEST_MAIN_CORE(LogisticTest)
#include "test_logistic.moc"
