// SPDX-License-Identifier: MIT
#include "core/train/hyper_search.h"

#include "core/jobs/job_pool.h"
#include "core/jobs/parallel_for.h"
#include "core/train/data_split.h"
#include "core/train/rng.h"

#include <cmath>
#include <mutex>
#include <numeric>

#include <QCoreApplication>
#include <QElapsedTimer>

namespace bidlab::train {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("HyperSearch", text);
}

bool isInteger(const QString& name)
{
    static const QStringList integers { QStringLiteral("hashBits"),        QStringLiteral("epochs"),
                                        QStringLiteral("iterations"),      QStringLiteral("trees"),
                                        QStringLiteral("maxDepth"),        QStringLiteral("minSamplesLeaf"),
                                        QStringLiteral("featuresPerSplit") };
    return integers.contains(name);
}

double mean(const std::vector<double>& v)
{
    return v.empty() ? std::nan("") : std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
}

double draw(const SearchDimension& d, Rng& rng)
{
    if (!d.values.empty())
        return d.values[rng.below(std::uint32_t(d.values.size()))];
    const double u = rng.uniform();
    double v = d.logScale ? std::exp(std::log(d.low) + u * (std::log(d.high) - std::log(d.low)))
                          : d.low + u * (d.high - d.low);
    if (isInteger(d.name))
        v = std::clamp(std::round(v), std::ceil(d.low), std::floor(d.high));
    return v;
}

} // namespace

QStringList searchableParameters(ModelKind kind)
{
    if (kind == ModelKind::Logistic)
        return { QStringLiteral("l2"),       QStringLiteral("l1"),     QStringLiteral("learningRate"),
                 QStringLiteral("hashBits"), QStringLiteral("epochs"), QStringLiteral("iterations") };
    return { QStringLiteral("trees"), QStringLiteral("maxDepth"), QStringLiteral("minSamplesLeaf"),
             QStringLiteral("featuresPerSplit") };
}

Expected<SearchDimension> parseDimension(const QString& text)
{
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    SearchDimension d;
    d.name = text.left(eq).trimmed();
    QString rest = text.mid(eq + 1).trimmed();
    const auto bad = [&](const QString& why) { return Error { tr("The search dimension '%1' %2").arg(text, why) }; };
    if (eq <= 0 || rest.isEmpty())
        return bad(tr("must look like name=v1,v2,... or name=low..high[:log]."));
    if (rest.endsWith(QLatin1String(":log"))) {
        d.logScale = true;
        rest.chop(4);
    }
    bool ok = true;
    if (rest.contains(QLatin1String(".."))) {
        const QStringList ends = rest.split(QStringLiteral(".."));
        bool okLow = false, okHigh = false;
        d.low = ends.value(0).toDouble(&okLow);
        d.high = ends.value(1).toDouble(&okHigh);
        if (ends.size() != 2 || !okLow || !okHigh || !(d.low < d.high))
            return bad(tr("has a range that is not low..high with low < high."));
        if (d.logScale && d.low <= 0)
            return bad(tr("has a logarithmic range that does not start above 0."));
    } else {
        for (const QString& v : rest.split(QLatin1Char(','))) {
            d.values.push_back(v.trimmed().toDouble(&ok));
            if (!ok || !std::isfinite(d.values.back()))
                return bad(tr("has '%1', which is not a number.").arg(v));
        }
    }
    return d;
}

double Trial::meanAuc() const
{
    return mean(foldAuc);
}

double Trial::meanLogLoss() const
{
    return mean(foldLogLoss);
}

std::vector<int> Leaderboard::ranking() const
{
    std::vector<int> order(trials.size());
    std::iota(order.begin(), order.end(), 0);
    auto rank = [](Trial::State s) {
        switch (s) {
        case Trial::State::Finished:
            return 0;
        case Trial::State::Stopped:
            return 1;
        case Trial::State::Running:
            return 2;
        case Trial::State::Waiting:
            return 3;
        case Trial::State::Failed:
            return 4;
        }
        return 5;
    };
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const Trial& x = trials[std::size_t(a)];
        const Trial& y = trials[std::size_t(b)];
        if (rank(x.state) != rank(y.state))
            return rank(x.state) < rank(y.state);
        const double ax = x.foldAuc.empty() ? -1.0 : x.meanAuc(), ay = y.foldAuc.empty() ? -1.0 : y.meanAuc();
        return ax > ay;
    });
    return order;
}

