// SPDX-License-Identifier: MIT
// bidlab-cli report: aggregate an ad log and write its report (PDF, XLSX or CSV by the output's suffix).
#include "app/cli/aggregate_run.h"
#include "app/cli/cli_command.h"
#include "core/aggregate/aggregate_options.h"
#include "ui/report/report_export.h"

#include <QCommandLineParser>

namespace bidlab::cli {

namespace {

int runReport(const QStringList& arguments)
{
    QCommandLineParser parser;
    aggregate::addAggregateOptions(parser);
    aggregate::addReportOptions(parser);
    parser.addOption({ { QStringLiteral("o"), QStringLiteral("out") },
                       QStringLiteral("The report file: .pdf, .xlsx or .csv."),
                       QStringLiteral("FILE") });
    int exitCode = kOk;
    if (!parseArguments(parser, arguments,
                        QStringLiteral("Aggregate an ad log and write its report in one go: PDF (title, parameters, "
                                       "KPIs, tables, charts as vectors), XLSX (a sheet per rollup level) or CSV."),
                        &exitCode))
        return exitCode;
    const QString out = parser.value(QStringLiteral("out"));
    if (out.isEmpty()) {
        printErr(QStringLiteral("Give the report file with --out (.pdf, .xlsx or .csv)."));
        return kUsage;
    }
    aggregate::AggregateResult result;
    if (const int code = runAggregation(parser, &result); code != kOk)
        return code;
    const Expected<aggregate::ReportOptions> options = aggregate::reportOptionsFrom(parser, result.params.dimensions);
    if (!options) {
        printErr(options.error());
        return kUsage;
    }
    const Status written = ui::exportReport(aggregate::buildAggregateReport(result, *options), out);
    if (!written) {
        printErr(written.error());
        return kFailure;
    }
    printOut(QStringLiteral("Wrote %1 (%2 groups, %3 rows, %4 bad).")
                 .arg(out)
                 .arg(result.groups.size())
                 .arg(result.total.rows)
                 .arg(result.badRowCount));
    return kOk;
}

const Registrar registrar { { QStringLiteral("report"),
                              QStringLiteral("Aggregate an ad log and write its PDF, XLSX or CSV report."), runReport,
                              /*needsGui=*/true } };

} // namespace

} // namespace bidlab::cli
