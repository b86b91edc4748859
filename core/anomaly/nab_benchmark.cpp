// SPDX-License-Identifier: MIT
#include "core/anomaly/nab_benchmark.h"

#include "core/anomaly/detection.h"
#include "core/jobs/job_pool.h"
#include "core/jobs/parallel_for.h"

#include <atomic>

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMutex>

namespace bidlab::anomaly::nab {

Expected<std::vector<CorpusFile>> loadCorpus(const QString& dataDir, const QString& labelsPath, const QString& only)
{
    const QDir root(dataDir);
    if (!root.exists())
        return Error { QStringLiteral("The NAB data folder '%1' does not exist.").arg(dataDir) };
    auto labels = readNabWindowLabels(labelsPath);
    if (!labels)
        return Error { labels.error() };
    QStringList keys;
    QDirIterator it(dataDir, { QStringLiteral("*.csv") }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        keys << root.relativeFilePath(it.next());
    keys.sort();
    std::vector<CorpusFile> corpus;
    for (const QString& key : std::as_const(keys)) {
        if (!only.isEmpty() && !key.startsWith(only))
            continue;
        const auto windows = labels->constFind(key);
        if (windows == labels->cend())
            return Error { QStringLiteral("%1: the labels file '%2' has no entry for this series.")
                               .arg(root.filePath(key), labelsPath) };
        auto series = readTimeSeriesCsv(root.filePath(key));
        if (!series)
            return Error { series.error() };
        if (!series->issues.isEmpty())
            return Error { QStringLiteral("NAB scoring needs every row: ") + series->issues.first() };
        auto matched = matchWindows(*series, *windows);
        if (!matched)
            return Error { matched.error() };
        corpus.push_back({ key, std::move(series).value(), std::move(matched).value() });
    }
    if (corpus.empty())
        return Error { QStringLiteral("No series (*.csv) found under '%1'%2.")
                           .arg(dataDir,
                                only.isEmpty() ? QString() : QStringLiteral(" starting with '%1'").arg(only)) };
    return corpus;
}

QString scoreFilePath(const QString& folder, const QString& detector, const QString& key)
{
    const QFileInfo parts(key);
    return QDir(folder).filePath(parts.path() + QLatin1Char('/') + detector + QLatin1Char('_') + parts.fileName());
}

std::vector<double> scoreSeries(const QString& detector, const std::vector<double>& values)
{
    DetectorOptions options;
    options.probation = probationLength(static_cast<qsizetype>(values.size()));
    auto instance = makeDetector(detector, options);
    std::vector<double> scores;
    scores.reserve(values.size());
    for (double v : values)
        scores.push_back(instance->update(v));
    return scores;
}

RunResult scoreCorpus(const QString& detector, const std::vector<CorpusFile>& corpus,
                      const std::vector<std::vector<double>>& scores)
{
    RunResult result;
    result.detector = detector;
    result.files = static_cast<qsizetype>(corpus.size());
    std::vector<ScoredSeries> scored;
    for (std::size_t i = 0; i < corpus.size(); ++i) {
        scored.push_back({ scores[i], corpus[i].windows });
        result.rows += corpus[i].series.size();
        result.windows += static_cast<qsizetype>(corpus[i].windows.size());
        result.perFile.push_back(
            { corpus[i].key, corpus[i].series.size(), static_cast<qsizetype>(corpus[i].windows.size()), {}, {}, {} });
    }
    for (std::size_t p = 0; p < profiles().size(); ++p) {
        const CostProfile& profile = profiles()[p];
        const Outcome best = optimizeThreshold(scored, profile);
        result.profiles[p] = { profile, best, normalizedScore(best.raw, best.windows, profile) };
        for (std::size_t i = 0; i < scored.size(); ++i) {
            const Outcome file = scoreAt({ scored[i] }, profile, best.threshold);
            result.perFile[i].raw[p] = file.raw;
            result.perFile[i].detected[p] = file.windowsDetected;
            result.perFile[i].falsePositives[p] = file.falsePositives;
        }
    }
    return result;
}

void runBenchmark(QPromise<jobs::JobResult<RunResult>>& promise, const RunParams& params)
{
    jobs::JobContext<RunResult> context(promise);
    if (!detectorNames().contains(params.detector)) {
        context.fail(QStringLiteral("Unknown detector '%1'; known: %2.")
                         .arg(params.detector, detectorNames().join(QStringLiteral(", "))));
        return;
    }
    if (!params.corpus || params.corpus->empty()) {
        context.fail(QStringLiteral("No series to score."));
        return;
    }
    const auto& corpus = params.corpus;
    const auto count = static_cast<qsizetype>(corpus->size());
    std::vector<std::vector<double>> scores(corpus->size());
    std::vector<QString> writeErrors(corpus->size());
    std::atomic<qsizetype> done { 0 };
    QMutex progressLock;
    QElapsedTimer clock;
    clock.start();
    const bool finished = jobs::parallelFor(
        jobs::jobPool(), count,
        [&](qsizetype i) {
            const CorpusFile& file = (*corpus)[static_cast<std::size_t>(i)];
            scores[static_cast<std::size_t>(i)] = scoreSeries(params.detector, file.series.values);
            if (!params.scoresOut.isEmpty()) {
                const QString path = scoreFilePath(params.scoresOut, params.detector, file.key);
                if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
                    writeErrors[static_cast<std::size_t>(i)]
                        = QStringLiteral("Cannot create the folder of '%1'.").arg(path);
                    return;
                }
                const Status written = writeScoreFile(path, file.series, scores[static_cast<std::size_t>(i)],
                                                      windowLabels(file.series.size(), file.windows));
                writeErrors[static_cast<std::size_t>(i)] = written.ok() ? QString() : written.error();
            }
            const qsizetype finishedFiles = ++done;
            const QMutexLocker lock(&progressLock);
            context.progress(finishedFiles, count, QStringLiteral("%1: %2").arg(params.detector, file.key));
        },
        [&] { return promise.isCanceled(); });
    if (!finished || context.canceled())
        return;
    const double seconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
    for (const QString& error : writeErrors) {
        if (!error.isEmpty()) {
            context.fail(error);
            return;
        }
    }
    RunResult result = scoreCorpus(params.detector, *corpus, scores);
    result.detectSeconds = seconds;
    if (!params.scoresOut.isEmpty()) {
        for (const CorpusFile& file : *corpus)
            result.scoreFiles << scoreFilePath(params.scoresOut, params.detector, file.key);
    }
    context.succeed(std::move(result));
}

} // namespace bidlab::anomaly::nab
