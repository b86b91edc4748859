// SPDX-License-Identifier: MIT
#pragma once

#include "core/report/report.h"
#include "core/train/hyper_search.h"

// The training results as a Report (KPIs, tables and charts) for the panel, File > Export and the CLI.
namespace bidlab::train {

report::Report trainingReport(const TrainOutcome& outcome, const TrainRequest& request);
// The same plus the search leaderboard.
report::Report tuningReport(const TuneOutcome& outcome, const TuneRequest& request);

// Chart pieces on their own (the panel draws them one per tab).
report::Chart lossChart(const TrainOutcome& outcome);
report::Chart rocChart(const TrainOutcome& outcome);
report::Chart calibrationChart(const TrainOutcome& outcome);
report::Chart importanceChart(const TrainOutcome& outcome);
report::Table leaderboardTable(const Leaderboard& board);

QString trialStateName(Trial::State state);
QString parametersText(const QList<QPair<QString, double>>& parameters);

} // namespace bidlab::train
