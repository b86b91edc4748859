// SPDX-License-Identifier: MIT
// bidlab-cli gen-train: synthetic click data in the engine's feature contract, with a known true model.
#include "app/cli/cli_command.h"
#include "core/train/dataset_writer.h"
#include "core/train/metrics.h"
#include "core/train/synthetic_ctr.h"

#include <QCommandLineParser>
#include <QJsonObject>

namespace bidlab::cli {

namespace {

int runGenTrain(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOptions({
        { QStringLiteral("rows"), QStringLiteral("Rows to write (default 1000000)."), QStringLiteral("n") },
        { QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."), QStringLiteral("n") },
        { QStringLiteral("categorical-scale"),
          QStringLiteral("Multiplier of the categorical effects; 0 gives the peers' dense-only world (default 1)."),
          QStringLiteral("x") },
        { { QStringLiteral("output"), QStringLiteral("o") },
          QStringLiteral("CSV file to write."),
          QStringLiteral("file") },
        { QStringLiteral("json"), QStringLiteral("Print JSON.") },
    });
    int exitCode = kOk;
    if (!parseArguments(parser, arguments,
                        QStringLiteral("Write synthetic CTR data (the engine's 9 dense + 5 categorical features, a "
                                       "known true model) as CSV: features, p (true probability), click."),
                        &exitCode))
        return exitCode;
    qint64 rows = 1'000'000, seed = 1;
    double scale = 1.0;
    if (!intOption(parser, QStringLiteral("rows"), 1, 100'000'000, &rows)
        || !intOption(parser, QStringLiteral("seed"), 0, std::numeric_limits<qint64>::max(), &seed)
        || !doubleOption(parser, QStringLiteral("categorical-scale"), 0, 10, &scale))
        return kUsage;
    const QString output = parser.value(QStringLiteral("output"));
    if (output.isEmpty()) {
        printErr(QStringLiteral("--output FILE is required.\n") + parser.helpText());
        return kUsage;
    }
    const train::Dataset data = train::generateSyntheticCtr(std::size_t(rows), std::uint64_t(seed), scale);
    if (const Status written = train::writeDatasetCsv(data, output); !written) {
        printErr(written.error());
        return kFailure;
    }
    double clicks = 0;
    for (const std::uint8_t y : data.labels)
        clicks += y;
    const QJsonObject summary { { QStringLiteral("file"), output },
                                { QStringLiteral("rows"), rows },
                                { QStringLiteral("seed"), seed },
                                { QStringLiteral("ctr"), clicks / double(rows) },
                                { QStringLiteral("trueAuc"), train::rocAuc(data.truth, data.labels).value_or(0.5) },
                                { QStringLiteral("trueLogLoss"),
                                  train::logLoss(data.truth, data.labels).value_or(0.0) } };
    if (parser.isSet(QStringLiteral("json")))
        printJson(summary);
    else
        printOut(QStringLiteral("wrote %1: %2 rows, CTR %3, true model AUC %4, log loss %5")
                     .arg(output)
                     .arg(rows)
                     .arg(summary.value(QStringLiteral("ctr")).toDouble(), 0, 'f', 5)
                     .arg(summary.value(QStringLiteral("trueAuc")).toDouble(), 0, 'f', 5)
                     .arg(summary.value(QStringLiteral("trueLogLoss")).toDouble(), 0, 'f', 5));
    return kOk;
}

const Registrar registrar { { QStringLiteral("gen-train"),
                              QStringLiteral("Write synthetic CTR training data with a known true model."),
                              runGenTrain } };

} // namespace

} // namespace bidlab::cli
