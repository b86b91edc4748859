// SPDX-License-Identifier: MIT
#include "core/aggregate/aggregate_file.h"
#include "core/aggregate/aggregate_report.h"
#include "core/aggregate/file_layout.h"
#include "core/common/csv_reader.h"
#include "core/report/report_writers.h"
#include "tests/common/test_support.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace bidlab;
using namespace bidlab::aggregate;

namespace {

AggregateResult aggregateLog(const QString& path, const QStringList& dims)
{
    AggregateParams p;
    p.path = path;
    p.mapping = guessMapping(inspectFile(path)->headers);
    p.dimensions = dims;
    Expected<AggregateResult> r = aggregateFile(p);
    if (!r)
        qFatal("%s", qPrintable(r.error()));
    return std::move(r).value();
}

QString writeLog(const QTemporaryDir& dir)
{
    const QString path = dir.filePath(QStringLiteral("log.csv"));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write("date,campaign_id,device,impressions,clicks,conversions,cost,revenue\n"
            "2024-01-01,a,mobile,1000,10,1,5,20\n"
            "2024-01-01,a,desktop,500,0,0,0,0\n"
            "2024-01-02,b,mobile,2000,40,0,10.5,0\n"
            "2024-01-02,b,mobile,?,40,0,10.5,0\n");
    return path;
}

} // namespace

class AggregateReportTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theReportHasLevelsKpisChartsAndBadRows()
    {
        QTemporaryDir dir;
        const AggregateResult r = aggregateLog(writeLog(dir), { QStringLiteral("campaign"), QStringLiteral("date") });
        const report::Report report = buildAggregateReport(r);
        QStringList titles;
        for (const report::Table& t : report.tables)
            titles << t.title;
        QCOMPARE(titles, (QStringList { QStringLiteral("Rollup"), QStringLiteral("By campaign × date"), QStringLiteral("By campaign"), QStringLiteral("Total"), QStringLiteral("Bad rows") }));
        const report::Table& rollup = report.tables[0];
        QCOMPARE(rollup.columns[0].name, QStringLiteral("level"));
        QCOMPARE(rollup.columns[1].name, QStringLiteral("campaign_id"));
        QCOMPARE(rollup.columns[2].kind, report::ColumnKind::Date);
        QCOMPARE(rollup.rows.size(), 5); // a/01-01, a, b/01-02, b, total
        QCOMPARE(rollup.rows.back()[0].toLongLong(), 0);
        QVERIFY(rollup.rows.back()[1].isNull());
        QCOMPARE(report.tables[4].rows.front()[0].toLongLong(), 5); // the bad row's line
        QCOMPARE(report.tables[4].rows.front()[1].toString(), QStringLiteral("impressions"));

        QStringList kpis;
        for (const report::Kpi& k : report.kpis)
            kpis << k.name;
        QVERIFY(kpis.contains(QStringLiteral("ROAS")));
        QCOMPARE(report.kpis.back().value.toLongLong(), 1); // bad rows
        QCOMPARE(report.charts.size(), 3);
        QCOMPARE(report.charts[0].kind, report::ChartKind::Bar);
        QCOMPARE(report.charts[0].categories, (QStringList { QStringLiteral("b"), QStringLiteral("a") })); // top by cost
        QCOMPARE(report.charts[1].kind, report::ChartKind::Line);
        QVERIFY(report.charts[1].xIsTime);
        QCOMPARE(report.charts[1].series.front().points.size(), 2);
        QVERIFY(report.notes.join(QLatin1Char(' ')).contains(QStringLiteral("1 of 4 rows were skipped")));
    }

    void csvReadsBackWithExactMoneyAndEmptyRatios()
    {
        QTemporaryDir dir;
        const AggregateResult r = aggregateLog(writeLog(dir), { QStringLiteral("campaign"), QStringLiteral("device") });
        const QString out = dir.filePath(QStringLiteral("out.csv"));
        QVERIFY(report::writeCsv(buildAggregateReport(r), out).ok());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        const auto rows = csv::readAll(bytes.toStdString(), {});
        QVERIFY(rows.has_value());
        const std::vector<std::string>& header = rows->front();
        const auto column = [&](const char* name) {
            return std::size_t(std::find(header.begin(), header.end(), std::string(name)) - header.begin());
        };
        // Row 2 is a/desktop: 500 impressions, no clicks: CTR 0, CPC empty.
        const std::vector<std::string>& desktop = (*rows)[1];
        QCOMPARE(desktop[column("device")], std::string("desktop"));
        QCOMPARE(desktop[column("Cost")], std::string("0.000000"));
        QCOMPARE(desktop[column("CPC")], std::string(""));
        QCOMPARE(desktop[column("ROAS")], std::string(""));
        const std::vector<std::string>& total = rows->back();
        QCOMPARE(total[column("level")], std::string("0"));
        QCOMPARE(total[column("Cost")], std::string("15.500000"));
        QCOMPARE(total[column("Impressions")], std::string("3500"));
        QCOMPARE(total[column("CPM")], std::string("4.428571")); // 15.5 / 3500 * 1000
    }

    void xlsxHasASheetPerLevel()
    {
        const QString unzip = QStandardPaths::findExecutable(QStringLiteral("unzip"));
        if (unzip.isEmpty())
            QSKIP("unzip is not installed");
        QTemporaryDir dir;
        const AggregateResult r = aggregateLog(writeLog(dir), { QStringLiteral("campaign"), QStringLiteral("date") });
        const QString out = dir.filePath(QStringLiteral("out.xlsx"));
        QVERIFY(report::writeXlsx(buildAggregateReport(r), out).ok());
        const test::ProcessResult workbook
            = test::runProgram(unzip, { QStringLiteral("-p"), out, QStringLiteral("xl/workbook.xml") });
        QCOMPARE(workbook.exitCode, 0);
        for (const char* sheet : { "Summary", "Rollup", "By campaign × date", "By campaign", "Total", "Bad rows" })
            QVERIFY2(workbook.out.contains(QStringLiteral("name=\"%1\"").arg(QString::fromUtf8(sheet))), sheet);
        const test::ProcessResult strings
            = test::runProgram(unzip, { QStringLiteral("-p"), out, QStringLiteral("xl/sharedStrings.xml") });
        QVERIFY(strings.out.contains(QStringLiteral("campaign_id")));
        QVERIFY(strings.out.contains(QStringLiteral("is not a whole number")));
        // The Total sheet (the 5th) holds the exact impressions as a number.
        const test::ProcessResult total
            = test::runProgram(unzip, { QStringLiteral("-p"), out, QStringLiteral("xl/worksheets/sheet5.xml") });
        QVERIFY2(total.out.contains(QStringLiteral("<v>3500</v>")), qPrintable(total.out.left(2000)));
        QVERIFY(total.out.contains(QStringLiteral("autoFilter")));
    }
};

BIDLAB_TEST_MAIN_CORE(AggregateReportTest)
#include "test_aggregate_report.moc"
