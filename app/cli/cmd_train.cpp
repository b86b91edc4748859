// SPDX-License-Identifier: MIT
// bidlab-cli train DATA: trains a CTR model (logistic regression or random forest) and writes the model file.
#include "app/cli/cli_command.h"
#include "app/cli/train_cli_options.h"
#include "core/jobs/job_pool.h"

#include <QFileInfo>
#include <QJsonObject>
#include <QThreadPool>

namespace bidlab::cli {

namespace {

QString percent(const std::optional<double>& v, int decimals = 4)
{
    return v ? QString::number(*v, 'f', decimals) : QStringLiteral("—");
}

void printSummary(const train::TrainOutcome& o)
{
    printOut(QStringLiteral("data:        %1 (%2 bad rows)").arg(o.dataDescription).arg(o.badRowCount));
    for (const train::BadRow& bad : o.badRows)
        printOut(QStringLiteral("  line %1: %2").arg(bad.line).arg(bad.reason));
    printOut(QStringLiteral("rows:        train %1, validation %2, test %3")
                 .arg(o.trainRows)
                 .arg(o.validationRows)
                 .arg(o.testRows));
    printOut(QStringLiteral("fit:         %1 s on %2 threads (%3 steps, %4)")
                 .arg(o.fitSeconds, 0, 'f', 3)
                 .arg(o.threads)
                 .arg(o.steps)
                 .arg(o.stopReason));
    printOut(QStringLiteral("test AUC:    %1   log loss %2").arg(percent(o.test.auc), percent(o.test.logLoss, 5)));
    if (o.trueAuc)
        printOut(
            QStringLiteral("true model:  AUC %1   log loss %2").arg(percent(o.trueAuc), percent(o.trueLogLoss, 5)));
    if (o.oobAuc)
        printOut(QStringLiteral("out of bag:  AUC %1   log loss %2").arg(percent(o.oobAuc), percent(o.oobLogLoss, 5)));
    for (const auto& pr : o.test.atK)
        printOut(QStringLiteral("top %1:     precision %2, recall %3")
                     .arg(pr.k)
                     .arg(pr.precision, 0, 'f', 4)
                     .arg(percent(pr.recall)));
    if (!o.savedPath.isEmpty())
        printOut(QStringLiteral("model:       %1").arg(o.savedPath));
}

int runTrain(const QStringList& arguments)
{
    QCommandLineParser parser;
    addTrainOptions(parser);
    int exitCode = kOk;
    if (!parseArguments(parser, arguments,
                        QStringLiteral("Train a CTR model on a CSV/TSV or Criteo file and write the model file."),
                        &exitCode))
        return exitCode;
    train::TrainRequest request;
    if (!trainRequestFromOptions(parser, &request, &exitCode))
        return exitCode;
    const bool quiet = parser.isSet(QStringLiteral("quiet"));
    Expected<train::LoadedData> data = train::loadDataset(request.dataPath, request.mapping);
    if (!data) {
        printErr(data.error());
        return kBadInput;
    }
    auto future = jobs::runJob<train::TrainOutcome>(
        jobs::jobPool(),
        [](QPromise<jobs::JobResult<train::TrainOutcome>>& promise,
           const std::pair<const train::LoadedData*, train::TrainRequest>& p) {
            jobs::JobContext<train::TrainOutcome> job(promise);
            Expected<train::TrainOutcome> out = train::trainModel(
                *p.first, p.second, jobs::jobPool(),
                { [&](double f, const QString& text) { job.progress(f, text); }, [&] { return job.canceled(); } });
            if (job.canceled())
                return;
            out ? job.succeed(std::move(out).value()) : job.fail(out.error());
        },
        std::pair<const train::LoadedData*, train::TrainRequest> { &*data, request });
    if (waitWithProgress(future, quiet) || future.isCanceled() || future.resultCount() == 0) {
        printErr(QStringLiteral("Training was interrupted."));
        return kInterrupted;
    }
    const jobs::JobResult<train::TrainOutcome> result = future.result();
    if (!result) {
        printErr(result.error());
        return kFailure;
    }
    if (parser.isSet(QStringLiteral("json")))
        printJson(outcomeJson(*result));
    else
        printSummary(*result);
    return kOk;
}

const Registrar registrar { { QStringLiteral("train"),
                              QStringLiteral("Train a CTR model (logistic regression or random forest)."), runTrain } };

} // namespace

} // namespace bidlab::cli
