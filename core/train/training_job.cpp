// SPDX-License-Identifier: MIT
#include "core/train/training_job.h"

#include "core/jobs/job_pool.h"
#include "core/train/data_split.h"

#include <cmath>
#include <ctime>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QThreadPool>

namespace bidlab::train {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("TrainingJob", text);
}

QJsonValue optionalNumber(const std::optional<double>& v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

QJsonObject parametersJson(const TrainRequest& r, const LoadedData& data)
{
    QJsonObject p { { QStringLiteral("data"), r.dataPath },
                    { QStringLiteral("dataDescription"), data.description },
                    { QStringLiteral("seed"), QString::number(r.seed) },
                    { QStringLiteral("validationShare"), r.validationShare },
                    { QStringLiteral("testShare"), r.testShare },
                    { QStringLiteral("log1p"), QJsonArray::fromStringList(data.log1pFeatures) } };
    if (r.kind == ModelKind::Logistic) {
        const LogisticOptions& o = r.logistic;
        const bool lbfgs = o.optimizer == LogisticOptions::Optimizer::Lbfgs;
        p.insert(QStringLiteral("optimizer"), lbfgs ? QStringLiteral("lbfgs") : QStringLiteral("ftrl"));
        p.insert(QStringLiteral("l2"), o.l2);
        p.insert(QStringLiteral("l1"), o.l1);
        p.insert(QStringLiteral("hashBits"), r.hashBits);
        if (lbfgs) {
            p.insert(QStringLiteral("maxIterations"), o.maxIterations);
        } else {
            p.insert(QStringLiteral("learningRate"), o.learningRate);
            p.insert(QStringLiteral("epochs"), o.epochs);
            p.insert(QStringLiteral("batchSize"), o.batchSize);
        }
    } else {
        const ForestOptions& o = r.forest;
        p.insert(QStringLiteral("trees"), o.trees);
        p.insert(QStringLiteral("maxDepth"), o.tree.maxDepth);
        p.insert(QStringLiteral("minSamplesLeaf"), o.tree.minSamplesLeaf);
        p.insert(QStringLiteral("featuresPerSplit"), o.tree.featuresPerSplit);
        p.insert(QStringLiteral("criterion"),
                 o.tree.criterion == TreeOptions::Criterion::Gini ? QStringLiteral("gini") : QStringLiteral("entropy"));
        p.insert(QStringLiteral("forestSeed"), QString::number(o.seed));
    }
    return p;
}

QJsonObject metricsJson(const TrainOutcome& o)
{
    QJsonObject m { { QStringLiteral("testAuc"), optionalNumber(o.test.auc) },
                    { QStringLiteral("testLogLoss"), optionalNumber(o.test.logLoss) },
                    { QStringLiteral("testRows"), qint64(o.testRows) },
                    { QStringLiteral("trainRows"), qint64(o.trainRows) },
                    { QStringLiteral("fitSeconds"), o.fitSeconds },
                    { QStringLiteral("fitCpuSeconds"), o.fitCpuSeconds },
                    { QStringLiteral("threads"), o.threads } };
    if (o.trueAuc)
        m.insert(QStringLiteral("trueAuc"), *o.trueAuc);
    if (o.oobAuc)
        m.insert(QStringLiteral("oobAuc"), *o.oobAuc);
    if (o.oobLogLoss)
        m.insert(QStringLiteral("oobLogLoss"), *o.oobLogLoss);
    return m;
}

// Wall and process CPU time of one span: on a shared machine the CPU time says what the work cost, the wall
// time also what the other processes took from it.
class FitClock
{
public:
    FitClock()
        : m_cpu(std::clock())
    {
        m_wall.start();
    }
    void stopInto(TrainOutcome& out) const
    {
        out.fitSeconds = double(m_wall.nsecsElapsed()) / 1e9;
        out.fitCpuSeconds = double(std::clock() - m_cpu) / CLOCKS_PER_SEC;
    }

private:
    QElapsedTimer m_wall;
    std::clock_t m_cpu;
};

bool canceled(const TrainCallbacks& c)
{
    return c.canceled && c.canceled();
}

void report(const TrainCallbacks& c, double fraction, const QString& text)
{
    if (c.progress)
        c.progress(fraction, text);
}

struct Prepared
{
    bidding::FeatureSpec spec;
    PreparedData train, validation, test;
};

Prepared prepareSplit(const LoadedData& data, const TrainRequest& r, const RowSplit& split)
{
    const Dataset trainRows = data.data.subset(split.train);
    Prepared p;
    p.spec = fitFeatureSpec(trainRows, data.log1pFeatures, r.hashBits);
    if (r.kind == ModelKind::Forest) { // the trees split on the dense features only
        p.spec.categorical.clear();
        p.spec.hashBits = 0;
    }
    p.train = prepare(trainRows, p.spec);
    p.validation = prepare(data.data.subset(split.validation), p.spec);
    p.test = prepare(data.data.subset(split.test), p.spec);
    return p;
}

std::vector<double> fitLogisticInto(TrainOutcome& out, const Prepared& p, const TrainRequest& r, QThreadPool* pool,
                                    const TrainCallbacks& callbacks, bool& wasCanceled)
{
    const bool lbfgs = r.logistic.optimizer == LogisticOptions::Optimizer::Lbfgs;
    const int total = lbfgs ? r.logistic.maxIterations : r.logistic.epochs;
    const FitClock clock;
    LogisticFit fit = fitLogistic(p.train, p.validation.rows() ? &p.validation : nullptr, p.spec.bucketCount(),
                                  r.logistic, pool, [&](const LossPoint& point) {
                                      report(callbacks, double(point.step) / double(std::max(1, total)),
                                             (lbfgs ? tr("L-BFGS iteration %1, loss %2") : tr("FTRL epoch %1, loss %2"))
                                                 .arg(point.step)
                                                 .arg(point.trainLoss, 0, 'f', 5));
                                      return !canceled(callbacks);
                                  });
    clock.stopInto(out);
    wasCanceled = fit.canceled;
    out.curve = std::move(fit.curve);
    out.steps = fit.steps;
    out.evaluations = fit.evaluations;
    out.stopReason = fit.stopReason;
    for (const double w : fit.weights.dense)
        out.weightImportance.push_back(std::abs(w));
    std::vector<double> predictions = predictLogistic(fit.weights, p.test, pool);
    out.model = bidding::CtrModel::logistic(p.spec, std::move(fit.weights));
    return predictions;
}

void addForestDiagnostics(TrainOutcome& out, const ForestFit& fit, const Prepared& p, const BinnedMatrix& test,
                          const TrainRequest& r, QThreadPool* pool)
{
    const bool useValidation = p.validation.rows() > 0;
    const BinnedMatrix held = useValidation ? binMatrix(p.validation.dense, fit.bins) : test;
    const std::vector<std::uint8_t>& heldLabels = useValidation ? p.validation.labels : p.test.labels;
    const std::vector<double> staged = stagedLogLoss(fit, held, heldLabels, pool);
    for (std::size_t t = 0; t < staged.size(); ++t)
        out.curve.push_back({ int(t + 1), staged[t], staged[t] });
    out.permutationImportance = permutationImportance(fit, held, heldLabels, r.forest.seed, pool);
}

std::vector<double> fitForestInto(TrainOutcome& out, const Prepared& p, const TrainRequest& r, QThreadPool* pool,
                                  const TrainCallbacks& callbacks, bool diagnostics, bool& wasCanceled)
{
    const FitClock clock;
    ForestFit fit = fitForest(p.train, r.forest, pool, [&](int done, int total) {
        report(callbacks, 0.9 * done / total, tr("tree %1 of %2").arg(done).arg(total));
        return !canceled(callbacks);
    });
    clock.stopInto(out);
    wasCanceled = fit.canceled;
    if (fit.canceled)
        return {};
    const BinnedMatrix test = binMatrix(p.test.dense, fit.bins);
    out.steps = int(fit.trees.size());
    out.stopReason = tr("%1 trees in %2 sub-forests").arg(fit.trees.size()).arg(fit.subForests);
    out.oobAuc = fit.oobAuc;
    out.oobLogLoss = fit.oobLogLoss;
    out.impurityImportance = fit.impurityImportance;
    if (diagnostics) {
        report(callbacks, 0.92, tr("Importance and loss curve"));
        addForestDiagnostics(out, fit, p, test, r, pool);
    }
    std::vector<double> predictions = predictForest(fit, test, pool);
    out.model = bidding::CtrModel::forest(p.spec, fit.modelTrees());
    return predictions;
}

} // namespace

