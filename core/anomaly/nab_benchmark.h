// SPDX-License-Identifier: MIT
#pragma once

#include "core/anomaly/detector.h"
#include "core/anomaly/nab_labels.h"
#include "core/anomaly/nab_scorer.h"
#include "core/anomaly/time_series.h"
#include "core/jobs/job.h"

#include <array>
#include <memory>
#include <vector>

#include <QString>
#include <QStringList>

// Runs a detector over a NAB-layout corpus (data/<category>/<file>.csv plus labels/combined_windows.json) and
// scores it with the NAB scorer, series in parallel on the job pool.
namespace bidlab::anomaly::nab {

struct CorpusFile
{
    QString key; // "<category>/<file>.csv", as in the labels
    TimeSeries series;
    std::vector<NabWindow> windows;
};

// Every CSV under dataDir's category folders, with its windows. A file the labels do not name, an unreadable
// file or a window that matches no row is an error naming it. `only` restricts to keys starting with it.
Expected<std::vector<CorpusFile>> loadCorpus(const QString& dataDir, const QString& labelsPath,
                                             const QString& only = {});

// NAB's score-file name: <folder>/<category>/<detector>_<file>.csv for the key "<category>/<file>.csv".
QString scoreFilePath(const QString& folder, const QString& detector, const QString& key);

// The detector's scores for every row of a series; probation is NAB's (15 %, at most 750 rows).
std::vector<double> scoreSeries(const QString& detector, const std::vector<double>& values);

struct ProfileResult
{
    CostProfile profile;
    Outcome outcome;
    double normalized = 0.0;
};

struct FileResult
{
    QString key;
    qsizetype rows = 0;
    qsizetype windows = 0;
    std::array<double, 3> raw {}; // per profile, at the profile's corpus threshold
    std::array<qsizetype, 3> detected {};
    std::array<qsizetype, 3> falsePositives {};
};

struct RunResult
{
    QString detector;
    qsizetype files = 0;
    qsizetype rows = 0;
    qsizetype windows = 0;
    double detectSeconds = 0.0; // wall time of the detection pass
    std::array<ProfileResult, 3> profiles;
    std::vector<FileResult> perFile;
    QStringList scoreFiles; // written files, when asked
    QStringList notes;
};

struct RunParams
{
    std::shared_ptr<const std::vector<CorpusFile>> corpus; // from loadCorpus()
    QString detector = QStringLiteral("ensemble");
    QString scoresOut; // empty: write no score files
};

// Detects (series in parallel on the job pool), scores, and writes the score files when asked
// (<scoresOut>/<category>/<detector>_<file>.csv with timestamp,value,anomaly_score,label), as a job.
void runBenchmark(QPromise<jobs::JobResult<RunResult>>& promise, const RunParams& params);

// Scores already computed: threshold optimisation and per-file figures for each profile.
RunResult scoreCorpus(const QString& detector, const std::vector<CorpusFile>& corpus,
                      const std::vector<std::vector<double>>& scores);

} // namespace bidlab::anomaly::nab
