// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"
#include "core/engine/engine_snapshot.h"
#include "core/report/report.h"
#include "core/stats/ab_dataset.h"
#include "core/stats/intervals.h"
#include "core/stats/proportion_tests.h"

#include <vector>

#include <QJsonObject>
#include <QString>

// A simulator run split into A/B arms, as an experiment the A/B analysis reads. The engine splits the traffic
// by a hash of the user, so the arms are randomised; the first arm of the scenario is the control.
//
// What the arms' counters become:
//   assigned (sample-ratio check) = requests the split sent to the arm, against the arms' weights;
//   exposures = impressions won (CTR = clicks / impressions, as an ad analyst reads it);
//   clicks, conversions (CVR = conversions / clicks), revenue, cost = spend.
// The run keeps each arm's totals only (no per-user or per-second rows per arm), so revenue per unit and ROAS
// have no variance to test: the A/B analysis says so; ROAS per arm is shown as a figure. Bidding strategies
// differ first in what they win: the win rate (wins / bids) of each arm is compared with the z-test.
namespace bidlab::stats {

// The win rate of one treatment arm against the control: a secondary (guardrail) metric, not corrected.
struct WinRateComparison
{
    QString control;
    QString treatment;
    Proportion controlWins; // wins of bids
    Proportion treatmentWins;
    TestStatistic zTest;
    Interval difference; // Newcombe, treatment - control
};

struct RunExperiment
{
    QString label; // "run 12 (two base bids)"
    Dataset dataset; // one experiment: the run's arms, control first
    std::vector<double> split; // the arms' weights, for the sample-ratio check (AnalysisOptions::split)
    bool splitOnUsers = false; // the arms' `assigned` are distinct users (false: requests, in older runs)
    std::vector<WinRateComparison> winRates;
    QStringList roas; // "control: ROAS 1.234 (revenue 12.00 / spend 9.72)" per arm
};

// The run's arms as an experiment. Fails with a sentence when the run had fewer than two arms, or when the
// arms' counters cannot be read as one (an arm without requests). `alpha` sets the win-rate intervals.
Expected<RunExperiment> runExperiment(const engine::RunSummary& run, const QString& label, double alpha = 0.05);

// Run `id` of the run history at `storePath` (store::RunStore) as an experiment; fails with the store's
// sentence for a missing database or run.
Expected<RunExperiment> storedRunExperiment(const QString& storePath, qint64 id, double alpha = 0.05);

// "run 12 (name)", or "run 12" for a run without a name.
QString runLabel(qint64 id, const QString& name);

// The win-rate comparisons as sentences, one per treatment arm:
// "low → high: win rate 20.738 % of 20460 bids → 66.820 % of 47736 bids, difference +46.082 % [45.155 %, 46.990 %],
// z 110.49, p < 1e-300".
QStringList winRateLines(const RunExperiment& experiment);

// The win-rate comparisons as a report table, and as JSON for the CLI.
report::Table winRateTable(const RunExperiment& experiment);
QJsonObject runExperimentToJson(const RunExperiment& experiment);
// Adds the win-rate table and the arms' ROAS (as notes) to the A/B report of the run.
void addRunSections(const RunExperiment& experiment, report::Report* report);

} // namespace bidlab::stats
