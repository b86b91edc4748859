// SPDX-License-Identifier: MIT
#include "core/stats/ab_analysis.h"

#include "core/jobs/parallel_for.h"
#include "core/stats/distributions.h"
#include "core/stats/intervals.h"
#include "core/stats/ratio_metric.h"
#include "core/stats/translation.h"

#include <atomic>
#include <cmath>
#include <thread>

#include <QLocale>

namespace bidlab::stats {

namespace {

using detail::tr;

QString count(double n)
{
    QLocale locale = QLocale::c();
    locale.setNumberOptions(QLocale::DefaultNumberOptions);
    return locale.toString(qint64(std::llround(n)));
}

QString pText(double p)
{
    return p < 1e-300 ? QStringLiteral("< 1e-300") : QStringLiteral("= ") + QString::number(p, 'g', 2);
}

// What the sample-ratio check counts.
QString assignedName(TableShape shape)
{
    return shape == TableShape::PerUnit ? tr("users") : tr("exposures");
}

// What one unit of the table is, for messages.
QString unitName(TableShape shape)
{
    switch (shape) {
    case TableShape::PerUnit:
        return tr("user");
    case TableShape::Daily:
        return tr("day");
    case TableShape::Aggregated:
        return tr("exposure");
    }
    return {};
}

std::vector<double> perUnitRates(const std::vector<std::int64_t>& successes, const std::vector<std::int64_t>& trials)
{
    std::vector<double> rates;
    rates.reserve(trials.size());
    for (std::size_t i = 0; i < trials.size(); ++i) {
        if (trials[i] > 0)
            rates.push_back(double(successes[i]) / double(trials[i]));
    }
    return rates;
}

std::vector<double> inUnits(const std::vector<Micros>& micros)
{
    std::vector<double> values(micros.size());
    std::transform(micros.begin(), micros.end(), values.begin(), [](Micros m) { return toUnits(m); });
    return values;
}

// The t interval of a mean.
std::optional<Interval> meanInterval(const SampleSummary& s, double alpha)
{
    if (s.count < 2)
        return std::nullopt;
    const double half = studentTIsf(alpha / 2, s.count - 1) * std::sqrt(s.variance / s.count);
    return Interval { s.mean - half, s.mean + half };
}

MeanDetail meanDetail(const QString& unit, std::span<const double> control, std::span<const double> treatment,
                      double alpha)
{
    MeanDetail detail;
    detail.unit = unit;
    detail.control = summarize(control);
    detail.treatment = summarize(treatment);
    detail.welch = welchTest(detail.control, detail.treatment, alpha);
    detail.mannWhitney = mannWhitneyU(treatment, control);
    return detail;
}

void setLift(Comparison& c, const Estimate& control, const Estimate& treatment, double alpha)
{
    const Lift lift = relativeLift(control, treatment, alpha);
    c.lift = lift.lift;
    c.liftInterval = lift.interval;
}

// Successes and trials of the rate metrics, per arm or per unit.
struct RateColumns
{
    Role successes;
    Role trials;
};

RateColumns rateColumns(const Dataset& dataset, Metric metric)
{
    if (metric == Metric::Ctr)
        return { Role::Clicks, Role::Exposures };
    return { Role::Conversions, dataset.has(Role::Clicks) ? Role::Clicks : Role::Exposures };
}

std::int64_t total(const Arm& arm, Role role)
{
    switch (role) {
    case Role::Exposures:
        return arm.exposures;
    case Role::Clicks:
        return arm.clicks;
    default:
        return arm.conversions;
    }
}

const std::vector<std::int64_t>& column(const Arm& arm, Role role)
{
    switch (role) {
    case Role::Exposures:
        return arm.units.exposures;
    case Role::Clicks:
        return arm.units.clicks;
    default:
        return arm.units.conversions;
    }
}

QString roleNoun(Role role)
{
    switch (role) {
    case Role::Exposures:
        return tr("exposures");
    case Role::Clicks:
        return tr("clicks");
    default:
        return tr("conversions");
    }
}

// Rates need trials in both arms and no more successes than trials; otherwise c.error says why.
bool validRates(Comparison& c, const Proportion& a, const Proportion& b, const Arm& ca, const Arm& ta,
                const RateColumns& columns)
{
    for (const auto& [arm, p] : { std::pair { &ca, a }, std::pair { &ta, b } }) {
        if (p.trials <= 0) {
            c.error = tr("Arm '%1' has no %2.").arg(arm->name, roleNoun(columns.trials));
            return false;
        }
        if (p.successes > p.trials) {
            c.error = tr("Arm '%1' has more %2 (%3) than %4 (%5); a rate needs fewer.")
                          .arg(arm->name, roleNoun(columns.successes), count(double(p.successes)),
                               roleNoun(columns.trials), count(double(p.trials)));
            return false;
        }
    }
    return true;
}

// Rates with Wilson intervals, the difference with Newcombe's, the lift with the delta method's.
void setRateEstimates(Comparison& c, const Proportion& a, const Proportion& b, double alpha)
{
    const Interval wilsonA = wilsonInterval(a, alpha), wilsonB = wilsonInterval(b, alpha);
    c.control.numerator = double(a.successes);
    c.control.denominator = double(a.trials);
    c.control.value = a.rate();
    c.control.interval = wilsonA;
    c.treatment.numerator = double(b.successes);
    c.treatment.denominator = double(b.trials);
    c.treatment.value = b.rate();
    c.treatment.interval = wilsonB;
    c.difference = b.rate() - a.rate();
    c.differenceInterval = newcombeInterval(a, wilsonA, b, wilsonB);
    setLift(c, proportionEstimate(a), proportionEstimate(b), alpha);
    c.intervalMethod = tr("delta method on the log ratio");
}

// The chosen test gives the comparison's p-value (Auto: Fisher's exact test for small counts, else z).
void setPrimaryRateTest(Comparison& c, const ProportionDetail& detail, ProportionTest test)
{
    switch (test) {
    case ProportionTest::Auto:
    case ProportionTest::ZTest:
        c.method = tr("two-proportion z-test (pooled)");
        c.statistic = detail.zTest.statistic;
        c.pValue = detail.zTest.pValue;
        break;
    case ProportionTest::ChiSquare:
        c.method = tr("chi-square test");
        c.statistic = detail.chiSquare.statistic;
        c.pValue = detail.chiSquare.pValue;
        break;
    case ProportionTest::Yates:
        c.method = tr("chi-square test with Yates' correction");
        c.statistic = detail.yates.statistic;
        c.pValue = detail.yates.pValue;
        break;
    case ProportionTest::Fisher:
        c.method = tr("Fisher's exact test");
        c.statistic = detail.fisher->oddsRatio;
        c.pValue = detail.fisher->pValue;
        break;
    }
}

void warnAboutCounts(Comparison& c, const ProportionDetail& detail, const Proportion& a, const Proportion& b,
                     ProportionTest asked, ProportionTest used, Role successes)
{
    const bool small = detail.smallestExpected < 5;
    if (a.successes + b.successes == 0)
        c.warnings << tr("No %1 in either arm: there is nothing to compare.").arg(roleNoun(successes));
    else if (small && asked == ProportionTest::Auto)
        c.warnings << tr("Small counts (an expected cell of %1): Fisher's exact test gives the p-value.")
                          .arg(detail.smallestExpected, 0, 'g', 3);
    else if (small && used != ProportionTest::Fisher)
        c.warnings << tr("Small counts (an expected cell of %1): the %2 is unreliable here; Fisher's exact test "
                         "gives p %3.")
                          .arg(QString::number(detail.smallestExpected, 'g', 3), c.method,
                               pText(detail.fisher->pValue));
}

// Days vary more than a binomial model of pooled impressions assumes: test the daily rates too, and warn when
// they do not back the pooled test.
void checkDailyRates(Comparison& c, const Arm& ca, const Arm& ta, const RateColumns& columns, double alpha)
{
    const std::vector<double> ra = perUnitRates(column(ca, columns.successes), column(ca, columns.trials));
    const std::vector<double> rb = perUnitRates(column(ta, columns.successes), column(ta, columns.trials));
    c.means = meanDetail(tr("day"), ra, rb, alpha);
    if (c.means->welch && *c.pValue <= alpha && c.means->welch->pValue > alpha)
        c.warnings << tr("The daily rates vary more than the pooled test assumes: Welch's t-test over the %1 and %2 "
                         "days gives p %3.")
                          .arg(ra.size())
                          .arg(rb.size())
                          .arg(pText(c.means->welch->pValue));
}

void analyzeRate(Comparison& c, const Dataset& dataset, const Arm& ca, const Arm& ta, const AnalysisOptions& options)
{
    const RateColumns columns = rateColumns(dataset, options.metric);
    const Proportion a { total(ca, columns.successes), total(ca, columns.trials) };
    const Proportion b { total(ta, columns.successes), total(ta, columns.trials) };
    if (!validRates(c, a, b, ca, ta, columns))
        return;
    setRateEstimates(c, a, b, options.alpha);
    ProportionDetail detail;
    detail.zTest = twoProportionZTest(a, b);
    detail.chiSquare = chiSquareTest(a, b, false);
    detail.yates = chiSquareTest(a, b, true);
    detail.smallestExpected = smallestExpectedCount(a, b);
    const bool small = detail.smallestExpected < 5;
    const ProportionTest test = options.test == ProportionTest::Auto
        ? (small ? ProportionTest::Fisher : ProportionTest::ZTest)
        : options.test;
    if (test == ProportionTest::Fisher || options.exactForAll || small)
        detail.fisher = fisherExactTest(a, b);
    setPrimaryRateTest(c, detail, test);
    warnAboutCounts(c, detail, a, b, options.test, test, columns.successes);
    c.proportions = detail;
    if (dataset.shape == TableShape::Daily)
        checkDailyRates(c, ca, ta, columns, options.alpha);
}

void analyzeRevenue(Comparison& c, const Dataset& dataset, const Arm& ca, const Arm& ta, const AnalysisOptions& options)
{
    const double alpha = options.alpha;
    MeanDetail detail;
    if (dataset.shape == TableShape::Aggregated) {
        detail.unit = unitName(dataset.shape);
        detail.control = summarizeSums(double(ca.exposures), toUnits(ca.revenue), ca.revenueSquares);
        detail.treatment = summarizeSums(double(ta.exposures), toUnits(ta.revenue), ta.revenueSquares);
        detail.welch = welchTest(detail.control, detail.treatment, alpha);
    } else {
        detail = meanDetail(unitName(dataset.shape), inUnits(ca.units.revenue), inUnits(ta.units.revenue), alpha);
    }
    for (auto [result, s, arm] :
         { std::tuple { &c.control, detail.control, &ca }, std::tuple { &c.treatment, detail.treatment, &ta } }) {
        result->numerator = toUnits(arm->revenue);
        result->denominator = s.count;
        if (s.count > 0)
            result->value = s.mean;
        result->interval = meanInterval(s, alpha);
    }
    if (!detail.welch) {
        c.error = tr("Welch's t-test needs at least two %1s per arm and some variation.").arg(detail.unit);
        c.means = detail;
        return;
    }
    c.method = tr("Welch's t-test");
    c.statistic = detail.welch->t;
    c.pValue = detail.welch->pValue;
    c.difference = detail.welch->difference;
    c.differenceInterval = detail.welch->interval;
    setLift(c, detail.control.estimate(), detail.treatment.estimate(), alpha);
    c.intervalMethod = tr("delta method on the log ratio");
    if (detail.mannWhitney && (detail.mannWhitney->pValue <= alpha) != (detail.welch->pValue <= alpha))
        c.warnings << tr("The Mann–Whitney U test (p %1) and Welch's t-test (p %2) disagree: a few large values "
                         "may drive the means.")
                          .arg(pText(detail.mannWhitney->pValue), pText(detail.welch->pValue));
    c.means = detail;
}

Resampling resamplingFor(const AnalysisOptions& options, std::size_t units)
{
    switch (options.bootstrap) {
    case BootstrapChoice::Units:
        return Resampling::Units;
    case BootstrapChoice::PoissonBuckets:
        return Resampling::PoissonBuckets;
    case BootstrapChoice::Auto:
        break;
    }
    return units > kPoissonAboveUnits ? Resampling::PoissonBuckets : Resampling::Units;
}

// The bootstrap's intervals replace the delta method's: BCa where defined, else percentile.
void addBootstrapIntervals(Comparison& c, const RatioUnits& a, const RatioUnits& b, const AnalysisOptions& options,
                           QThreadPool* pool, const std::function<bool()>& stop)
{
    BootstrapOptions boot;
    boot.resamples = options.resamples;
    boot.seed = options.seed;
    boot.alpha = options.alpha;
    boot.resampling = resamplingFor(options, a.numerator.size() + b.numerator.size());
    boot.buckets = options.buckets;
    boot.pool = pool;
    boot.stop = stop;
    c.bootstrap = bootstrapRatio(a, b, boot);
    if (!c.bootstrap)
        return;
    const RatioBootstrap& r = *c.bootstrap;
    auto best = [](const BootstrapInterval& i) { return i.bca ? i.bca : i.percentile; };
    c.control.interval = best(r.control);
    c.treatment.interval = best(r.treatment);
    if (best(r.lift)) {
        c.liftInterval = best(r.lift);
        c.intervalMethod = r.lift.bca ? tr("BCa bootstrap") : tr("percentile bootstrap");
    }
    if (r.resampling == Resampling::PoissonBuckets)
        c.warnings
            << tr("Bucketed Poisson bootstrap (%1 buckets per arm): an approximation for large tables.").arg(r.buckets);
    if (r.undefined > 0)
        c.warnings << tr("%1 of %2 bootstrap resamples had no cost in an arm and were left out.")
                          .arg(r.undefined)
                          .arg(r.resamples);
}

void analyzeRoas(Comparison& c, const Arm& ca, const Arm& ta, const AnalysisOptions& options, QThreadPool* pool,
                 const std::function<bool()>& stop)
{
    const RatioUnits a { ca.units.revenue, ca.units.cost }, b { ta.units.revenue, ta.units.cost };
    for (const auto& [result, arm] : { std::pair { &c.control, &ca }, std::pair { &c.treatment, &ta } }) {
        result->numerator = toUnits(arm->revenue);
        result->denominator = toUnits(arm->cost);
        if (arm->cost == 0) {
            c.error = tr("Arm '%1' has no cost: its ROAS is undefined.").arg(arm->name);
            return;
        }
        result->value = double(arm->revenue) / double(arm->cost);
    }
    if (ca.units.size() < 2 || ta.units.size() < 2) {
        c.error = tr("The ROAS tests need at least two units per arm.");
        return;
    }
    c.difference = *c.treatment.value - *c.control.value;
    const Lift delta = relativeLift(ratioEstimate(a), ratioEstimate(b), options.alpha);
    c.lift = delta.lift;
    if (!delta.pValue) {
        c.error = tr("The ROAS of an arm is 0 or does not vary: no test is possible.");
        return;
    }
    c.liftInterval = delta.interval;
    c.intervalMethod = tr("delta method on the log ratio");
    c.method = tr("delta-method z-test on log ROAS");
    c.statistic = delta.z;
    c.pValue = delta.pValue;
    addBootstrapIntervals(c, a, b, options, pool, stop);
}

void checkSampleRatio(Comparison& c, const Experiment& experiment, const AnalysisOptions& options, TableShape shape)
{
    std::vector<std::int64_t> units;
    for (const Arm& arm : experiment.arms)
        units.push_back(arm.assigned);
    const bool planned = options.split.size() == experiment.arms.size();
    c.sampleRatio
        = sampleRatioCheck(units, planned ? std::span<const double>(options.split) : std::span<const double>());
    if (!options.split.empty() && !planned)
        c.warnings << tr("The planned split has %1 shares but the experiment has %2 arms; an equal split is assumed.")
                          .arg(options.split.size())
                          .arg(experiment.arms.size());
    if (c.sampleRatio && c.sampleRatio->mismatch) {
        QStringList counts;
        for (std::int64_t u : units)
            counts << count(double(u));
        c.warnings << tr("Sample ratio mismatch: %1 %2 where %3 split was planned (chi-square p %4). Check "
                         "assignment and logging before trusting this result.")
                          .arg(counts.join(QStringLiteral(" vs ")), assignedName(shape),
                               planned ? tr("another") : tr("an equal"), pText(c.sampleRatio->pValue));
    }
}

} // namespace

QString decisionLabel(Decision decision)
{
    switch (decision) {
    case Decision::NotTested:
        return tr("not tested");
    case Decision::NotSignificant:
        return tr("not significant");
    case Decision::Better:
        return tr("significant increase");
    case Decision::Worse:
        return tr("significant decrease");
    }
    return {};
}

std::optional<QString> metricUnavailable(const Dataset& dataset, Metric metric)
{
    switch (metric) {
    case Metric::Ctr:
        if (!dataset.has(Role::Clicks))
            return tr("The table has no clicks column: CTR needs one.");
        if (!dataset.has(Role::Exposures) && dataset.shape != TableShape::PerUnit)
            return tr("The table has no exposures (impressions) column: CTR needs one.");
        return std::nullopt;
    case Metric::Cvr:
        if (!dataset.has(Role::Conversions))
            return tr("The table has no conversions column: CVR needs one.");
        return std::nullopt;
    case Metric::Revenue:
        if (!dataset.has(Role::Revenue))
            return tr("The table has no revenue column.");
        if (dataset.shape == TableShape::Aggregated && !dataset.has(Role::RevenueSquares))
            return tr("Revenue per user needs one row per user, or a column with each arm's sum of squared "
                      "revenue, to know its variance.");
        return std::nullopt;
    case Metric::Roas:
        if (!dataset.has(Role::Revenue) || !dataset.has(Role::Cost))
            return tr("ROAS needs a revenue and a cost column.");
        if (dataset.shape == TableShape::Aggregated)
            return tr("ROAS intervals need one row per user or per day (the bootstrap resamples them).");
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<Metric> firstAvailableMetric(const Dataset& dataset)
{
    for (const Metric metric : { Metric::Ctr, Metric::Cvr, Metric::Revenue, Metric::Roas }) {
        if (!metricUnavailable(dataset, metric))
            return metric;
    }
    return std::nullopt;
}

Comparison analyzeComparison(const Dataset& dataset, std::size_t experiment, std::size_t treatmentArm,
                             const AnalysisOptions& options, QThreadPool* pool, const std::function<bool()>& stop)
{
    const Experiment& e = dataset.experiments.at(experiment);
    Comparison c;
    c.experiment = int(experiment);
    c.experimentName = e.name;
    const Arm& control = e.arms.front();
    c.control.name = control.name;
    c.control.assigned = control.assigned;
    if (treatmentArm == 0 || treatmentArm >= e.arms.size()) {
        c.error = tr("The experiment has only one arm ('%1').").arg(control.name);
        return c;
    }
    const Arm& treatment = e.arms[treatmentArm];
    c.treatment.name = treatment.name;
    c.treatment.assigned = treatment.assigned;
    checkSampleRatio(c, e, options, dataset.shape);
    if (const std::optional<QString> why = metricUnavailable(dataset, options.metric)) {
        c.error = *why;
        return c;
    }
    switch (options.metric) {
    case Metric::Ctr:
    case Metric::Cvr:
        analyzeRate(c, dataset, control, treatment, options);
        break;
    case Metric::Revenue:
        analyzeRevenue(c, dataset, control, treatment, options);
        break;
    case Metric::Roas:
        analyzeRoas(c, control, treatment, options, pool, stop);
        break;
    }
    return c;
}

void correct(Analysis& analysis)
{
    std::vector<std::optional<double>> p;
    p.reserve(analysis.comparisons.size());
    for (const Comparison& c : analysis.comparisons)
        p.push_back(c.pValue);
    const std::vector<std::optional<double>> adjusted = adjustPValues(p, analysis.options.correction);
    analysis.tested = analysis.significant = 0;
    for (std::size_t i = 0; i < adjusted.size(); ++i) {
        Comparison& c = analysis.comparisons[i];
        c.adjustedPValue = adjusted[i];
        if (!adjusted[i]) {
            c.decision = Decision::NotTested;
            continue;
        }
        ++analysis.tested;
        if (*adjusted[i] <= analysis.options.alpha && c.difference && *c.difference != 0) {
            c.decision = *c.difference > 0 ? Decision::Better : Decision::Worse;
            ++analysis.significant;
        } else {
            c.decision = Decision::NotSignificant;
        }
    }
}

Expected<Analysis> analyze(std::shared_ptr<const Dataset> dataset, const AnalysisOptions& options, QThreadPool* pool,
                           const std::function<void(double)>& progress, const std::function<bool()>& stop)
{
    if (!dataset)
        return Error { tr("There is no table to analyse.") };
    if (const std::optional<QString> why = metricUnavailable(*dataset, options.metric))
        return Error { *why };
    Analysis analysis;
    analysis.dataset = dataset;
    analysis.options = options;
    std::vector<std::pair<std::size_t, std::size_t>> pairs; // (experiment, treatment arm)
    for (std::size_t e = 0; e < dataset->experiments.size(); ++e) {
        const std::size_t arms = dataset->experiments[e].arms.size();
        for (std::size_t a = 1; a < std::max<std::size_t>(arms, 2); ++a)
            pairs.emplace_back(e, a);
    }
    analysis.comparisons.resize(pairs.size());
    constexpr qsizetype chunk = 64;
    const qsizetype chunks = (qsizetype(pairs.size()) + chunk - 1) / chunk;
    std::atomic<qsizetype> done { 0 };
    const std::thread::id caller = std::this_thread::get_id();
    const bool finished = jobs::parallelFor(
        pool, chunks,
        [&](qsizetype k) {
            const qsizetype end = std::min<qsizetype>(qsizetype(pairs.size()), (k + 1) * chunk);
            for (qsizetype i = k * chunk; i < end; ++i) {
                const auto [e, a] = pairs[std::size_t(i)];
                analysis.comparisons[std::size_t(i)] = analyzeComparison(*dataset, e, a, options, pool, stop);
            }
            const qsizetype total = done.fetch_add(end - k * chunk) + end - k * chunk;
            if (progress && std::this_thread::get_id() == caller)
                progress(double(total) / double(pairs.size()));
        },
        stop);
    if (!finished || (stop && stop()))
        return Error { tr("The analysis was cancelled.") };
    correct(analysis);
    for (std::size_t i = 0; i < analysis.comparisons.size(); ++i) {
        const Comparison& c = analysis.comparisons[i];
        const bool firstOfExperiment = i == 0 || analysis.comparisons[i - 1].experiment != c.experiment;
        if (firstOfExperiment && c.sampleRatio && c.sampleRatio->mismatch)
            ++analysis.mismatchedExperiments;
    }
    return analysis;
}

} // namespace bidlab::stats