Expected<std::vector<QList<QPair<QString, double>>>> expandSearch(const TuneRequest& request)
{
    const QStringList known = searchableParameters(request.base.kind);
    if (request.space.empty())
        return Error {
            tr("The search space is empty: give at least one parameter (%1).").arg(known.join(QStringLiteral(", ")))
        };
    for (const SearchDimension& d : request.space) {
        if (!known.contains(d.name))
            return Error { tr("'%1' cannot be searched for this model (searchable: %2).")
                               .arg(d.name, known.join(QStringLiteral(", "))) };
        if (!request.randomSearch && d.values.empty())
            return Error { tr("The grid search needs listed values for '%1', not a range.").arg(d.name) };
    }
    std::vector<QList<QPair<QString, double>>> out;
    if (request.randomSearch) {
        for (int t = 0; t < std::max(1, request.trials); ++t) {
            Rng rng(request.base.seed, 7000 + std::uint64_t(t));
            QList<QPair<QString, double>> p;
            for (const SearchDimension& d : request.space)
                p.append({ d.name, draw(d, rng) });
            out.push_back(p);
        }
        return out;
    }
    out.push_back({});
    for (const SearchDimension& d : request.space) {
        std::vector<QList<QPair<QString, double>>> next;
        for (const auto& partial : out) {
            for (const double v : d.values) {
                QList<QPair<QString, double>> p = partial;
                p.append({ d.name, v });
                next.push_back(p);
            }
        }
        out = std::move(next);
    }
    if (out.size() > 1000)
        return Error {
            tr("The grid has %1 combinations; at most 1000 are allowed (use random search).").arg(out.size())
        };
    return out;
}

TrainRequest withParameters(const TrainRequest& base, const QList<QPair<QString, double>>& parameters)
{
    TrainRequest r = base;
    for (const auto& [name, v] : parameters) {
        const int i = int(std::lround(v));
        if (name == QLatin1String("l2"))
            r.logistic.l2 = v;
        else if (name == QLatin1String("l1"))
            r.logistic.l1 = v;
        else if (name == QLatin1String("learningRate"))
            r.logistic.learningRate = v;
        else if (name == QLatin1String("hashBits"))
            r.hashBits = i;
        else if (name == QLatin1String("epochs"))
            r.logistic.epochs = i;
        else if (name == QLatin1String("iterations"))
            r.logistic.maxIterations = i;
        else if (name == QLatin1String("trees"))
            r.forest.trees = i;
        else if (name == QLatin1String("maxDepth"))
            r.forest.tree.maxDepth = i;
        else if (name == QLatin1String("minSamplesLeaf"))
            r.forest.tree.minSamplesLeaf = i;
        else if (name == QLatin1String("featuresPerSplit"))
            r.forest.tree.featuresPerSplit = i;
    }
    return r;
}

