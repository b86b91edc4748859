// SPDX-License-Identifier: MIT
#pragma once

#include "core/anomaly/detector.h"
#include "core/anomaly/time_series.h"
#include "core/jobs/job.h"
#include "core/report/report.h"

#include <vector>

#include <QString>

// One detector over one `timestamp,value` file: the job the Anomalies panel and `bidlab-cli detect` run, and
// the report both export.
namespace bidlab::anomaly {

struct DetectionParams
{
    QString path;
    QString detector = QStringLiteral("ensemble");
    double threshold = kDefaultThreshold;
    qsizetype probation = -1; // values to learn from; -1: NAB's rule (15 % of the series, at most 750)
};

struct DetectionResult
{
    TimeSeries series;
    QString detector;
    double threshold = kDefaultThreshold;
    qsizetype probation = 0;
    std::vector<double> scores; // one per row
    std::vector<qsizetype> detections; // rows whose score is at or above the threshold
    double seconds = 0.0; // detector time
};

// The probation used when none is given: min(floor(0.15 * rows), 750), at least 2.
qsizetype defaultProbation(qsizetype rows);

// Re-applies another threshold to scores already computed (the detections change, the scores do not).
void applyThreshold(DetectionResult& result, double threshold);

// Scores a series already read (no job frame); an unknown detector is an error.
Expected<DetectionResult> detect(TimeSeries series, const DetectionParams& params);

// Reads the file and scores it, with progress and cancel.
void runDetection(QPromise<jobs::JobResult<DetectionResult>>& promise, const DetectionParams& params);

// Title, parameters, KPIs (rows, detections, skipped rows), the table of detections (row, timestamp, value,
// score) and two charts (the series; the score with the threshold). Every row's score goes to a score file
// (writeScoreFile) rather than into the report, which stays readable as a PDF.
// A score file: `timestamp,value,anomaly_score` per row (timestamps as in the input), plus NAB's `label`
// column when labels are given (one per row). Written atomically.
Status writeScoreFile(const QString& path, const TimeSeries& series, const std::vector<double>& scores,
                      const std::vector<int>& labels = {});
report::Report detectionReport(const DetectionResult& result);

} // namespace bidlab::anomaly