QString validateRequest(const TrainRequest& r)
{
    if (r.validationShare < 0 || r.testShare <= 0 || r.validationShare + r.testShare >= 0.9)
        return tr("The validation and test shares must leave at least 10 % of the rows for training, and the test "
                  "share must be above 0.");
    if (r.kind == ModelKind::Logistic) {
        const LogisticOptions& o = r.logistic;
        if (o.l1 > 0 && o.optimizer == LogisticOptions::Optimizer::Lbfgs)
            return tr("L1 regularisation needs the FTRL optimiser (L-BFGS needs a smooth loss).");
        if (o.l2 < 0 || o.l1 < 0 || !std::isfinite(o.l2) || !std::isfinite(o.l1))
            return tr("L1 and L2 must be finite and not negative.");
        if (r.hashBits < 1 || r.hashBits > 24)
            return tr("The hash bits must be between 1 and 24 (2 to 16.7 million buckets).");
        if (o.maxIterations < 1 || o.epochs < 1 || o.batchSize < 1 || !(o.learningRate > 0))
            return tr("Iterations, epochs, batch size and learning rate must be positive.");
    } else {
        const ForestOptions& o = r.forest;
        if (o.trees < 1 || o.trees > 5000)
            return tr("The number of trees must be between 1 and 5000.");
        if (o.tree.maxDepth < 1 || o.tree.maxDepth > 40)
            return tr("The tree depth must be between 1 and 40.");
        if (o.tree.minSamplesLeaf < 1 || o.tree.featuresPerSplit < 0)
            return tr("The leaf size must be at least 1 and the features per split not negative.");
    }
    return {};
}

