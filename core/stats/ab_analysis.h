// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"
#include "core/stats/ab_dataset.h"
#include "core/stats/ab_options.h"
#include "core/stats/bootstrap.h"
#include "core/stats/mean_tests.h"
#include "core/stats/proportion_tests.h"
#include "core/stats/sample_ratio.h"

#include <functional>
#include <memory>
#include <optional>

class QThreadPool;

// The analysis of A/B tables: every treatment arm of every experiment against its control, on one metric,
// with the test that suits the metric and the data, intervals, warnings, and a correction across all
// comparisons. Experiments are analysed in parallel chunks on a pool; the result does not depend on the
// thread count.
namespace bidlab::stats {

struct ArmResult
{
    QString name;
    std::int64_t assigned = 0; // what the sample-ratio check counted
    double numerator = 0; // successes, or revenue in currency units
    double denominator = 0; // trials, units, or cost in currency units
    std::optional<double> value; // rate, mean or ratio
    std::optional<Interval> interval;
};

struct ProportionDetail
{
    TestStatistic zTest;
    TestStatistic chiSquare;
    TestStatistic yates;
    std::optional<FisherResult> fisher;
    double smallestExpected = 0;
};

// Tests of means over units: the primary test of revenue per unit, and for the rates of a daily table a
// check on the daily rates (days vary more than the pooled binomial test assumes).
struct MeanDetail
{
    QString unit; // "user", "day", "exposure"
    SampleSummary control;
    SampleSummary treatment;
    std::optional<WelchResult> welch;
    std::optional<MannWhitneyResult> mannWhitney;
};

enum class Decision { NotTested, NotSignificant, Better, Worse };
QString decisionLabel(Decision decision); // "significant increase", ...

struct Comparison
{
    int experiment = 0; // index in the dataset
    QString experimentName;
    ArmResult control;
    ArmResult treatment;
    std::optional<double> difference; // treatment - control
    std::optional<Interval> differenceInterval;
    std::optional<double> lift; // treatment / control - 1
    std::optional<Interval> liftInterval;
    QString method; // what gave the p-value
    QString intervalMethod; // what gave the lift's interval
    std::optional<double> statistic;
    std::optional<double> pValue;
    std::optional<double> adjustedPValue;
    Decision decision = Decision::NotTested;
    QString error; // why the metric could not be analysed here (then nothing above is set)
    QStringList warnings;
    std::optional<ProportionDetail> proportions;
    std::optional<MeanDetail> means;
    std::optional<RatioBootstrap> bootstrap;
    std::optional<SampleRatioCheck> sampleRatio;
};

struct Analysis
{
    std::shared_ptr<const Dataset> dataset;
    AnalysisOptions options;
    std::vector<Comparison> comparisons;
    int tested = 0; // comparisons with a p-value
    int significant = 0; // after correction
    int mismatchedExperiments = 0; // sample-ratio mismatches
};

// Why `metric` cannot be analysed on this table (a sentence), or nothing when it can.
std::optional<QString> metricUnavailable(const Dataset& dataset, Metric metric);
// The first metric the table supports, in the order ctr, cvr, revenue, roas.
std::optional<Metric> firstAvailableMetric(const Dataset& dataset);

// One treatment arm against the experiment's control (arms[0]), without correction (adjustedPValue stays
// empty). The pool and stop are used by the bootstrap.
Comparison analyzeComparison(const Dataset& dataset, std::size_t experiment, std::size_t treatmentArm,
                             const AnalysisOptions& options, QThreadPool* pool = nullptr,
                             const std::function<bool()>& stop = {});

// Every comparison of the dataset, corrected across all of them. Fails when the metric does not fit the
// table, and when stopped ("The analysis was cancelled.").
Expected<Analysis> analyze(std::shared_ptr<const Dataset> dataset, const AnalysisOptions& options, QThreadPool* pool,
                           const std::function<void(double)>& progress = {}, const std::function<bool()>& stop = {});

// Applies options.correction and alpha to the comparisons' p-values: adjusted p-values, decisions, counts.
void correct(Analysis& analysis);

} // namespace bidlab::stats
