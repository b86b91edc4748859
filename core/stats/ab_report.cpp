// SPDX-License-Identifier: MIT
#include "core/stats/ab_report.h"

#include "core/stats/translation.h"

#include <cmath>

#include <QFileInfo>

namespace bidlab::stats {

namespace {

using detail::tr;

using report::Column;
using report::ColumnKind;

QVariant optional(const std::optional<double>& value)
{
    return value && std::isfinite(*value) ? QVariant(*value) : QVariant();
}

bool isRate(Metric metric)
{
    return metric == Metric::Ctr || metric == Metric::Cvr;
}

// What the "n" of an arm is for the metric.
QString denominatorName(const Dataset& dataset, Metric metric)
{
    switch (metric) {
    case Metric::Ctr:
        return tr("exposures");
    case Metric::Cvr:
        return dataset.has(Role::Clicks) ? tr("clicks") : tr("exposures");
    case Metric::Revenue:
        return dataset.shape == TableShape::Daily  ? tr("days")
            : dataset.shape == TableShape::PerUnit ? tr("users")
                                                   : tr("exposures");
    case Metric::Roas:
        return tr("cost");
    }
    return {};
}

report::Table resultsTable(const Analysis& analysis)
{
    const Metric metric = analysis.options.metric;
    const QString n = denominatorName(*analysis.dataset, metric);
    const Column count { QString(), ColumnKind::Decimal, metric == Metric::Roas ? 2 : 0 };
    const Column difference = isRate(metric) ? Column { QString(), ColumnKind::Percent, 3 } : valueColumn(metric, {});
    auto named = [](Column c, const QString& name) {
        c.name = name;
        return c;
    };
    report::Table table;
    table.title = tr("Results");
    table.columns = {
        { tr("Experiment"), ColumnKind::Text },
        { tr("Control"), ColumnKind::Text },
        { tr("Treatment"), ColumnKind::Text },
        named(count, tr("Control %1").arg(n)),
        named(count, tr("Treatment %1").arg(n)),
        valueColumn(metric, tr("Control %1").arg(metricLabel(metric))),
        valueColumn(metric, tr("Treatment %1").arg(metricLabel(metric))),
        named(difference, tr("Difference")),
        named(difference, tr("Difference low")),
        named(difference, tr("Difference high")),
        { tr("Lift"), ColumnKind::Percent, 2 },
        { tr("Lift low"), ColumnKind::Percent, 2 },
        { tr("Lift high"), ColumnKind::Percent, 2 },
        { tr("Test"), ColumnKind::Text },
        { tr("Statistic"), ColumnKind::Decimal, 4 },
        { tr("p-value"), ColumnKind::Text },
        { tr("Adjusted p-value"), ColumnKind::Text },
        { tr("Decision"), ColumnKind::Text },
        { tr("Warnings"), ColumnKind::Text },
    };
    for (const Comparison& c : analysis.comparisons) {
        const bool hasDifference = c.differenceInterval.has_value();
        const bool hasLift = c.liftInterval.has_value();
        table.rows << report::Row {
            c.experimentName,
            c.control.name,
            c.treatment.name,
            c.error.isEmpty() ? QVariant(c.control.denominator) : QVariant(),
            c.error.isEmpty() ? QVariant(c.treatment.denominator) : QVariant(),
            optional(c.control.value),
            optional(c.treatment.value),
            optional(c.difference),
            hasDifference ? QVariant(c.differenceInterval->low) : QVariant(),
            hasDifference ? QVariant(c.differenceInterval->high) : QVariant(),
            optional(c.lift),
            hasLift ? QVariant(c.liftInterval->low) : QVariant(),
            hasLift ? QVariant(c.liftInterval->high) : QVariant(),
            c.error.isEmpty() ? c.method : c.error,
            optional(c.statistic),
            formatPValue(c.pValue),
            formatPValue(c.adjustedPValue),
            decisionLabel(c.decision),
            c.warnings.join(QLatin1Char(' ')),
        };
    }
    return table;
}

report::Table armsTable(const Analysis& analysis)
{
    const Metric metric = analysis.options.metric;
    report::Table table;
    table.title = tr("Arms");
    table.columns = {
        { tr("Experiment"), ColumnKind::Text },
        { tr("Arm"), ColumnKind::Text },
        { tr("Role"), ColumnKind::Text },
        { tr("Assigned"), ColumnKind::Integer },
        { tr("Numerator"), ColumnKind::Decimal, metric == Metric::Revenue || metric == Metric::Roas ? 2 : 0 },
        { tr("Denominator"), ColumnKind::Decimal, metric == Metric::Roas ? 2 : 0 },
        valueColumn(metric, metricLabel(metric)),
        valueColumn(metric, tr("Low")),
        valueColumn(metric, tr("High")),
    };
    int previous = -1;
    for (const Comparison& c : analysis.comparisons) {
        if (!c.error.isEmpty())
            continue;
        const bool newExperiment = c.experiment != previous;
        previous = c.experiment;
        for (const auto& [arm, role] :
             { std::pair { &c.control, tr("control") }, std::pair { &c.treatment, tr("treatment") } }) {
            if (arm == &c.control && !newExperiment)
                continue;
            table.rows << report::Row { c.experimentName,
                                        arm->name,
                                        role,
                                        qint64(arm->assigned),
                                        arm->numerator,
                                        arm->denominator,
                                        optional(arm->value),
                                        arm->interval ? QVariant(arm->interval->low) : QVariant(),
                                        arm->interval ? QVariant(arm->interval->high) : QVariant() };
        }
    }
    return table;
}

report::Table problemsTable(const Dataset& dataset)
{
    report::Table table;
    table.title = tr("Rows left out");
    table.columns
        = { { tr("File"), ColumnKind::Text }, { tr("Line"), ColumnKind::Integer }, { tr("Reason"), ColumnKind::Text } };
    for (const RowProblem& p : dataset.problems)
        table.rows << report::Row { p.file, qint64(p.line), p.reason };
    return table;
}

// Lifts of the first comparisons that have one, with their interval ends, in percent.
report::Chart liftChart(const Analysis& analysis)
{
    constexpr int kShown = 40;
    report::Chart chart;
    chart.title = tr("Lift of each comparison with its interval");
    chart.kind = report::ChartKind::Scatter;
    chart.xTitle = tr("comparison (results table order)");
    chart.yTitle = tr("lift (%)");
    report::Series estimate { tr("lift"), {} }, low { tr("interval low"), {} }, high { tr("interval high"), {} };
    int shown = 0;
    for (std::size_t i = 0; i < analysis.comparisons.size() && shown < kShown; ++i) {
        const Comparison& c = analysis.comparisons[i];
        if (!c.lift)
            continue;
        const double x = double(i + 1);
        estimate.points << QPointF(x, *c.lift * 100);
        if (c.liftInterval) {
            low.points << QPointF(x, c.liftInterval->low * 100);
            high.points << QPointF(x, c.liftInterval->high * 100);
        }
        ++shown;
    }
    chart.series = { estimate, low, high };
    return chart;
}

// Under no effect at all p-values are uniform: a pile near 0 is what real effects look like.
report::Chart pValueHistogram(const Analysis& analysis)
{
    constexpr int kBins = 20;
    report::Chart chart;
    chart.title = tr("Distribution of p-values (before correction)");
    chart.kind = report::ChartKind::Bar;
    chart.xTitle = tr("p-value");
    chart.yTitle = tr("comparisons");
    report::Series counts { tr("comparisons"), {} };
    std::vector<int> bins(kBins, 0);
    for (const Comparison& c : analysis.comparisons) {
        if (c.pValue)
            ++bins[std::size_t(std::clamp(int(*c.pValue * kBins), 0, kBins - 1))];
    }
    for (int b = 0; b < kBins; ++b) {
        chart.categories << QString::number(double(b) / kBins, 'f', 2);
        counts.points << QPointF(b, bins[std::size_t(b)]);
    }
    chart.series = { counts };
    return chart;
}

QStringList methodNotes(const Analysis& analysis)
{
    const AnalysisOptions& o = analysis.options;
    const int confidence = int(std::lround((1 - o.alpha) * 100));
    QStringList notes;
    notes << tr("Intervals are %1 % intervals of each comparison on its own (not adjusted for multiplicity); "
                "decisions use p-values adjusted by %2 at alpha = %3.")
                 .arg(confidence)
                 .arg(correctionLabel(o.correction))
                 .arg(o.alpha);
    if (isRate(o.metric))
        notes << tr("Rates: Wilson intervals per arm, Newcombe's interval for the difference, the delta method on "
                    "the log ratio for the lift.");
    if (o.metric == Metric::Roas)
        notes << tr("ROAS: the p-value from the delta method on log ROAS; intervals from a stratified bootstrap "
                    "(%1 resamples, seed %2, BCa where defined).")
                     .arg(o.resamples)
                     .arg(o.seed);
    if (analysis.mismatchedExperiments > 0)
        notes << tr("%n experiment(s) fail the sample-ratio check (p < 0.001): their arms did not get the planned "
                    "share of units, so their results are suspect.",
                    nullptr, analysis.mismatchedExperiments);
    return notes;
}

} // namespace

QString metricDescription(const Dataset& dataset, Metric metric)
{
    switch (metric) {
    case Metric::Ctr:
        return tr("CTR (clicks per exposure)");
    case Metric::Cvr:
        return dataset.has(Role::Clicks) ? tr("CVR (conversions per click)") : tr("CVR (conversions per exposure)");
    case Metric::Revenue:
        return tr("revenue per %1").arg(denominatorName(dataset, metric).chopped(1));
    case Metric::Roas:
        return tr("ROAS (revenue / cost)");
    }
    return {};
}

QString formatPValue(std::optional<double> p)
{
    if (!p || !std::isfinite(*p))
        return QStringLiteral("\u2014");
    if (*p < 1e-300)
        return QStringLiteral("< 1e-300");
    if (*p < 1e-4)
        return QString::number(*p, 'e', 1);
    return QString::number(*p, 'f', 4);
}

Column valueColumn(Metric metric, const QString& name)
{
    return isRate(metric) ? Column { name, ColumnKind::Percent, 3 } : Column { name, ColumnKind::Decimal, 4 };
}

report::Report abReport(const Analysis& analysis)
{
    const Dataset& dataset = *analysis.dataset;
    const AnalysisOptions& o = analysis.options;
    report::Report r;
    r.title = tr("A/B tests: %1").arg(metricLabel(o.metric));
    QStringList names;
    for (const QString& file : dataset.files)
        names << QFileInfo(file).fileName();
    r.subtitle = names.join(QStringLiteral(", "));
    r.created = QDateTime::currentDateTimeUtc();
    r.parameters = {
        { tr("Files"), dataset.files.join(QStringLiteral(", ")) },
        { tr("Table"), shapeLabel(dataset.shape) },
        { tr("Columns"), dataset.mappingText() },
        { tr("Metric"), metricDescription(dataset, o.metric) },
        { tr("Correction"), correctionLabel(o.correction) },
        { tr("Alpha"), QString::number(o.alpha) },
    };
    if (isRate(o.metric))
        r.parameters.append({ tr("Test"), proportionTestKey(o.test) });
    if (o.metric == Metric::Roas)
        r.parameters.append({ tr("Bootstrap"), tr("%1 resamples, seed %2").arg(o.resamples).arg(o.seed) });
    const auto kpi = [](const QString& name, qint64 value) {
        return report::Kpi { name, value, Column { QString(), ColumnKind::Integer }, QString() };
    };
    r.kpis = { kpi(tr("Experiments"), qint64(dataset.experiments.size())),
               kpi(tr("Comparisons"), qint64(analysis.comparisons.size())),
               kpi(tr("Tested"), analysis.tested),
               kpi(tr("Significant"), analysis.significant),
               kpi(tr("Ratio mismatches"), analysis.mismatchedExperiments),
               kpi(tr("Rows left out"), dataset.rejectedRows) };
    r.tables = { resultsTable(analysis), armsTable(analysis) };
    if (!dataset.problems.empty())
        r.tables << problemsTable(dataset);
    r.charts = { liftChart(analysis) };
    if (analysis.tested >= 20)
        r.charts << pValueHistogram(analysis);
    r.notes = methodNotes(analysis) + dataset.notes;
    if (dataset.rejectedRows > 0)
        r.notes << tr("%n row(s) of %1 were left out; the first: %2", nullptr, int(dataset.rejectedRows))
                       .arg(dataset.rows)
                       .arg(dataset.problems.front().message());
    return r;
}

} // namespace bidlab::stats
