// SPDX-License-Identifier: MIT
#include "core/anomaly/detection.h"

#include "core/anomaly/nab_scorer.h"
#include "core/common/atomic_file.h"

#include <algorithm>

#include <QElapsedTimer>
#include <QFileInfo>
#include <QTimeZone>

namespace bidlab::anomaly {

qsizetype defaultProbation(qsizetype rows)
{
    return std::max<qsizetype>(nab::probationLength(rows), 2);
}

void applyThreshold(DetectionResult& result, double threshold)
{
    result.threshold = threshold;
    result.detections.clear();
    for (std::size_t i = 0; i < result.scores.size(); ++i) {
        if (result.scores[i] >= threshold)
            result.detections.push_back(static_cast<qsizetype>(i));
    }
}

namespace {

// Scores in blocks so that a long series can report progress and be cancelled between blocks.
template<class Check> bool scoreAll(Detector& detector, DetectionResult& result, Check&& keepGoing)
{
    const std::vector<double>& values = result.series.values;
    result.scores.reserve(values.size());
    constexpr std::size_t kBlock = 65'536;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i % kBlock == 0 && !keepGoing(i))
            return false;
        const double score = detector.update(values[i]);
        result.scores.push_back(score);
        if (score >= result.threshold)
            result.detections.push_back(static_cast<qsizetype>(i));
    }
    return true;
}

Expected<DetectionResult> prepare(TimeSeries series, const DetectionParams& params, std::unique_ptr<Detector>* out)
{
    DetectionResult result;
    result.detector = params.detector;
    result.threshold = params.threshold;
    result.probation = params.probation > 0 ? params.probation : defaultProbation(series.size());
    result.series = std::move(series);
    *out = makeDetector(params.detector, { result.probation });
    if (!*out)
        return Error { QStringLiteral("Unknown detector '%1'; known: %2.")
                           .arg(params.detector, detectorNames().join(QStringLiteral(", "))) };
    return result;
}

} // namespace

Expected<DetectionResult> detect(TimeSeries series, const DetectionParams& params)
{
    std::unique_ptr<Detector> detector;
    auto result = prepare(std::move(series), params, &detector);
    if (!result)
        return result;
    QElapsedTimer clock;
    clock.start();
    scoreAll(*detector, result.value(), [](std::size_t) { return true; });
    result->seconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
    return result;
}

void runDetection(QPromise<jobs::JobResult<DetectionResult>>& promise, const DetectionParams& params)
{
    jobs::JobContext<DetectionResult> context(promise);
    context.progress(0.0, QStringLiteral("Reading %1").arg(QFileInfo(params.path).fileName()));
    auto series = readTimeSeriesCsv(params.path);
    if (!series) {
        context.fail(series.error());
        return;
    }
    std::unique_ptr<Detector> detector;
    auto result = prepare(std::move(series).value(), params, &detector);
    if (!result) {
        context.fail(result.error());
        return;
    }
    QElapsedTimer clock;
    clock.start();
    const auto rows = static_cast<qint64>(result->series.values.size());
    const bool finished = scoreAll(*detector, result.value(), [&](std::size_t i) {
        context.progress(static_cast<qint64>(i), rows, QStringLiteral("Scoring with %1").arg(params.detector));
        return !context.canceled();
    });
    if (!finished)
        return;
    result->seconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
    context.progress(1.0, QStringLiteral("Done"));
    context.succeed(std::move(result).value());
}

report::Report detectionReport(const DetectionResult& result)
{
    using namespace report;
    Report r;
    r.title = QStringLiteral("Anomaly detection");
    r.subtitle = result.series.source;
    r.created = QDateTime::currentDateTimeUtc();
    r.parameters = {
        { QStringLiteral("Detector"), result.detector },
        { QStringLiteral("Threshold"), QString::number(result.threshold, 'g', 6) },
        { QStringLiteral("Probation (rows)"), QString::number(result.probation) },
    };
    const Column integer { {}, ColumnKind::Integer, 0 };
    r.kpis = {
        { QStringLiteral("Rows"), QVariant::fromValue<qint64>(result.series.size()), integer, {} },
        { QStringLiteral("Detections"),
          QVariant::fromValue<qint64>(static_cast<qint64>(result.detections.size())),
          integer,
          {} },
        { QStringLiteral("Rows skipped"), QVariant::fromValue<qint64>(result.series.issues.size()), integer, {} },
    };
    const QList<Column> columns {
        { QStringLiteral("row"), ColumnKind::Integer, 0 },
        { QStringLiteral("timestamp"), ColumnKind::DateTime, 0 },
        { QStringLiteral("value"), ColumnKind::Decimal, 6 },
        { QStringLiteral("anomaly_score"), ColumnKind::Decimal, 4 },
    };
    Table detected { QStringLiteral("Detections"), columns, {} };
    for (qsizetype row : result.detections) {
        const auto i = static_cast<std::size_t>(row);
        detected.rows.append({ QVariant::fromValue<qint64>(row),
                               QVariant(QDateTime::fromMSecsSinceEpoch(result.series.timesMs[i], QTimeZone::utc())),
                               QVariant(result.series.values[i]), QVariant(result.scores[i]) });
    }
    r.tables = { detected };
    Series values { QStringLiteral("value"), {} };
    Series scores { QStringLiteral("anomaly score"), {} };
    const auto n = static_cast<std::size_t>(result.series.size());
    values.points.reserve(static_cast<qsizetype>(n));
    scores.points.reserve(static_cast<qsizetype>(n));
    for (std::size_t i = 0; i < n; ++i) {
        const auto ms = static_cast<double>(result.series.timesMs[i]);
        values.points.append(QPointF(ms, result.series.values[i]));
        scores.points.append(QPointF(ms, result.scores[i]));
    }
    Series threshold { QStringLiteral("threshold"), {} };
    if (n > 0) {
        threshold.points = { QPointF(static_cast<double>(result.series.timesMs.front()), result.threshold),
                             QPointF(static_cast<double>(result.series.timesMs.back()), result.threshold) };
    }
    r.charts = {
        { QStringLiteral("Series"),
          ChartKind::Line,
          QStringLiteral("time"),
          QStringLiteral("value"),
          true,
          false,
          {},
          { values } },
        { QStringLiteral("Anomaly score (%1)").arg(result.detector),
          ChartKind::Line,
          QStringLiteral("time"),
          QStringLiteral("score (0..1)"),
          true,
          false,
          {},
          { scores, threshold } },
    };
    r.notes = result.series.issues;
    return r;
}

Status writeScoreFile(const QString& path, const TimeSeries& series, const std::vector<double>& scores,
                      const std::vector<int>& labels)
{
    const bool labelled = !labels.empty();
    return writeFileAtomically(path, [&](QIODevice& device, QString* error) {
        QByteArray text = labelled ? "timestamp,value,anomaly_score,label\n" : "timestamp,value,anomaly_score\n";
        for (std::size_t i = 0; i < scores.size(); ++i) {
            text += series.timestampTexts.at(static_cast<qsizetype>(i)).toUtf8();
            text += ',' + QByteArray::number(series.values[i], 'g', 17);
            text += ',' + QByteArray::number(scores[i], 'g', 17);
            if (labelled)
                text += ',' + QByteArray::number(labels[i]);
            text += '\n';
        }
        if (device.write(text) == text.size())
            return true;
        *error = device.errorString();
        return false;
    });
}

} // namespace bidlab::anomaly
