// SPDX-License-Identifier: MIT
#include "core/train/logistic_trainer.h"

#include "core/jobs/parallel_for.h"
#include "core/train/lbfgs.h"
#include "core/train/logistic_objective.h"
#include "core/train/metrics.h"
#include "core/train/rng.h"

#include <cmath>
#include <numeric>

#include <QCoreApplication>

namespace bidlab::train {

namespace {

Eigen::VectorXd packWeights(const bidding::LogisticWeights& w, Eigen::Index dense, std::size_t buckets)
{
    Eigen::VectorXd theta = Eigen::VectorXd::Zero(1 + dense + Eigen::Index(buckets));
    theta(0) = w.bias;
    for (std::size_t i = 0; i < w.dense.size(); ++i)
        theta(1 + Eigen::Index(i)) = w.dense[i];
    for (std::size_t b = 0; b < w.hashed.size(); ++b)
        theta(1 + dense + Eigen::Index(b)) = w.hashed[b];
    return theta;
}

bidding::LogisticWeights unpackWeights(const Eigen::VectorXd& theta, Eigen::Index dense)
{
    bidding::LogisticWeights w;
    w.bias = theta(0);
    w.dense.assign(theta.data() + 1, theta.data() + 1 + dense);
    w.hashed.assign(theta.data() + 1 + dense, theta.data() + theta.size());
    return w;
}

double sigmoid(double z)
{
    return z >= 0 ? 1.0 / (1.0 + std::exp(-z)) : std::exp(z) / (1.0 + std::exp(z));
}

std::optional<double> validationLoss(const Eigen::VectorXd& theta, const PreparedData* validation, QThreadPool* pool)
{
    if (!validation || validation->rows() == 0)
        return std::nullopt;
    Eigen::VectorXd z;
    logisticScores(*validation, theta, pool, z);
    std::vector<double> p(std::size_t(z.size()));
    for (Eigen::Index i = 0; i < z.size(); ++i)
        p[std::size_t(i)] = sigmoid(z(i));
    return logLoss(p, validation->labels);
}

// The starting point: all weights 0 and the bias at the base rate's logit, so the first step is small.
Eigen::VectorXd initialTheta(const PreparedData& train, Eigen::Index dimension)
{
    Eigen::VectorXd theta = Eigen::VectorXd::Zero(dimension);
    const double rate = std::clamp(train.y.mean(), 1e-6, 1.0 - 1e-6);
    theta(0) = std::log(rate / (1.0 - rate));
    return theta;
}

LogisticFit fitLbfgs(const PreparedData& train, const PreparedData* validation, std::size_t bucketCount,
                     const LogisticOptions& options, QThreadPool* pool,
                     const std::function<bool(const LossPoint&)>& onStep)
{
    LogisticObjective objective(train, bucketCount, options.l2, pool);
    LbfgsOptions lbfgs;
    lbfgs.maxIterations = options.maxIterations;
    lbfgs.functionTolerance = options.tolerance;
    lbfgs.preconditioner = objective.curvatureDiagonal().cwiseInverse();
    LogisticFit fit;
    Eigen::VectorXd full; // theta over all the buckets
    const LbfgsResult result
        = minimizeLbfgs([&objective](const Eigen::VectorXd& x, Eigen::VectorXd& g) { return objective(x, g); },
                        initialTheta(train, objective.dimension()), lbfgs,
                        [&](const LbfgsStep& step) {
                            std::optional<double> held;
                            if (validation && validation->rows() > 0) {
                                objective.expand(*step.x, full);
                                held = validationLoss(full, validation, pool);
                            }
                            fit.curve.push_back({ step.iteration, step.value, held });
                            return !onStep || onStep(fit.curve.back());
                        });
    objective.expand(result.x, full);
    fit.weights = unpackWeights(full, train.dense.cols());
    fit.steps = result.iterations;
    fit.evaluations = result.evaluations;
    fit.canceled = result.canceled;
    fit.stopReason = result.stopReason;
    return fit;
}

// FTRL-Proximal (McMahan et al. 2013) over mini-batches: per coordinate z and n, weights in closed form.
class Ftrl
{
public:
    Ftrl(Eigen::Index dimension, const LogisticOptions& o)
        : m_z(Eigen::VectorXd::Zero(dimension))
        , m_n(Eigen::VectorXd::Zero(dimension))
        , m_options(o)
    { }

