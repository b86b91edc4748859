// SPDX-License-Identifier: MIT
// bidlab-cli nab: runs detectors over a NAB-layout corpus, writes NAB score files, prints the normalised scores.
#include "app/cli/cli_command.h"
#include "core/anomaly/nab_benchmark.h"
#include "core/jobs/job_pool.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonObject>

namespace bidlab::cli {

namespace {

using namespace anomaly;

QJsonObject toJson(const nab::RunResult& result, bool perFile)
{
    QJsonObject object;
    object.insert(QStringLiteral("detector"), result.detector);
    object.insert(QStringLiteral("files"), result.files);
    object.insert(QStringLiteral("rows"), result.rows);
    object.insert(QStringLiteral("windows"), result.windows);
    object.insert(QStringLiteral("detectSeconds"), result.detectSeconds);
    QJsonObject scores;
    for (const nab::ProfileResult& p : result.profiles) {
        QJsonObject profile;
        profile.insert(QStringLiteral("score"), p.normalized);
        profile.insert(QStringLiteral("raw"), p.outcome.raw);
        profile.insert(QStringLiteral("threshold"), p.outcome.threshold);
        profile.insert(QStringLiteral("windowsDetected"), p.outcome.windowsDetected);
        profile.insert(QStringLiteral("falsePositives"), p.outcome.falsePositives);
        scores.insert(p.profile.name, profile);
    }
    object.insert(QStringLiteral("profiles"), scores);
    if (perFile) {
        QJsonArray files;
        for (const nab::FileResult& f : result.perFile) {
            QJsonObject file;
            file.insert(QStringLiteral("file"), f.key);
            file.insert(QStringLiteral("windows"), f.windows);
            file.insert(QStringLiteral("standardRaw"), f.raw[0]);
            file.insert(QStringLiteral("standardDetected"), f.detected[0]);
            file.insert(QStringLiteral("standardFalsePositives"), f.falsePositives[0]);
            files.append(file);
        }
        object.insert(QStringLiteral("perFile"), files);
    }
    return object;
}

void printText(const nab::RunResult& result, bool perFile)
{
    printOut(QStringLiteral("%1: %2 series, %3 rows, %4 windows, detected in %5 s")
                 .arg(result.detector)
                 .arg(result.files)
                 .arg(result.rows)
                 .arg(result.windows)
                 .arg(result.detectSeconds, 0, 'f', 3));
    for (const nab::ProfileResult& p : result.profiles)
        printOut(QStringLiteral("  %1 %2   (raw %3, threshold %4, windows %5/%6, FP %7)")
                     .arg(p.profile.name, -20)
                     .arg(p.normalized, 6, 'f', 2)
                     .arg(p.outcome.raw, 0, 'f', 3)
                     .arg(p.outcome.threshold, 0, 'g', 6)
                     .arg(p.outcome.windowsDetected)
                     .arg(p.outcome.windows)
                     .arg(p.outcome.falsePositives));
    if (!perFile)
        return;
    for (const nab::FileResult& f : result.perFile)
        printOut(QStringLiteral("    %1 standard raw %2  windows %3/%4  FP %5")
                     .arg(f.key, -48)
                     .arg(f.raw[0], 7, 'f', 3)
                     .arg(f.detected[0])
                     .arg(f.windows)
                     .arg(f.falsePositives[0]));
}

int runNab(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOptions({
        { QStringLiteral("data"), QStringLiteral("NAB data folder (category folders of CSV files)."),
          QStringLiteral("DIR") },
        { QStringLiteral("labels"),
          QStringLiteral("combined_windows.json (default: DIR/../labels/combined_windows.json)."),
          QStringLiteral("FILE") },
        { QStringLiteral("detector"),
          QStringLiteral("Detector name or 'all' (default ensemble): %1.")
              .arg(detectorNames().join(QStringLiteral(", "))),
          QStringLiteral("NAME"), QStringLiteral("ensemble") },
        { QStringLiteral("scores-out"), QStringLiteral("Write NAB score files under DIR/<category>/."),
          QStringLiteral("DIR") },
        { QStringLiteral("category"), QStringLiteral("Only the series whose key starts with TEXT."),
          QStringLiteral("TEXT") },
        { QStringLiteral("per-file"), QStringLiteral("Also print each series' standard score.") },
        { QStringLiteral("threads"), QStringLiteral("Job threads (default: cores)."), QStringLiteral("N") },
        { QStringLiteral("json"), QStringLiteral("Print JSON.") },
    });
    int exitCode = kOk;
    if (!parseArguments(parser, arguments,
                        QStringLiteral("Run anomaly detectors over a NAB corpus and print the NAB scores "
                                       "(standard, reward_low_FP_rate, reward_low_FN_rate)."),
                        &exitCode))
        return exitCode;
    if (!parser.isSet(QStringLiteral("data"))) {
        printErr(QStringLiteral("%1: --data DIR is required.").arg(arguments.value(0)));
        return kUsage;
    }
    qint64 threads = 0;
    if (!intOption(parser, QStringLiteral("threads"), 1, 256, &threads))
        return kUsage;
    if (threads > 0)
        jobs::setJobThreadCount(static_cast<int>(threads));
    const QString data = parser.value(QStringLiteral("data"));
    QString labels = parser.value(QStringLiteral("labels"));
    if (labels.isEmpty())
        labels = QDir(data).filePath(QStringLiteral("../labels/combined_windows.json"));
    QStringList detectors { parser.value(QStringLiteral("detector")) };
    if (detectors.first() == QLatin1String("all"))
        detectors = detectorNames();
    for (const QString& name : std::as_const(detectors)) {
        if (!detectorNames().contains(name)) {
            printErr(QStringLiteral("--detector: unknown detector '%1'; known: %2, all.")
                         .arg(name, detectorNames().join(QStringLiteral(", "))));
            return kUsage;
        }
    }

    auto corpus = nab::loadCorpus(data, labels, parser.value(QStringLiteral("category")));
    if (!corpus) {
        printErr(corpus.error());
        return kBadInput;
    }
    const auto shared = std::make_shared<const std::vector<nab::CorpusFile>>(std::move(corpus).value());
    const bool json = parser.isSet(QStringLiteral("json"));
    const bool perFile = parser.isSet(QStringLiteral("per-file"));
    QJsonArray results;
    for (const QString& name : std::as_const(detectors)) {
        const nab::RunParams params { shared, name, parser.value(QStringLiteral("scores-out")) };
        auto future = jobs::runJob<nab::RunResult>(jobs::jobPool(), &nab::runBenchmark, params);
        future.waitForFinished();
        const auto result = future.result();
        if (!result.ok()) {
            printErr(result.error());
            return kFailure;
        }
        if (json)
            results.append(toJson(*result, perFile));
        else
            printText(*result, perFile);
    }
    if (json)
        printJson({ { QStringLiteral("results"), results } });
    return kOk;
}

const Registrar registrar { { QStringLiteral("nab"),
                              QStringLiteral("Score anomaly detectors on the Numenta Anomaly Benchmark."), runNab } };

} // namespace

} // namespace bidlab::cli
