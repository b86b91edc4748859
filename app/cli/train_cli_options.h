// SPDX-License-Identifier: MIT
#pragma once

#include "core/jobs/job.h"
#include "core/train/training_job.h"

#include <functional>

#include <QCommandLineParser>
#include <QFuture>

// What `train`, `tune` and `bench train` share: the data-mapping and model options, and running a job in
// the foreground with progress on stderr and Ctrl+C as cancel.
namespace bidlab::cli {

void addTrainOptions(QCommandLineParser& parser);
// Builds the request from the parsed options (the data file is the first positional argument); prints the
// problem and returns false (exit code in *exitCode) on a bad option.
bool trainRequestFromOptions(const QCommandLineParser& parser, train::TrainRequest* request, int* exitCode);

// Waits for the future while printing its progress to stderr; SIGINT/SIGTERM cancel it. Returns true when it
// was interrupted.
bool waitWithProgress(const std::function<bool()>& finished, const std::function<void()>& cancel,
                      const std::function<std::pair<int, QString>()>& progress, bool quiet);
template<class T> bool waitWithProgress(QFuture<T>& future, bool quiet)
{
    return waitWithProgress([&] { return future.isFinished(); }, [&] { future.cancel(); },
                            [&] {
                                return std::pair { future.progressValue(), future.progressText() };
                            },
                            quiet);
}

// The outcome as a JSON object (metrics, curve end, importances).
QJsonObject outcomeJson(const train::TrainOutcome& outcome);

} // namespace bidlab::cli
