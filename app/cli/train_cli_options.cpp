// SPDX-License-Identifier: MIT
#include "app/cli/train_cli_options.h"

#include "app/cli/cli_command.h"
#include "core/jobs/job_pool.h"

#include <atomic>
#include <csignal>

#include <QFuture>
#include <QJsonArray>
#include <QJsonObject>
#include <QThread>

namespace bidlab::cli {

namespace {

std::atomic<bool> g_interrupted { false };

void onSignal(int)
{
    g_interrupted = true;
}

QStringList listOption(const QCommandLineParser& parser, const QString& name)
{
    QStringList out;
    for (const QString& v : parser.values(name))
        out << v.split(QLatin1Char(','), Qt::SkipEmptyParts);
    return out;
}

QJsonValue number(const std::optional<double>& v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

} // namespace

void addTrainOptions(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("data"), QStringLiteral("CSV/TSV or Criteo file."));
    parser.addOptions({
        { QStringLiteral("format"), QStringLiteral("auto, csv or criteo (default auto)."), QStringLiteral("f") },
        { QStringLiteral("no-header"), QStringLiteral("The CSV has no header: columns are #1, #2, ...") },
        { QStringLiteral("label"), QStringLiteral("Label column (name or #N)."), QStringLiteral("col") },
        { QStringLiteral("dense"), QStringLiteral("Dense feature columns (comma list)."), QStringLiteral("cols") },
        { QStringLiteral("categorical"), QStringLiteral("Categorical feature columns."), QStringLiteral("cols") },
        { QStringLiteral("ignore"), QStringLiteral("Columns to leave out."), QStringLiteral("cols") },
        { QStringLiteral("truth"), QStringLiteral("True-probability column (synthetic sets)."), QStringLiteral("col") },
        { QStringLiteral("log1p"), QStringLiteral("Dense features to log-transform (* for all)."),
          QStringLiteral("cols") },
        { QStringLiteral("model"), QStringLiteral("logistic or forest (default logistic)."), QStringLiteral("kind") },
        { QStringLiteral("optimizer"), QStringLiteral("lbfgs or ftrl (default lbfgs)."), QStringLiteral("name") },
        { QStringLiteral("l2"), QStringLiteral("L2 strength (default 1e-6)."), QStringLiteral("x") },
        { QStringLiteral("l1"), QStringLiteral("L1 strength, FTRL only (default 0)."), QStringLiteral("x") },
        { QStringLiteral("hash-bits"), QStringLiteral("2^k hashing buckets (default 18)."), QStringLiteral("k") },
        { QStringLiteral("iterations"), QStringLiteral("L-BFGS iterations (default 100)."), QStringLiteral("n") },
        { QStringLiteral("learning-rate"), QStringLiteral("FTRL alpha (default 0.1)."), QStringLiteral("x") },
        { QStringLiteral("epochs"), QStringLiteral("FTRL epochs (default 5)."), QStringLiteral("n") },
        { QStringLiteral("trees"), QStringLiteral("Forest trees (default 100)."), QStringLiteral("n") },
        { QStringLiteral("depth"), QStringLiteral("Forest depth (default 12)."), QStringLiteral("n") },
        { QStringLiteral("min-leaf"), QStringLiteral("Rows per leaf at least (default 50)."), QStringLiteral("n") },
        { QStringLiteral("features-per-split"), QStringLiteral("0: sqrt of the features (default)."),
          QStringLiteral("n") },
        { QStringLiteral("criterion"), QStringLiteral("gini or entropy (default gini)."), QStringLiteral("name") },
        { QStringLiteral("validation"), QStringLiteral("Validation share (default 0.1)."), QStringLiteral("x") },
        { QStringLiteral("test"), QStringLiteral("Test share (default 0.2)."), QStringLiteral("x") },
        { QStringLiteral("seed"), QStringLiteral("Split and model seed (default 42)."), QStringLiteral("n") },
        { QStringLiteral("threads"), QStringLiteral("Job threads (default: the cores)."), QStringLiteral("n") },
        { { QStringLiteral("output"), QStringLiteral("o") },
          QStringLiteral("Model file to write."),
          QStringLiteral("file") },
        { QStringLiteral("json"), QStringLiteral("Print JSON.") },
        { QStringLiteral("quiet"), QStringLiteral("No progress on stderr.") },
    });
}

bool trainRequestFromOptions(const QCommandLineParser& parser, train::TrainRequest* r, int* exitCode)
{
    *exitCode = kUsage;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        printErr(QStringLiteral("Give one data file.\n") + parser.helpText());
        return false;
    }
    r->dataPath = positional.first();
    train::ColumnMapping& m = r->mapping;
    const QString format = parser.value(QStringLiteral("format"));
    if (format == QLatin1String("csv"))
        m.format = train::ColumnMapping::Format::Csv;
    else if (format == QLatin1String("criteo"))
        m.format = train::ColumnMapping::Format::Criteo;
    else if (!format.isEmpty() && format != QLatin1String("auto")) {
        printErr(QStringLiteral("--format: '%1' is not auto, csv or criteo.").arg(format));
        return false;
    }
    m.header = !parser.isSet(QStringLiteral("no-header"));
    m.label = parser.value(QStringLiteral("label"));
    m.dense = listOption(parser, QStringLiteral("dense"));
    m.categorical = listOption(parser, QStringLiteral("categorical"));
    m.ignore = listOption(parser, QStringLiteral("ignore"));
    m.truth = parser.value(QStringLiteral("truth"));
    m.log1p = listOption(parser, QStringLiteral("log1p"));
    const QString model = parser.value(QStringLiteral("model"));
    if (!model.isEmpty() && model != QLatin1String("logistic") && model != QLatin1String("forest")) {
        printErr(QStringLiteral("--model: '%1' is not logistic or forest.").arg(model));
        return false;
    }
    r->kind = model == QLatin1String("forest") ? train::ModelKind::Forest : train::ModelKind::Logistic;
    const QString optimizer = parser.value(QStringLiteral("optimizer"));
    if (!optimizer.isEmpty() && optimizer != QLatin1String("lbfgs") && optimizer != QLatin1String("ftrl")) {
        printErr(QStringLiteral("--optimizer: '%1' is not lbfgs or ftrl.").arg(optimizer));
        return false;
    }
    r->logistic.optimizer = optimizer == QLatin1String("ftrl") ? train::LogisticOptions::Optimizer::Ftrl
                                                               : train::LogisticOptions::Optimizer::Lbfgs;
    const QString criterion = parser.value(QStringLiteral("criterion"));
    if (!criterion.isEmpty() && criterion != QLatin1String("gini") && criterion != QLatin1String("entropy")) {
        printErr(QStringLiteral("--criterion: '%1' is not gini or entropy.").arg(criterion));
        return false;
    }
    r->forest.tree.criterion = criterion == QLatin1String("entropy") ? train::TreeOptions::Criterion::Entropy
                                                                     : train::TreeOptions::Criterion::Gini;
    qint64 hashBits = r->hashBits, iterations = r->logistic.maxIterations, epochs = r->logistic.epochs;
    qint64 trees = r->forest.trees, depth = r->forest.tree.maxDepth, minLeaf = r->forest.tree.minSamplesLeaf;
    qint64 perSplit = 0, seed = 42, threads = jobs::jobPool()->maxThreadCount();
    const bool ok = doubleOption(parser, QStringLiteral("l2"), 0, 1e3, &r->logistic.l2)
        && doubleOption(parser, QStringLiteral("l1"), 0, 1e3, &r->logistic.l1)
        && intOption(parser, QStringLiteral("hash-bits"), 1, 24, &hashBits)
        && intOption(parser, QStringLiteral("iterations"), 1, 100000, &iterations)
        && doubleOption(parser, QStringLiteral("learning-rate"), 1e-9, 1e3, &r->logistic.learningRate)
        && intOption(parser, QStringLiteral("epochs"), 1, 10000, &epochs)
        && intOption(parser, QStringLiteral("trees"), 1, 5000, &trees)
        && intOption(parser, QStringLiteral("depth"), 1, 40, &depth)
        && intOption(parser, QStringLiteral("min-leaf"), 1, 1'000'000'000, &minLeaf)
        && intOption(parser, QStringLiteral("features-per-split"), 0, 100000, &perSplit)
        && doubleOption(parser, QStringLiteral("validation"), 0, 0.8, &r->validationShare)
        && doubleOption(parser, QStringLiteral("test"), 0.001, 0.8, &r->testShare)
        && intOption(parser, QStringLiteral("seed"), 0, std::numeric_limits<qint64>::max(), &seed)
        && intOption(parser, QStringLiteral("threads"), 1, 256, &threads);
    if (!ok)
        return false;
    r->hashBits = int(hashBits);
    r->logistic.maxIterations = int(iterations);
    r->logistic.epochs = int(epochs);
    r->forest.trees = int(trees);
    r->forest.tree.maxDepth = int(depth);
    r->forest.tree.minSamplesLeaf = int(minLeaf);
    r->forest.tree.featuresPerSplit = int(perSplit);
    r->seed = std::uint64_t(seed);
    r->forest.seed = std::uint64_t(seed);
    r->logistic.seed = std::uint64_t(seed);
    r->modelPath = parser.value(QStringLiteral("output"));
    jobs::setJobThreadCount(int(threads));
    if (const QString problem = train::validateRequest(*r); !problem.isEmpty()) {
        printErr(problem);
        return false;
    }
    *exitCode = kOk;
    return true;
}

bool waitWithProgress(const std::function<bool()>& finished, const std::function<void()>& cancel,
                      const std::function<std::pair<int, QString>()>& progress, bool quiet)
{
    g_interrupted = false;
    auto previousInt = std::signal(SIGINT, onSignal);
    auto previousTerm = std::signal(SIGTERM, onSignal);
    QString lastText;
    bool canceled = false;
    while (!finished()) {
        if (g_interrupted && !canceled) {
            cancel();
            canceled = true;
        }
        const auto [value, text] = progress();
        if (!quiet && text != lastText) {
            printErr(QStringLiteral("[%1 %] %2").arg(value / 10.0, 5, 'f', 1).arg(text));
            lastText = text;
        }
        QThread::msleep(100);
    }
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    return g_interrupted.load();
}

QJsonObject outcomeJson(const train::TrainOutcome& o)
{
    QJsonObject json = o.model.metrics;
    json.insert(QStringLiteral("data"), o.dataDescription);
    json.insert(QStringLiteral("badRows"), qint64(o.badRowCount));
    json.insert(QStringLiteral("validationRows"), qint64(o.validationRows));
    json.insert(QStringLiteral("trueLogLoss"), number(o.trueLogLoss));
    json.insert(QStringLiteral("loadSeconds"), o.loadSeconds);
    json.insert(QStringLiteral("steps"), o.steps);
    json.insert(QStringLiteral("stopReason"), o.stopReason);
    if (!o.test.atK.empty()) {
        QJsonArray atK;
        for (const auto& pr : o.test.atK)
            atK.append(QJsonObject { { QStringLiteral("k"), qint64(pr.k) },
                                     { QStringLiteral("precision"), pr.precision },
                                     { QStringLiteral("recall"), number(pr.recall) } });
        json.insert(QStringLiteral("precisionRecallAtK"), atK);
    }
    auto importance = [&](const std::vector<double>& values) {
        QJsonObject out;
        for (std::size_t f = 0; f < values.size() && qsizetype(f) < o.featureNames.size(); ++f)
            out.insert(o.featureNames.at(qsizetype(f)), values[f]);
        return out;
    };
    if (!o.impurityImportance.empty())
        json.insert(QStringLiteral("impurityImportance"), importance(o.impurityImportance));
    if (!o.permutationImportance.empty())
        json.insert(QStringLiteral("permutationImportance"), importance(o.permutationImportance));
    if (!o.weightImportance.empty())
        json.insert(QStringLiteral("weightImportance"), importance(o.weightImportance));
    if (!o.savedPath.isEmpty())
        json.insert(QStringLiteral("model"), o.savedPath);
    return json;
}

} // namespace bidlab::cli
