// SPDX-License-Identifier: MIT
// bidlab-cli detect: runs one anomaly detector over a timestamp,value CSV, prints the detections and exports
// the report (CSV, XLSX or PDF by suffix).
#include "app/cli/cli_command.h"
#include "core/anomaly/detection.h"
#include "core/jobs/job_pool.h"
#include "ui/report/report_export.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>

namespace bidlab::cli {

namespace {

using namespace anomaly;

QJsonObject toJson(const DetectionResult& result)
{
    QJsonArray detections;
    for (qsizetype row : result.detections) {
        const auto i = static_cast<std::size_t>(row);
        detections.append(QJsonObject { { QStringLiteral("row"), row },
                                        { QStringLiteral("timestamp"), result.series.timestampTexts.at(row) },
                                        { QStringLiteral("value"), result.series.values[i] },
                                        { QStringLiteral("score"), result.scores[i] } });
    }
    return { { QStringLiteral("file"), result.series.source },
             { QStringLiteral("detector"), result.detector },
             { QStringLiteral("threshold"), result.threshold },
             { QStringLiteral("probation"), result.probation },
             { QStringLiteral("rows"), result.series.size() },
             { QStringLiteral("skippedRows"), result.series.issues.size() },
             { QStringLiteral("seconds"), result.seconds },
             { QStringLiteral("detections"), detections } };
}

int runDetect(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("CSV with timestamp and value columns."));
    parser.addOptions({
        { QStringLiteral("detector"),
          QStringLiteral("Detector (default ensemble): %1.").arg(detectorNames().join(QStringLiteral(", "))),
          QStringLiteral("NAME"), QStringLiteral("ensemble") },
        { QStringLiteral("threshold"), QStringLiteral("Score at or above which a row is a detection (default 0.5)."),
          QStringLiteral("T") },
        { QStringLiteral("probation"),
          QStringLiteral("Rows to learn from before scoring (default: 15 % of the file, at most 750)."),
          QStringLiteral("N") },
        { QStringLiteral("out"), QStringLiteral("Export the report to FILE (.csv, .xlsx or .pdf)."),
          QStringLiteral("FILE") },
        { QStringLiteral("scores"), QStringLiteral("Write every row's score to FILE (timestamp,value,anomaly_score)."),
          QStringLiteral("FILE") },
        { QStringLiteral("json"), QStringLiteral("Print JSON.") },
    });
    int exitCode = kOk;
    if (!parseArguments(parser, arguments,
                        QStringLiteral("Score a timestamp,value series with an anomaly detector and list the rows "
                                       "whose score reaches the threshold."),
                        &exitCode))
        return exitCode;
    if (parser.positionalArguments().size() != 1) {
        printErr(QStringLiteral("%1: expected one FILE.\nTry '%1 --help'.").arg(arguments.value(0)));
        return kUsage;
    }
    DetectionParams params;
    params.path = parser.positionalArguments().first();
    params.detector = parser.value(QStringLiteral("detector"));
    if (!detectorNames().contains(params.detector)) {
        printErr(QStringLiteral("--detector: unknown detector '%1'; known: %2.")
                     .arg(params.detector, detectorNames().join(QStringLiteral(", "))));
        return kUsage;
    }
    qint64 probation = -1;
    if (!doubleOption(parser, QStringLiteral("threshold"), 0.0, 1.0, &params.threshold)
        || !intOption(parser, QStringLiteral("probation"), 2, 1'000'000'000, &probation))
        return kUsage;
    params.probation = probation;

    auto future = jobs::runJob<DetectionResult>(jobs::jobPool(), &runDetection, params);
    future.waitForFinished();
    const auto result = future.result();
    if (!result.ok()) {
        printErr(result.error());
        return kBadInput; // the job fails only on the input file
    }
    for (const QString& issue : result->series.issues)
        printErr(issue);
    if (parser.isSet(QStringLiteral("scores"))) {
        const Status written = writeScoreFile(parser.value(QStringLiteral("scores")), result->series, result->scores);
        if (!written.ok()) {
            printErr(written.error());
            return kFailure;
        }
    }
    if (parser.isSet(QStringLiteral("out"))) {
        const Status written = ui::exportReport(detectionReport(*result), parser.value(QStringLiteral("out")));
        if (!written.ok()) {
            printErr(written.error());
            return kFailure;
        }
    }
    if (parser.isSet(QStringLiteral("json"))) {
        printJson(toJson(*result));
        return kOk;
    }
    printOut(QStringLiteral("%1: %2 rows, detector %3, threshold %4, probation %5 rows: %6 detections")
                 .arg(result->series.source)
                 .arg(result->series.size())
                 .arg(result->detector)
                 .arg(result->threshold)
                 .arg(result->probation)
                 .arg(result->detections.size()));
    for (qsizetype row : result->detections)
        printOut(QStringLiteral("  %1  value %2  score %3")
                     .arg(result->series.timestampTexts.at(row))
                     .arg(result->series.values[static_cast<std::size_t>(row)], 0, 'g', 8)
                     .arg(result->scores[static_cast<std::size_t>(row)], 0, 'f', 4));
    return kOk;
}

const Registrar registrar { { QStringLiteral("detect"),
                              QStringLiteral("Find anomalies in a timestamp,value CSV with a streaming detector."),
                              runDetect, /*needsGui=*/true } }; // PDF export draws the charts

} // namespace

} // namespace bidlab::cli
