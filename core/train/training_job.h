// SPDX-License-Identifier: MIT
#pragma once

#include "core/bidding/ctr_model.h"
#include "core/jobs/job.h"
#include "core/train/dataset_loader.h"
#include "core/train/logistic_trainer.h"
#include "core/train/metrics.h"
#include "core/train/random_forest.h"

#include <functional>
#include <optional>

class QThreadPool;

// The training job: load a data set, split it with a seed, fit the spec and the model, evaluate it on the
// test rows, and save the model file (CtrModel) with its metrics and training parameters.
namespace bidlab::train {

enum class ModelKind { Logistic, Forest };

struct TrainRequest
{
    QString dataPath;
    ColumnMapping mapping;
    ModelKind kind = ModelKind::Logistic;
    LogisticOptions logistic;
    int hashBits = 18; // 2^hashBits buckets for the categorical features
    ForestOptions forest;
    double validationShare = 0.1;
    double testShare = 0.2;
    std::uint64_t seed = 42; // the split; the forest and FTRL take their own seeds from the options
    QString modelPath; // written when not empty
};

struct TrainOutcome
{
    bidding::CtrModel model;
    QString dataDescription;
    std::int64_t badRowCount = 0;
    std::vector<BadRow> badRows;
    std::int64_t trainRows = 0, validationRows = 0, testRows = 0;
    Evaluation test;
    std::optional<double> trueAuc; // of the true probabilities on the test rows (synthetic sets)
    std::optional<double> trueLogLoss;
    std::vector<LossPoint> curve; // L-BFGS iterations, FTRL epochs, or the forest's trees
    QStringList featureNames; // dense features, for the importances
    std::vector<double> impurityImportance; // forest
    std::vector<double> permutationImportance; // forest: AUC drop on the validation (else test) rows
    std::vector<double> weightImportance; // logistic: |weight| of each standardised dense feature
    std::optional<double> oobAuc, oobLogLoss;
    int steps = 0;
    int evaluations = 0; // L-BFGS: objective and gradient evaluations (steps plus line-search trials)
    QString stopReason;
    double loadSeconds = 0.0;
    double fitSeconds = 0.0; // the optimiser or the forest only: no parsing, no evaluation
    double fitCpuSeconds = 0.0; // CPU time of the whole process (all threads) over the same span
    int threads = 1;
    QString savedPath;
};

// What the training reports while it runs; canceled() is polled between steps.
struct TrainCallbacks
{
    std::function<void(double fraction, const QString& text)> progress;
    std::function<bool()> canceled;
};

struct RowSplit;

// Trains on data already in memory (tests, benchmarks, the tuner). Fails on a bad request.
Expected<TrainOutcome> trainModel(const LoadedData& data, const TrainRequest& request, QThreadPool* pool,
                                  const TrainCallbacks& callbacks = {});

// Trains on the split's training rows and evaluates on its test rows; the validation rows (may be none) give
// the loss curve and the forest's permutation importance. diagnostics = false skips the forest's curve and
// importances (the tuner's folds). Nothing is saved.
Expected<TrainOutcome> trainOnSplit(const LoadedData& data, const TrainRequest& request, const RowSplit& split,
                                    QThreadPool* pool, const TrainCallbacks& callbacks, bool diagnostics);

// The job: loading (first fifth of the progress bar) then trainModel on the job's pool.
void runTrainingJob(QPromise<jobs::JobResult<TrainOutcome>>& promise, const TrainRequest& request);

// Checks a request before it starts (ranges, the L1/L-BFGS combination): a sentence per problem.
QString validateRequest(const TrainRequest& request);

} // namespace bidlab::train
