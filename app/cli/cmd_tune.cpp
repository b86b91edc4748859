// SPDX-License-Identifier: MIT
// bidlab-cli tune DATA --search name=values ...: hyper-parameter search with k-fold cross-validation.
#include "app/cli/cli_command.h"
#include "app/cli/train_cli_options.h"
#include "core/jobs/job_pool.h"
#include "core/train/hyper_search.h"
#include "core/train/training_report.h"
#include "ui/report/report_export.h"

#include <QJsonArray>
#include <QJsonObject>

namespace bidlab::cli {

namespace {

int runTune(const QStringList& arguments)
{
    QCommandLineParser parser;
    addTrainOptions(parser);
    parser.addOptions({
        { QStringLiteral("search"),
          QStringLiteral("A searched parameter: name=v1,v2,... or name=low..high[:log] (repeat for more)."),
          QStringLiteral("dim") },
        { QStringLiteral("random"), QStringLiteral("Random search with this many trials (default: the grid)."),
          QStringLiteral("n") },
        { QStringLiteral("folds"), QStringLiteral("Cross-validation folds (default 3)."), QStringLiteral("k") },
        { QStringLiteral("early-stop"), QStringLiteral("AUC margin behind the best that stops a trial (default 0.01)."),
          QStringLiteral("x") },
        { QStringLiteral("report"), QStringLiteral("Write the leaderboard and metrics (.csv, .xlsx, .pdf)."),
          QStringLiteral("file") },
    });
    int exitCode = kOk;
    if (!parseArguments(parser, arguments, QStringLiteral("Search hyper-parameters with k-fold cross-validation."),
                        &exitCode))
        return exitCode;
    train::TuneRequest request;
    if (!trainRequestFromOptions(parser, &request.base, &exitCode))
        return exitCode;
    for (const QString& text : parser.values(QStringLiteral("search"))) {
        Expected<train::SearchDimension> d = train::parseDimension(text);
        if (!d) {
            printErr(d.error());
            return kUsage;
        }
        request.space.push_back(std::move(d).value());
    }
    qint64 trials = 0, folds = 3;
    if (!intOption(parser, QStringLiteral("random"), 1, 10000, &trials)
        || !intOption(parser, QStringLiteral("folds"), 2, 20, &folds)
        || !doubleOption(parser, QStringLiteral("early-stop"), 0, 1, &request.earlyStopMargin))
        return kUsage;
    request.randomSearch = parser.isSet(QStringLiteral("random"));
    request.trials = int(trials);
    request.folds = int(folds);
    if (const auto expanded = train::expandSearch(request); !expanded) {
        printErr(expanded.error());
        return kUsage;
    }
    const bool quiet = parser.isSet(QStringLiteral("quiet"));
    if (!quiet)
        request.onUpdate = [](const train::Leaderboard& board) {
            const std::vector<int> ranking = board.ranking();
            const train::Trial& top = board.trials[std::size_t(ranking.front())];
            if (!top.foldAuc.empty())
                printErr(QStringLiteral("  leader: trial %1 (%2) mean AUC %3 over %4 folds")
                             .arg(top.index + 1)
                             .arg(train::parametersText(top.parameters))
                             .arg(top.meanAuc(), 0, 'f', 5)
                             .arg(top.foldAuc.size()));
        };
    auto future = jobs::runJob<train::TuneOutcome>(jobs::jobPool(), train::runTuningJob, request);
    if (waitWithProgress(future, quiet) || future.isCanceled() || future.resultCount() == 0) {
        printErr(QStringLiteral("The search was interrupted."));
        return kInterrupted;
    }
    const jobs::JobResult<train::TuneOutcome> result = future.result();
    if (!result) {
        printErr(result.error());
        return result.error().contains(request.base.dataPath) ? kBadInput : kFailure;
    }
    const report::Table board = train::leaderboardTable(result->leaderboard);
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray rows;
        for (const report::Row& row : board.rows) {
            QJsonObject o;
            for (qsizetype c = 0; c < board.columns.size(); ++c)
                o.insert(board.columns.at(c).name, QJsonValue::fromVariant(row.at(c)));
            rows.append(o);
        }
        QJsonObject json = outcomeJson(result->best);
        json.insert(QStringLiteral("leaderboard"), rows);
        json.insert(QStringLiteral("bestTrial"), result->bestTrial + 1);
        printJson(json);
    } else {
        for (const report::Row& row : board.rows) {
            QStringList cells;
            for (qsizetype c = 0; c < board.columns.size(); ++c)
                cells << report::formatCell(row.at(c), board.columns.at(c));
            printOut(cells.join(QStringLiteral(" | ")));
        }
        printOut(QStringLiteral("best: trial %1, test AUC %2, log loss %3")
                     .arg(result->bestTrial + 1)
                     .arg(result->best.test.auc.value_or(0.0), 0, 'f', 5)
                     .arg(result->best.test.logLoss.value_or(0.0), 0, 'f', 5));
    }
    if (const QString path = parser.value(QStringLiteral("report")); !path.isEmpty()) {
        if (const Status written = ui::exportReport(train::tuningReport(*result, request), path); !written) {
            printErr(written.error());
            return kFailure;
        }
    }
    return kOk;
}

const Registrar registrar { { QStringLiteral("tune"),
                              QStringLiteral("Hyper-parameter search (grid or random, k-fold CV, early stopping)."),
                              runTune, /*needsGui=*/true } };

} // namespace

} // namespace bidlab::cli
