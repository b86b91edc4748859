// SPDX-License-Identifier: MIT
#pragma once

#include "core/bidding/ctr_model.h"
#include "core/train/prepared_data.h"

#include <functional>
#include <optional>

#include <QString>

class QThreadPool;

// Fits logistic regression weights on prepared data: full-batch L-BFGS on the data-parallel objective (L2),
// or mini-batch FTRL-Proximal (per-coordinate Adagrad-style rates, L1 and L2), the mini-batch gradients
// again computed shard by shard on the pool.
namespace bidlab::train {

struct LogisticOptions
{
    enum class Optimizer { Lbfgs, Ftrl };
    Optimizer optimizer = Optimizer::Lbfgs;
    double l2 = 1e-6; // L-BFGS: on the mean loss; FTRL: lambda2 of FTRL-Proximal
    double l1 = 0.0; // FTRL only (lambda1); L-BFGS rejects it
    int maxIterations = 100; // L-BFGS iterations
    double tolerance = 1e-8; // L-BFGS relative decrease per iteration
    double learningRate = 0.1; // FTRL alpha
    int epochs = 5; // FTRL passes over the data
    int batchSize = 4096; // FTRL rows per mini-batch
    std::uint64_t seed = 1; // FTRL mini-batch order
};

// One point of the loss curve: after an L-BFGS iteration or an FTRL epoch.
struct LossPoint
{
    int step = 0;
    double trainLoss = 0.0; // L-BFGS: the regularised objective; FTRL: the epoch's progressive log loss
    std::optional<double> validationLoss;
};

struct LogisticFit
{
    bidding::LogisticWeights weights;
    std::vector<LossPoint> curve;
    int steps = 0;
    int evaluations = 0;
    bool canceled = false;
    QString stopReason;
};

// onStep may return false to cancel. validation may be null.
LogisticFit fitLogistic(const PreparedData& train, const PreparedData* validation, std::size_t bucketCount,
                        const LogisticOptions& options, QThreadPool* pool,
                        const std::function<bool(const LossPoint&)>& onStep = {});

// P(click) for every row of prepared data (rows in parallel).
std::vector<double> predictLogistic(const bidding::LogisticWeights& weights, const PreparedData& data,
                                    QThreadPool* pool);

} // namespace bidlab::train
