// SPDX-License-Identifier: MIT
#pragma once

#include "core/stats/ab_analysis.h"
#include "core/stats/run_experiment.h"

#include <QJsonObject>

// bidlab-cli abtest --run: what a simulator run adds to the A/B output (the arms' win rates and ROAS).
namespace bidlab::cli {

// The sample-ratio check of the requests, the win rates and the arms' ROAS, as text.
void printRunExtras(const stats::RunExperiment& run, const stats::Analysis& analysis);
// Metrics a run cannot give (its arms keep totals only): a sentence saying so, or empty.
QString runMetricProblem(stats::Metric metric);
void addRunExtras(const stats::RunExperiment& run, QJsonObject* json);

} // namespace bidlab::cli
