// SPDX-License-Identifier: MIT
#pragma once

#include "core/train/training_job.h"

#include <functional>
#include <vector>

// Hyper-parameter search: grid or random over a declared space, each trial scored by k-fold cross-validation
// on the training rows (the test rows stay unseen), trials spread over the pool, hopeless trials stopped
// early, and the leaderboard handed out after every fold. The best setting is then trained on all training
// rows and evaluated once on the test rows.
namespace bidlab::train {

// One searched parameter: l2, l1, learningRate, hashBits, epochs, iterations (logistic); trees, maxDepth,
// minSamplesLeaf, featuresPerSplit (forest). Either listed values, or a range [low, high] (random search
// draws log-uniformly when logScale, and rounds integer parameters).
struct SearchDimension
{
    QString name;
    std::vector<double> values;
    double low = 0.0, high = 0.0;
    bool logScale = false;
};

// Parses "l2=1e-7,1e-6,1e-5" or "l2=1e-8..1e-3:log" or "maxDepth=4..12"; the error names the text.
Expected<SearchDimension> parseDimension(const QString& text);
// The parameter names the search knows, for a model kind.
QStringList searchableParameters(ModelKind kind);

struct TuneRequest
{
    TrainRequest base; // data, model kind and the parameters not searched; base.modelPath gets the best model
    std::vector<SearchDimension> space;
    bool randomSearch = false; // else the grid (every combination of the listed values)
    int trials = 20; // random search
    int folds = 3;
    double earlyStopMargin = 0.01; // stop a trial whose running mean AUC trails the best finished by more
    // Called (serialised, from pool threads) whenever the leaderboard changes.
    std::function<void(const struct Leaderboard&)> onUpdate;
};

struct Trial
{
    enum class State { Waiting, Running, Finished, Stopped, Failed };
    int index = 0;
    QList<QPair<QString, double>> parameters;
    std::vector<double> foldAuc;
    std::vector<double> foldLogLoss;
    State state = State::Waiting;
    QString note; // why it stopped or failed
    double seconds = 0.0;

    double meanAuc() const;
    double meanLogLoss() const;
};

struct Leaderboard
{
    std::vector<Trial> trials; // in trial order
    int folds = 0;
    // Trials ranked: finished ones by mean AUC (best first), then stopped, running, waiting, failed.
    std::vector<int> ranking() const;
};

struct TuneOutcome
{
    Leaderboard leaderboard;
    int bestTrial = -1;
    TrainOutcome best; // the best setting trained on all training rows, tested once
};

// The trials a request declares (the grid, or the random draws), as parameter lists.
Expected<std::vector<QList<QPair<QString, double>>>> expandSearch(const TuneRequest& request);

// A copy of the request's parameters with these values set.
TrainRequest withParameters(const TrainRequest& base, const QList<QPair<QString, double>>& parameters);

Expected<TuneOutcome> tuneModel(const LoadedData& data, const TuneRequest& request, QThreadPool* pool,
                                const TrainCallbacks& callbacks = {});

void runTuningJob(QPromise<jobs::JobResult<TuneOutcome>>& promise, const TuneRequest& request);

} // namespace bidlab::train
