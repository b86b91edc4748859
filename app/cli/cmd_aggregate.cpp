// SPDX-License-Identifier: MIT
// bidlab-cli aggregate: group an ad log by dimensions, with subtotals, as a table, JSON, CSV or XLSX.
#include "app/cli/aggregate_run.h"
#include "app/cli/cli_command.h"
#include "core/aggregate/aggregate_options.h"
#include "core/aggregate/aggregate_report.h"
#include "core/report/report_writers.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace bidlab::cli {

namespace {

QJsonObject summaryJson(const aggregate::AggregateResult& r, const report::Report& report)
{
    QJsonObject o;
    o.insert(QStringLiteral("file"), r.path);
    o.insert(QStringLiteral("bytes"), double(r.dataBytes));
    o.insert(QStringLiteral("compressed"), r.compressed);
    o.insert(QStringLiteral("records"), double(r.records));
    o.insert(QStringLiteral("rowsAggregated"), double(r.total.rows));
    o.insert(QStringLiteral("filteredOut"), double(r.filteredOut));
    o.insert(QStringLiteral("badRows"), double(r.badRowCount));
    o.insert(QStringLiteral("groups"), double(r.groups.size()));
    o.insert(QStringLiteral("seconds"), r.seconds);
    o.insert(QStringLiteral("mbPerSecond"), r.seconds > 0 ? double(r.dataBytes) / 1e6 / r.seconds : 0.0);
    o.insert(QStringLiteral("threads"), r.threadsUsed);
    o.insert(QStringLiteral("chunks"), r.chunks);
    o.insert(QStringLiteral("chunksRescanned"), r.chunksRescanned);
    QJsonObject totals;
    for (const report::Kpi& kpi : report.kpis)
        totals.insert(kpi.name, report::formatCell(kpi.value, kpi.format));
    o.insert(QStringLiteral("totals"), totals);
    QJsonArray bad;
    for (const aggregate::BadRow& row : r.badRows)
        bad.append(QJsonObject { { QStringLiteral("line"), double(row.line) },
                                 { QStringLiteral("column"), row.column },
                                 { QStringLiteral("reason"), row.reason } });
    o.insert(QStringLiteral("firstBadRows"), bad);
    return o;
}

// An aligned text table of the report's first table.
void printTable(const report::Table& table)
{
    QList<int> widths;
    for (const report::Column& c : table.columns)
        widths << int(c.name.size());
    QList<QStringList> cells;
    for (const report::Row& row : table.rows) {
        QStringList line;
        for (qsizetype c = 0; c < table.columns.size(); ++c) {
            line << report::formatCell(row.value(c), table.columns[c]);
            widths[c] = std::max(widths[c], int(line.back().size()));
        }
        cells << line;
    }
    const auto format = [&](const QStringList& line) {
        QString text;
        for (qsizetype c = 0; c < line.size(); ++c) {
            const bool text_ = table.columns[c].kind == report::ColumnKind::Text;
            text += (c ? QStringLiteral("  ") : QString())
                + (text_ ? line[c].leftJustified(widths[c]) : line[c].rightJustified(widths[c]));
        }
        return text;
    };
    QStringList header;
    for (const report::Column& c : table.columns)
        header << c.name;
    printOut(format(header));
    for (const QStringList& line : std::as_const(cells))
        printOut(format(line));
}

int runAggregate(const QStringList& arguments)
{
    QCommandLineParser parser;
    aggregate::addAggregateOptions(parser);
    parser.addOptions({
        { QStringLiteral("out"), QStringLiteral("Write the report as .csv (the rollup table) or .xlsx."),
          QStringLiteral("FILE") },
        { QStringLiteral("json"), QStringLiteral("Print a JSON summary instead of the table.") },
    });
    int exitCode = kOk;
    if (!parseArguments(parser, arguments,
                        QStringLiteral("Aggregate an ad log (CSV or .csv.gz) by dimensions, with subtotals and "
                                       "derived metrics (CTR, CVR, CPC, CPA, CPM, ROAS)."),
                        &exitCode))
        return exitCode;
    const QString out = parser.value(QStringLiteral("out"));
    const QString suffix = QFileInfo(out).suffix().toLower();
    if (!out.isEmpty() && suffix != QLatin1String("csv") && suffix != QLatin1String("xlsx")) {
        printErr(QStringLiteral("--out: write .csv or .xlsx here ('bidlab-cli report' writes PDF too)."));
        return kUsage;
    }
    aggregate::AggregateResult result;
    if (const int code = runAggregation(parser, &result); code != kOk)
        return code;
    const report::Report report = aggregate::buildAggregateReport(result);
    if (!out.isEmpty()) {
        const Status written
            = suffix == QLatin1String("csv") ? report::writeCsv(report, out) : report::writeXlsx(report, out);
        if (!written) {
            printErr(written.error());
            return kFailure;
        }
    }
    if (parser.isSet(QStringLiteral("json")))
        printJson(summaryJson(result, report));
    else if (out.isEmpty())
        printTable(report.tables.front());
    printErr(QStringLiteral("%1 rows aggregated into %2 groups (%3 bad, %4 filtered out) in %5 s, %6 MB/s, %7 threads.")
                 .arg(result.total.rows)
                 .arg(result.groups.size())
                 .arg(result.badRowCount)
                 .arg(result.filteredOut)
                 .arg(result.seconds, 0, 'f', 3)
                 .arg(result.seconds > 0 ? double(result.dataBytes) / 1e6 / result.seconds : 0.0, 0, 'f', 0)
                 .arg(result.threadsUsed));
    for (const aggregate::BadRow& row : std::as_const(result.badRows).mid(0, 5))
        printErr(
            QStringLiteral("  line %1%2: %3")
                .arg(row.line)
                .arg(row.column.isEmpty() ? QString() : QStringLiteral(", column '%1'").arg(row.column), row.reason));
    return kOk;
}

const Registrar registrar { { QStringLiteral("aggregate"),
                              QStringLiteral("Group an ad log by dimensions with subtotals and derived metrics."),
                              runAggregate } };

} // namespace

} // namespace bidlab::cli