    double weight(Eigen::Index j) const
    {
        const double z = m_z(j);
        if (std::abs(z) <= m_options.l1 && j > 0) // the bias is not regularised
            return 0.0;
        const double l1 = j > 0 ? m_options.l1 : 0.0, l2 = j > 0 ? m_options.l2 : 0.0;
        return -(z - std::copysign(l1, z)) / ((1.0 + std::sqrt(m_n(j))) / m_options.learningRate + l2);
    }
    void update(Eigen::Index j, double g, double w)
    {
        const double sigma = (std::sqrt(m_n(j) + g * g) - std::sqrt(m_n(j))) / m_options.learningRate;
        m_z(j) += g - sigma * w;
        m_n(j) += g * g;
    }
    void seedBias(double bias) { m_z(0) = -bias / m_options.learningRate; } // weight(0) == bias with n = 0

private:
    Eigen::VectorXd m_z;
    Eigen::VectorXd m_n;
    const LogisticOptions& m_options;
};

LogisticFit fitFtrl(const PreparedData& train, const PreparedData* validation, std::size_t bucketCount,
                    const LogisticOptions& options, QThreadPool* pool,
                    const std::function<bool(const LossPoint&)>& onStep)
{
    constexpr int kBatchShards = 4; // fixed, so the result does not depend on the thread count
    const Eigen::Index d = train.dense.cols();
    const Eigen::Index dimension = 1 + d + Eigen::Index(bucketCount);
    const auto c = static_cast<std::size_t>(train.categoricalCount);
    Ftrl ftrl(dimension, options);
    ftrl.seedBias(initialTheta(train, dimension)(0));
    Eigen::VectorXd theta = Eigen::VectorXd::Zero(dimension); // current weights of the touched coordinates
    Eigen::VectorXd hashedGradient = Eigen::VectorXd::Zero(Eigen::Index(bucketCount));
    std::vector<std::uint8_t> touched(bucketCount, 0);
    std::vector<std::uint32_t> touchedList;
    Eigen::MatrixXd shardGradient(1 + d, kBatchShards);
    std::vector<double> shardLoss(kBatchShards);
    std::vector<std::vector<std::pair<std::uint32_t, double>>> shardHashed(kBatchShards);
    const auto rows = static_cast<Eigen::Index>(train.rows());
    const Eigen::Index batch = std::max(1, options.batchSize);
    std::vector<Eigen::Index> batches((rows + batch - 1) / batch);
    std::iota(batches.begin(), batches.end(), Eigen::Index(0));
    LogisticFit fit;
    for (int epoch = 1; epoch <= options.epochs; ++epoch) {
        Rng(options.seed, std::uint64_t(epoch)).shuffle(batches);
        double epochLoss = 0.0;
        for (const Eigen::Index b : batches) {
            const Eigen::Index a = b * batch, end = std::min(rows, a + batch);
            // Current weights of the coordinates this batch touches.
            for (Eigen::Index j = 0; j <= d; ++j)
                theta(j) = ftrl.weight(j);
            touchedList.clear();
            for (std::size_t k = std::size_t(a) * c; k < std::size_t(end) * c; ++k) {
                const std::uint32_t bucket = train.buckets[k];
                if (!touched[bucket]) {
                    touched[bucket] = 1;
                    touchedList.push_back(bucket);
                    theta(1 + d + bucket) = ftrl.weight(1 + d + bucket);
                }
            }
            jobs::parallelFor(pool, kBatchShards, [&](qsizetype s) {
                const Eigen::Index from = a + (end - a) * s / kBatchShards, to = a + (end - a) * (s + 1) / kBatchShards;
                Eigen::VectorXd z = train.dense.middleRows(from, to - from) * theta.segment(1, d);
                auto& hashed = shardHashed[std::size_t(s)];
                hashed.clear();
                double loss = 0.0;
                for (Eigen::Index i = from; i < to; ++i) {
                    double zi = z(i - from) + theta(0);
                    for (std::size_t f = 0; f < c; ++f)
                        zi += theta(1 + d + train.buckets[std::size_t(i) * c + f]);
                    const double p = sigmoid(zi);
                    loss -= train.labels[std::size_t(i)] ? std::log(std::max(p, 1e-15))
                                                         : std::log(std::max(1.0 - p, 1e-15));
                    z(i - from) = p - train.y(i);
                    for (std::size_t f = 0; f < c; ++f)
                        hashed.push_back({ train.buckets[std::size_t(i) * c + f], z(i - from) });
                }
                shardLoss[std::size_t(s)] = loss;
                shardGradient(0, s) = z.sum();
                shardGradient.col(s).tail(d).noalias() = train.dense.middleRows(from, to - from).transpose() * z;
            });
            Eigen::VectorXd denseGradient = Eigen::VectorXd::Zero(1 + d);
            for (int s = 0; s < kBatchShards; ++s) { // in shard order
                epochLoss += shardLoss[std::size_t(s)];
                denseGradient += shardGradient.col(s);
                for (const auto& [bucket, g] : shardHashed[std::size_t(s)])
                    hashedGradient(bucket) += g;
            }
            for (Eigen::Index j = 0; j <= d; ++j)
                ftrl.update(j, denseGradient(j), theta(j));
            for (const std::uint32_t bucket : touchedList) {
                ftrl.update(1 + d + bucket, hashedGradient(bucket), theta(1 + d + bucket));
                hashedGradient(bucket) = 0.0;
                touched[bucket] = 0;
            }
        }
        for (Eigen::Index j = 0; j < dimension; ++j)
            theta(j) = ftrl.weight(j);
        fit.curve.push_back(
            { epoch, epochLoss / double(std::max<Eigen::Index>(rows, 1)), validationLoss(theta, validation, pool) });
        fit.steps = epoch;
        if (onStep && !onStep(fit.curve.back())) {
            fit.canceled = true;
            fit.stopReason = QCoreApplication::translate("LogisticTrainer", "cancelled");
            break;
        }
    }
    if (fit.stopReason.isEmpty())
        fit.stopReason = QCoreApplication::translate("LogisticTrainer", "epoch limit");
    for (Eigen::Index j = 0; j < dimension; ++j)
        theta(j) = ftrl.weight(j);
    fit.weights = unpackWeights(theta, d);
    return fit;
}

} // namespace

LogisticFit fitLogistic(const PreparedData& train, const PreparedData* validation, std::size_t bucketCount,
                        const LogisticOptions& options, QThreadPool* pool,
                        const std::function<bool(const LossPoint&)>& onStep)
{
    if (options.optimizer == LogisticOptions::Optimizer::Ftrl)
        return fitFtrl(train, validation, bucketCount, options, pool, onStep);
    return fitLbfgs(train, validation, bucketCount, options, pool, onStep);
}

std::vector<double> predictLogistic(const bidding::LogisticWeights& weights, const PreparedData& data,
                                    QThreadPool* pool)
{
    Eigen::VectorXd z;
    logisticScores(data, packWeights(weights, data.dense.cols(), weights.hashed.size()), pool, z);
    std::vector<double> p(std::size_t(z.size()));
    for (Eigen::Index i = 0; i < z.size(); ++i)
        p[std::size_t(i)] = sigmoid(z(i));
    return p;
}

} // namespace bidlab::train