Expected<TuneOutcome> tuneModel(const LoadedData& data, const TuneRequest& request, QThreadPool* pool,
                                const TrainCallbacks& callbacks)
{
    const Expected<std::vector<QList<QPair<QString, double>>>> settings = expandSearch(request);
    if (!settings)
        return Error { settings.error() };
    for (std::size_t t = 0; t < settings->size(); ++t) {
        if (const QString problem = validateRequest(withParameters(request.base, (*settings)[t])); !problem.isEmpty())
            return Error { tr("Trial %1 is invalid: %2").arg(t + 1).arg(problem) };
    }
    const TrainRequest& base = request.base;
    const RowSplit split = splitRows(data.data.rows(), base.validationShare, base.testShare, base.seed);
    std::vector<std::uint32_t> searchRows = split.train; // cross-validation on training + validation rows
    searchRows.insert(searchRows.end(), split.validation.begin(), split.validation.end());
    const int k = std::max(2, request.folds);
    const std::vector<std::vector<std::uint32_t>> folds = kFolds(searchRows.size(), k, base.seed);
    auto foldSplit = [&](int f) {
        RowSplit s;
        for (const std::uint32_t i : allFoldsBut(folds, std::size_t(f)))
            s.train.push_back(searchRows[i]);
        for (const std::uint32_t i : folds[std::size_t(f)])
            s.test.push_back(searchRows[i]);
        return s;
    };

    TuneOutcome outcome;
    Leaderboard& board = outcome.leaderboard;
    board.folds = k;
    for (std::size_t t = 0; t < settings->size(); ++t)
        board.trials.push_back({ int(t), (*settings)[t], {}, {}, Trial::State::Waiting, {}, 0.0 });
    std::mutex mutex;
    double bestMean = -1.0;
    int foldsDone = 0;
    const int foldsTotal = int(settings->size()) * k;
    auto publish = [&] { // under the mutex
        if (request.onUpdate)
            request.onUpdate(board);
        if (callbacks.progress)
            callbacks.progress(0.85 * foldsDone / foldsTotal, tr("%1 of %2 folds").arg(foldsDone).arg(foldsTotal));
    };
    std::atomic<bool> stop { false };
    jobs::parallelFor(
        pool, qsizetype(settings->size()),
        [&](qsizetype t) {
            Trial& trial = board.trials[std::size_t(t)];
            const TrainRequest trialRequest = withParameters(base, trial.parameters);
            QElapsedTimer clock;
            clock.start();
            {
                std::lock_guard lock(mutex);
                trial.state = Trial::State::Running;
                publish();
            }
            for (int f = 0; f < k; ++f) {
                const TrainCallbacks inner { {}, [&] { return stop.load(); } };
                Expected<TrainOutcome> fold = trainOnSplit(data, trialRequest, foldSplit(f), pool, inner, false);
                std::lock_guard lock(mutex);
                foldsDone += 1;
                if (!fold) {
                    trial.state = Trial::State::Failed;
                    trial.note = fold.error();
                    foldsDone += k - f - 1;
                    publish();
                    return;
                }
                trial.foldAuc.push_back(fold->test.auc.value_or(0.5));
                trial.foldLogLoss.push_back(fold->test.logLoss.value_or(std::nan("")));
                trial.seconds = double(clock.nsecsElapsed()) / 1e9;
                const bool hopeless = f + 1 < k && bestMean > 0 && trial.meanAuc() < bestMean - request.earlyStopMargin;
                if (hopeless) {
                    trial.state = Trial::State::Stopped;
                    trial.note = tr("stopped after %1 of %2 folds: mean AUC %3 trails the best %4 by more than %5")
                                     .arg(f + 1)
                                     .arg(k)
                                     .arg(trial.meanAuc(), 0, 'f', 4)
                                     .arg(bestMean, 0, 'f', 4)
                                     .arg(request.earlyStopMargin);
                    foldsDone += k - f - 1;
                    publish();
                    return;
                }
                if (f + 1 == k) {
                    trial.state = Trial::State::Finished;
                    bestMean = std::max(bestMean, trial.meanAuc());
                }
                publish();
                if (callbacks.canceled && callbacks.canceled())
                    stop = true;
            }
        },
        [&] { return stop.load() || (callbacks.canceled && callbacks.canceled()); });
    if (stop.load() || (callbacks.canceled && callbacks.canceled()))
        return Error { tr("The search was cancelled.") };
    const std::vector<int> ranking = board.ranking();
    if (ranking.empty() || board.trials[std::size_t(ranking.front())].state != Trial::State::Finished)
        return Error { tr("No trial finished: %1").arg(board.trials.empty() ? QString() : board.trials.front().note) };
    outcome.bestTrial = ranking.front();
    const TrainCallbacks last { [&](double f, const QString& text) {
                                   if (callbacks.progress)
                                       callbacks.progress(0.85 + 0.15 * f, tr("Best setting: %1").arg(text));
                               },
                                callbacks.canceled };
    Expected<TrainOutcome> best
        = trainModel(data, withParameters(base, board.trials[std::size_t(outcome.bestTrial)].parameters), pool, last);
    if (!best)
        return Error { best.error() };
    outcome.best = std::move(best).value();
    return outcome;
}

void runTuningJob(QPromise<jobs::JobResult<TuneOutcome>>& promise, const TuneRequest& request)
{
    jobs::JobContext<TuneOutcome> job(promise);
    Expected<LoadedData> data = loadDataset(request.base.dataPath, request.base.mapping, [&](double f) {
        job.progress(0.1 * f, tr("Reading %1").arg(request.base.dataPath));
        return !job.canceled();
    });
    if (job.canceled())
        return;
    if (!data)
        return job.fail(data.error());
    std::mutex progressMutex; // progress comes from several pool threads
    TrainCallbacks callbacks { [&](double f, const QString& text) {
                                  std::lock_guard lock(progressMutex);
                                  job.progress(0.1 + 0.9 * f, text);
                              },
                               [&] {
                                   std::lock_guard lock(progressMutex);
                                   return job.canceled();
                               } };
    Expected<TuneOutcome> outcome = tuneModel(*data, request, jobs::jobPool(), callbacks);
    if (job.canceled())
        return;
    if (!outcome)
        return job.fail(outcome.error());
    job.succeed(std::move(outcome).value());
}

} // namespace bidlab::train