Expected<TrainOutcome> trainOnSplit(const LoadedData& data, const TrainRequest& request, const RowSplit& split,
                                    QThreadPool* pool, const TrainCallbacks& callbacks, bool diagnostics)
{
    if (const QString problem = validateRequest(request); !problem.isEmpty())
        return Error { problem };
    if (request.kind == ModelKind::Forest && data.data.denseNames.isEmpty())
        return Error { tr("The random forest needs dense features, and '%1' has none.").arg(request.dataPath) };
    if (split.test.empty() || split.train.size() < 10)
        return Error {
            tr("'%1' has too few rows (%2) to train and test.").arg(request.dataPath).arg(data.data.rows())
        };
    report(callbacks, 0.0, tr("Preparing features"));
    const Prepared p = prepareSplit(data, request, split);
    TrainOutcome out;
    out.dataDescription = data.description;
    out.badRowCount = data.badRowCount;
    out.badRows = data.badRows;
    out.trainRows = std::int64_t(split.train.size());
    out.validationRows = std::int64_t(split.validation.size());
    out.testRows = std::int64_t(split.test.size());
    out.threads = pool ? pool->maxThreadCount() : 1;
    for (const auto& f : p.spec.dense)
        out.featureNames << f.name;
    bool wasCanceled = false;
    const std::vector<double> predictions = request.kind == ModelKind::Logistic
        ? fitLogisticInto(out, p, request, pool, callbacks, wasCanceled)
        : fitForestInto(out, p, request, pool, callbacks, diagnostics, wasCanceled);
    if (wasCanceled)
        return Error { tr("Training was cancelled.") };
    report(callbacks, 0.97, tr("Evaluating on %1 test rows").arg(out.testRows));
    out.test = evaluate(predictions, p.test.labels);
    if (data.data.hasTruth()) {
        std::vector<double> truth;
        for (const std::uint32_t i : split.test)
            truth.push_back(data.data.truth[i]);
        out.trueAuc = rocAuc(truth, p.test.labels);
        out.trueLogLoss = logLoss(truth, p.test.labels);
    }
    out.model.metrics = metricsJson(out);
    out.model.trainingParameters = parametersJson(request, data);
    return out;
}

Expected<TrainOutcome> trainModel(const LoadedData& data, const TrainRequest& request, QThreadPool* pool,
                                  const TrainCallbacks& callbacks)
{
    const RowSplit split = splitRows(data.data.rows(), request.validationShare, request.testShare, request.seed);
    Expected<TrainOutcome> out = trainOnSplit(data, request, split, pool, callbacks, true);
    if (!out || request.modelPath.isEmpty())
        return out;
    if (const Status saved = out->model.save(request.modelPath); !saved)
        return Error { saved.error() };
    out->savedPath = request.modelPath;
    report(callbacks, 1.0, tr("Done"));
    return out;
}

void runTrainingJob(QPromise<jobs::JobResult<TrainOutcome>>& promise, const TrainRequest& request)
{
    jobs::JobContext<TrainOutcome> job(promise);
    if (const QString problem = validateRequest(request); !problem.isEmpty())
        return job.fail(problem);
    QElapsedTimer clock;
    clock.start();
    Expected<LoadedData> data = loadDataset(request.dataPath, request.mapping, [&](double f) {
        job.progress(0.2 * f, tr("Reading %1").arg(request.dataPath));
        return !job.canceled();
    });
    if (job.canceled())
        return;
    if (!data)
        return job.fail(data.error());
    const double loadSeconds = double(clock.nsecsElapsed()) / 1e9;
    TrainCallbacks callbacks { [&](double f, const QString& text) { job.progress(0.2 + 0.8 * f, text); },
                               [&] { return job.canceled(); } };
    Expected<TrainOutcome> outcome = trainModel(*data, request, jobs::jobPool(), callbacks);
    if (job.canceled())
        return;
    if (!outcome)
        return job.fail(outcome.error());
    outcome->loadSeconds = loadSeconds;
    job.succeed(std::move(outcome).value());
}

} // namespace bidlab::train
