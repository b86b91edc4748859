// SPDX-License-Identifier: MIT
// bidlab-cli bench train DATA: fit times (without parsing) and test metrics of the logistic regression and
// the random forest for each thread count, on a split by position that scikit-learn's side
// (tests/bench/train/sklearn_fit.py, run with --sklearn) reproduces on the same rows, side by side.
#include "app/cli/cli_command.h"
#include "app/cli/peer_script.h"
#include "app/cli/train_cli_options.h"
#include "core/train/data_split.h"

#include <algorithm>
#include <optional>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QThread>
#include <QThreadPool>

namespace bidlab::cli {

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

QJsonValue number(const std::optional<double>& v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

QString fixed(const QJsonValue& v, int decimals)
{
    return v.isDouble() ? QString::number(v.toDouble(), 'f', decimals) : QStringLiteral("—");
}

qint64 nodeCount(const bidding::CtrModel& model)
{
    qint64 nodes = 0;
    for (const bidding::Tree& tree : model.trees())
        nodes += qint64(tree.size());
    return nodes;
}

// One model at one thread count, `repeat` times: the fit times and the (identical) metrics of the last run.
Expected<QJsonObject> measure(const train::LoadedData& data, train::TrainRequest request, train::ModelKind kind,
                              int threads, int repeat, const train::RowSplit& split)
{
    request.kind = kind;
    QThreadPool pool;
    pool.setMaxThreadCount(threads);
    std::vector<double> wall, cpu;
    QJsonObject run;
    for (int r = 0; r < repeat; ++r) {
        // On a thread of the pool, as the training job runs: the pool then has `threads` threads in all.
        std::optional<Expected<train::TrainOutcome>> result;
        pool.start([&] { result = train::trainOnSplit(data, request, split, &pool, {}, false); });
        pool.waitForDone();
        const Expected<train::TrainOutcome>& out = *result;
        if (!out)
            return Error { out.error() };
        wall.push_back(out->fitSeconds);
        cpu.push_back(out->fitCpuSeconds);
        run = { { QStringLiteral("model"),
                  kind == train::ModelKind::Logistic ? QStringLiteral("logistic") : QStringLiteral("forest") },
                { QStringLiteral("threads"), threads },
                { QStringLiteral("auc"), number(out->test.auc) },
                { QStringLiteral("logLoss"), number(out->test.logLoss) },
                { QStringLiteral("oobAuc"), number(out->oobAuc) },
                { QStringLiteral("trueAuc"), number(out->trueAuc) },
                { QStringLiteral("steps"), out->steps },
                { QStringLiteral("nodes"), nodeCount(out->model) },
                { QStringLiteral("evaluations"), out->evaluations },
                { QStringLiteral("stopReason"), out->stopReason } };
        printErr(QStringLiteral("  %1, %2 threads, run %3: fit %4 s (CPU %5 s), test AUC %6")
                     .arg(run.value(QStringLiteral("model")).toString())
                     .arg(threads)
                     .arg(r + 1)
                     .arg(out->fitSeconds, 0, 'f', 3)
                     .arg(out->fitCpuSeconds, 0, 'f', 3)
                     .arg(fixed(run.value(QStringLiteral("auc")), 5)));
    }
    QJsonArray all;
    for (const double s : wall)
        all.append(s);
    run.insert(QStringLiteral("fitSeconds"), all);
    run.insert(QStringLiteral("fitSecondsBest"), *std::min_element(wall.begin(), wall.end()));
    run.insert(QStringLiteral("fitSecondsMedian"), median(wall));
    run.insert(QStringLiteral("fitCpuSecondsMedian"), median(cpu));
    return run;
}

// scikit-learn's side: the script prints one JSON line (see its docstring).
Expected<QJsonObject> runScikitLearn(const QString& python, const QString& script, const train::TrainRequest& r,
                                     const QStringList& models, const QList<int>& threadCounts)
{
    QStringList jobs;
    for (const int t : threadCounts)
        jobs << QString::number(t);
    QStringList sk;
    if (models.contains(QLatin1String("logistic")))
        sk << QStringLiteral("lr");
    if (models.contains(QLatin1String("forest")))
        sk << QStringLiteral("rf");
    const QStringList arguments { script,
                                  r.dataPath,
                                  QStringLiteral("--test-share"),
                                  QString::number(r.testShare),
                                  QStringLiteral("--models"),
                                  sk.join(QLatin1Char(',')),
                                  QStringLiteral("--jobs"),
                                  jobs.join(QLatin1Char(',')),
                                  QStringLiteral("--l2"),
                                  QString::number(r.logistic.l2, 'g', 17),
                                  QStringLiteral("--trees"),
                                  QString::number(r.forest.trees),
                                  QStringLiteral("--depth"),
                                  QString::number(r.forest.tree.maxDepth),
                                  QStringLiteral("--min-leaf"),
                                  QString::number(r.forest.tree.minSamplesLeaf),
                                  QStringLiteral("--seed"),
                                  QString::number(r.forest.seed) };
    printErr(QStringLiteral("scikit-learn: %1 %2").arg(python, arguments.join(QLatin1Char(' '))));
    return runPeerScript(python, arguments);
}

void printTable(const QJsonObject& result)
{
    const QJsonObject sk = result.value(QStringLiteral("sklearn")).toObject();
    printOut(QStringLiteral("%1 rows (train %2, test %3, the last rows), loaded in %4 s; true model: test AUC %5")
                 .arg(result.value(QStringLiteral("rows")).toInteger())
                 .arg(result.value(QStringLiteral("trainRows")).toInteger())
                 .arg(result.value(QStringLiteral("testRows")).toInteger())
                 .arg(fixed(result.value(QStringLiteral("loadSeconds")), 2))
                 .arg(fixed(result.value(QStringLiteral("trueAuc")), 5)));
    printOut(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9")
                 .arg(QStringLiteral("model"), -9)
                 .arg(QStringLiteral("threads"), 7)
                 .arg(QStringLiteral("fit s"), 9)
                 .arg(QStringLiteral("CPU s"), 9)
                 .arg(QStringLiteral("AUC"), 8)
                 .arg(QStringLiteral("log loss"), 9)
                 .arg(QStringLiteral("sklearn s"), 10)
                 .arg(QStringLiteral("sklearn AUC"), 12)
                 .arg(QStringLiteral("sklearn/BidLab"), 15));
    for (const QJsonValue& v : result.value(QStringLiteral("runs")).toArray()) {
        const QJsonObject run = v.toObject();
        const bool logistic = run.value(QStringLiteral("model")).toString() == QLatin1String("logistic");
        const int threads = run.value(QStringLiteral("threads")).toInt();
        // The logistic regression of scikit-learn has one thread whatever n_jobs; its forest has n_jobs.
        const QJsonObject peer = logistic
            ? sk.value(QStringLiteral("lr")).toObject()
            : sk.value(QStringLiteral("rf")).toObject().value(QStringLiteral("jobs_%1").arg(threads)).toObject();
        const double ours = run.value(QStringLiteral("fitSecondsMedian")).toDouble();
        const QJsonValue theirs = peer.value(QStringLiteral("fit_s"));
        printOut(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9")
                     .arg(run.value(QStringLiteral("model")).toString(), -9)
                     .arg(threads, 7)
                     .arg(ours, 9, 'f', 3)
                     .arg(run.value(QStringLiteral("fitCpuSecondsMedian")).toDouble(), 9, 'f', 3)
                     .arg(fixed(run.value(QStringLiteral("auc")), 5), 8)
                     .arg(fixed(run.value(QStringLiteral("logLoss")), 5), 9)
                     .arg(fixed(theirs, 3), 10)
                     .arg(fixed(peer.value(QStringLiteral("auc")), 5), 12)
                     .arg(theirs.isDouble() && ours > 0 ? QString::number(theirs.toDouble() / ours, 'f', 2)
                                                        : QStringLiteral("—"),
                          15));
    }
    printOut(QStringLiteral("fit s: median wall time of the fit alone; CPU s: the process's CPU time over it."));
    printOut(QStringLiteral("machine: %1 cores; load average %2 before, %3 after")
                 .arg(QThread::idealThreadCount())
                 .arg(result.value(QStringLiteral("loadBefore")).toString(),
                      result.value(QStringLiteral("loadAfter")).toString()));
}

int runBenchTrain(const QStringList& arguments)
{
    QCommandLineParser parser;
    addTrainOptions(parser);
    parser.addOptions({
        { QStringLiteral("thread-counts"), QStringLiteral("Thread counts to measure (default 1,2)."),
          QStringLiteral("list") },
        { QStringLiteral("repeat"),
          QStringLiteral("Fits per model and thread count (default 3 for the logistic regression, 1 for the forest)."),
          QStringLiteral("n") },
        { QStringLiteral("sklearn"),
          QStringLiteral("tests/bench/train/sklearn_fit.py: run scikit-learn on the same rows and settings."),
          QStringLiteral("script") },
        { QStringLiteral("python"), QStringLiteral("Python for --sklearn (default /usr/bin/python3)."),
          QStringLiteral("program") },
    });
    int exitCode = kOk;
    if (!parseArguments(parser, arguments,
                        QStringLiteral("Measure training: fit times without parsing for each thread count and the test "
                                       "metrics, both models unless --model is given, on a split by position (the "
                                       "last --test share of the rows test; no validation rows). Takes the options of "
                                       "`train`."),
                        &exitCode))
        return exitCode;
    train::TrainRequest request;
    if (!trainRequestFromOptions(parser, &request, &exitCode))
        return exitCode;
    QList<int> threadCounts;
    for (const QString& t : parser.value(QStringLiteral("thread-counts")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int n = t.toInt(&ok);
        if (!ok || n < 1 || n > 256) {
            printErr(QStringLiteral("--thread-counts: '%1' is not a thread count from 1 to 256.").arg(t));
            return kUsage;
        }
        threadCounts << n;
    }
    if (threadCounts.isEmpty())
        threadCounts = { 1, 2 };
    qint64 repeat = 0;
    if (!intOption(parser, QStringLiteral("repeat"), 1, 1000, &repeat))
        return kUsage;
    QStringList models { QStringLiteral("logistic"), QStringLiteral("forest") };
    if (parser.isSet(QStringLiteral("model")))
        models = { parser.value(QStringLiteral("model")) };

    QJsonObject result { { QStringLiteral("loadBefore"), loadAverage() } };
    QElapsedTimer clock;
    clock.start();
    const Expected<train::LoadedData> data = train::loadDataset(request.dataPath, request.mapping);
    if (!data) {
        printErr(data.error());
        return kBadInput;
    }
    result.insert(QStringLiteral("loadSeconds"), double(clock.nsecsElapsed()) / 1e9);
    const train::RowSplit split = train::splitByPosition(data->data.rows(), request.testShare);
    result.insert(QStringLiteral("data"), request.dataPath);
    result.insert(QStringLiteral("description"), data->description);
    result.insert(QStringLiteral("rows"), qint64(data->data.rows()));
    result.insert(QStringLiteral("trainRows"), qint64(split.train.size()));
    result.insert(QStringLiteral("testRows"), qint64(split.test.size()));
    QJsonArray runs;
    for (const QString& model : models) {
        const auto kind = model == QLatin1String("forest") ? train::ModelKind::Forest : train::ModelKind::Logistic;
        for (const int threads : threadCounts) {
            const int times = repeat > 0 ? int(repeat) : kind == train::ModelKind::Logistic ? 3 : 1;
            const Expected<QJsonObject> run = measure(*data, request, kind, threads, times, split);
            if (!run) {
                printErr(run.error());
                return kFailure;
            }
            result.insert(QStringLiteral("trueAuc"), run->value(QStringLiteral("trueAuc")));
            runs.append(*run);
        }
    }
    result.insert(QStringLiteral("runs"), runs);
    if (parser.isSet(QStringLiteral("sklearn"))) {
        const QString python = parser.isSet(QStringLiteral("python")) ? parser.value(QStringLiteral("python"))
                                                                      : QStringLiteral("/usr/bin/python3");
        const Expected<QJsonObject> sk
            = runScikitLearn(python, parser.value(QStringLiteral("sklearn")), request, models, threadCounts);
        if (!sk) {
            printErr(sk.error());
            return kFailure;
        }
        result.insert(QStringLiteral("sklearn"), *sk);
    }
    result.insert(QStringLiteral("loadAfter"), loadAverage());
    result.insert(QStringLiteral("cores"), QThread::idealThreadCount());
    if (parser.isSet(QStringLiteral("json")))
        printJson(result);
    else
        printTable(result);
    return kOk;
}

const BenchRegistrar registrar { { QStringLiteral("train"),
                                   QStringLiteral("Training: fit times per thread count, test AUC, vs scikit-learn."),
                                   runBenchTrain } };

} // namespace

} // namespace bidlab::cli
