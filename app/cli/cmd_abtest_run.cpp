// SPDX-License-Identifier: MIT
#include "app/cli/cmd_abtest_run.h"

#include "app/cli/cli_command.h"
#include "core/stats/ab_report.h"

namespace bidlab::cli {

namespace {

QString percent(double fraction)
{
    return QString::number(fraction * 100, 'f', 3) + QLatin1Char('%');
}

} // namespace

QString runMetricProblem(stats::Metric metric)
{
    if (metric != stats::Metric::Revenue && metric != stats::Metric::Roas)
        return {};
    return QStringLiteral("--metric %1: a simulator run keeps each arm's totals only, so %2 has no variance to "
                          "test; use ctr or cvr (each arm's ROAS is printed as a figure).")
        .arg(stats::metricKey(metric), stats::metricLabel(metric));
}

void printRunExtras(const stats::RunExperiment& run, const stats::Analysis& analysis)
{
    for (const stats::Comparison& c : analysis.comparisons) {
        if (!c.sampleRatio)
            continue;
        QStringList weights;
        for (double w : run.split)
            weights << QString::number(w);
        printOut(QStringLiteral("\nSample-ratio check of the requests per arm against the weights %1: chi-square %2, "
                                "p %3: %4.")
                     .arg(weights.isEmpty() ? QStringLiteral("(equal)") : weights.join(QLatin1Char(':')))
                     .arg(c.sampleRatio->chiSquare, 0, 'f', 3)
                     .arg(stats::formatPValue(c.sampleRatio->pValue),
                          c.sampleRatio->mismatch ? QStringLiteral("MISMATCH") : QStringLiteral("as planned")));
        break; // one check per experiment, and a run is one experiment
    }
    printOut(QStringLiteral("\nWin rate (wins / bids), two-proportion z-test, not corrected:"));
    for (const stats::WinRateComparison& c : run.winRates)
        printOut(QStringLiteral("  %1 → %2  %3 of %4 bids → %5 of %6 bids  difference %7 [%8, %9]  z %10  p %11")
                     .arg(c.control, c.treatment, percent(c.controlWins.rate()))
                     .arg(c.controlWins.trials)
                     .arg(percent(c.treatmentWins.rate()))
                     .arg(c.treatmentWins.trials)
                     .arg(percent(c.treatmentWins.rate() - c.controlWins.rate()), percent(c.difference.low),
                          percent(c.difference.high))
                     .arg(c.zTest.statistic, 0, 'f', 3)
                     .arg(stats::formatPValue(c.zTest.pValue)));
    for (const QString& line : run.roas)
        printOut(QStringLiteral("  ") + line);
}

void addRunExtras(const stats::RunExperiment& run, QJsonObject* json)
{
    json->insert(QStringLiteral("run"), stats::runExperimentToJson(run));
}

void addRunExtras(const stats::RunExperiment& run, report::Report* report)
{
    report->tables << stats::winRateTable(run);
    report->notes << run.roas;
}

} // namespace bidlab::cli
