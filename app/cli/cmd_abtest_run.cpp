// SPDX-License-Identifier: MIT
#include "app/cli/cmd_abtest_run.h"

#include "app/cli/cli_command.h"
#include "core/stats/ab_report.h"

namespace bidlab::cli {

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
    for (const QString& line : stats::winRateLines(run))
        printOut(QStringLiteral("  ") + line);
    for (const QString& line : run.roas)
        printOut(QStringLiteral("  ") + line);
}

void addRunExtras(const stats::RunExperiment& run, QJsonObject* json)
{
    json->insert(QStringLiteral("run"), stats::runExperimentToJson(run));
}

} // namespace bidlab::cli
