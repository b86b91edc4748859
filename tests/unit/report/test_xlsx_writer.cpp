// SPDX-License-Identifier: MIT
#include "core/report/report_writers.h"
#include "tests/common/test_support.h"
#include "tests/unit/report/sample_report.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace bidlab;
using report::ColumnKind;

namespace {

// One member of the workbook's zip archive, read with the `unzip` tool; empty when it is absent.
QByteArray zipEntry(const QString& archive, const QString& entry)
{
    QProcess unzip;
    unzip.start(QStringLiteral("unzip"), { QStringLiteral("-p"), archive, entry });
    if (!unzip.waitForFinished(30'000) || unzip.exitCode() != 0)
        return {};
    return unzip.readAllStandardOutput();
}

// The sheet names in workbook order.
QStringList sheetNames(const QByteArray& workbookXml)
{
    QStringList names;
    static const QRegularExpression sheet(QStringLiteral("<sheet name=\"([^\"]*)\""));
    auto it = sheet.globalMatch(QString::fromUtf8(workbookXml));
    while (it.hasNext())
        names << it.next().captured(1).replace(QStringLiteral("&amp;"), QStringLiteral("&"));
    return names;
}

// The text of a cell that holds a shared string ("A1"), looked up in xl/sharedStrings.xml.
QString cellText(const QByteArray& sheetXml, const QByteArray& stringsXml, const QString& cell)
{
    const QRegularExpression cellPattern(QStringLiteral("<c r=\"%1\"[^>]* t=\"s\"><v>(\\d+)</v></c>").arg(cell));
    const QRegularExpressionMatch match = cellPattern.match(QString::fromUtf8(sheetXml));
    if (!match.hasMatch())
        return {};
    static const QRegularExpression item(QStringLiteral("<si><t[^>]*>([^<]*)</t></si>"));
    QStringList strings;
    auto it = item.globalMatch(QString::fromUtf8(stringsXml));
    while (it.hasNext())
        strings << it.next().captured(1);
    return strings.value(match.captured(1).toInt());
}

} // namespace

class TestXlsxWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void workbookStructure();
    void tableSheet();
    void nullsAreBlank();
    void summarySheet();
    void charts();
    void sheetNamesFollowExcelRules();
    void emptyReport();
    void zeroRowTable();
    void errors();

private:
    QString write(const report::Report& report, const QString& name);

    QTemporaryDir m_dir;
    QString m_sample;
};

void TestXlsxWriter::initTestCase()
{
    if (QStandardPaths::findExecutable(QStringLiteral("unzip")).isEmpty())
        QSKIP("the unzip tool is not installed");
    m_sample = write(test::sampleReport(3), QStringLiteral("sample.xlsx"));
    QVERIFY(!m_sample.isEmpty());
}

QString TestXlsxWriter::write(const report::Report& report, const QString& name)
{
    const QString path = m_dir.filePath(name);
    const Status written = report::writeXlsx(report, path);
    if (!written.ok()) {
        qWarning("%s", qPrintable(written.error()));
        return {};
    }
    return path;
}

void TestXlsxWriter::workbookStructure()
{
    QVERIFY(QFile(m_sample).size() > 0);
    const QStringList names = sheetNames(zipEntry(m_sample, QStringLiteral("xl/workbook.xml")));
    QCOMPARE(names,
             (QStringList { QStringLiteral("Summary"), QStringLiteral("Campaigns"), QStringLiteral("Charts"),
                            QStringLiteral("Chart data") }));
    const QByteArray core = zipEntry(m_sample, QStringLiteral("docProps/core.xml"));
    QVERIFY(core.contains("<dc:title>Campaign performance</dc:title>"));
    QVERIFY(core.contains("2024-06-02T09:30:00Z"));
    // Nothing but the workbook in the folder: the temporary file was renamed over it.
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList { QStringLiteral("sample.xlsx") });
}

// Bold filled header, frozen header row, autofilter, typed cells with number formats per kind.
void TestXlsxWriter::tableSheet()
{
    const QByteArray sheet = zipEntry(m_sample, QStringLiteral("xl/worksheets/sheet2.xml"));
    QVERIFY(!sheet.isEmpty());
    QVERIFY(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"));
    QVERIFY(sheet.contains("<autoFilter ref=\"A1:G4\"/>"));
    // Row 2: 1000 impressions, CTR 0.001 (a fraction, shown by the % format), spend 1.25 units, eCPC 0.25,
    // day 2024-05-01 (Excel serial 45413), last win 2024-05-01 08:00 (45413 + 1/3).
    const QByteArray row2
        = sheet.mid(sheet.indexOf("<row r=\"2\""),
                    sheet.indexOf("</row>", sheet.indexOf("<row r=\"2\"")) - sheet.indexOf("<row r=\"2\""));
    QVERIFY2(QRegularExpression(QStringLiteral("<c r=\"B2\" s=\"\\d+\"><v>1000</v></c>"))
                 .match(QString::fromLatin1(row2))
                 .hasMatch(),
             row2.constData());
    QVERIFY(row2.contains("><v>0.001</v></c>"));
    QVERIFY(row2.contains("<c r=\"D2\" s=\""));
    QVERIFY(row2.contains("><v>1.25</v></c>"));
    QVERIFY(row2.contains("><v>45413</v></c>"));
    QVERIFY(row2.contains("><v>45413.333333333"));
    const QByteArray strings = zipEntry(m_sample, QStringLiteral("xl/sharedStrings.xml"));
    QCOMPARE(cellText(sheet, strings, QStringLiteral("A1")), QStringLiteral("Campaign ID"));
    QCOMPARE(cellText(sheet, strings, QStringLiteral("G1")), QStringLiteral("Last win"));
    QCOMPARE(cellText(sheet, strings, QStringLiteral("A2")), QStringLiteral("cmp-0001"));

    const QByteArray styles = zipEntry(m_sample, QStringLiteral("xl/styles.xml"));
    for (const char* code :
         { "formatCode=\"0.00%\"", "formatCode=\"#,##0.00\"", "formatCode=\"0.000\"", "formatCode=\"yyyy-mm-dd\"",
           "formatCode=\"yyyy-mm-dd hh:mm:ss\"", "formatCode=\"#,##0\"" }) {
        QVERIFY2(styles.contains(code), code);
    }
    QVERIFY(styles.contains("<b/>"));
    QVERIFY(styles.contains("<fgColor rgb=\"FFDCE6F1\"/>"));
}

// The tenth campaign has no CTR: its cell is not written at all, its neighbours are.
void TestXlsxWriter::nullsAreBlank()
{
    const QString path = write(test::sampleReport(10), QStringLiteral("nulls.xlsx"));
    QVERIFY(!path.isEmpty());
    const QByteArray sheet = zipEntry(path, QStringLiteral("xl/worksheets/sheet2.xml"));
    QVERIFY(sheet.contains("<c r=\"B11\""));
    QVERIFY(!sheet.contains("<c r=\"C11\""));
    QVERIFY(sheet.contains("<c r=\"D11\""));
    QVERIFY(sheet.contains("<c r=\"C10\""));
}

void TestXlsxWriter::summarySheet()
{
    const QByteArray strings = zipEntry(m_sample, QStringLiteral("xl/sharedStrings.xml"));
    for (const char* text :
         { "<t>Campaign performance</t>", "<t>Parameter</t>", "<t>Group by</t>", "<t>Key figure</t>",
           "<t>+3.2 % vs April</t>", "<t>Notes</t>", "<t>CTR is empty where a campaign had no impressions.</t>" }) {
        QVERIFY2(strings.contains(text), text);
    }
    const QByteArray sheet = zipEntry(m_sample, QStringLiteral("xl/worksheets/sheet1.xml"));
    QVERIFY(sheet.contains("><v>1234567</v></c>")); // impressions KPI
    // Spend KPI in currency units (libxlsxwriter prints 16 significant digits of the nearest double).
    QVERIFY(sheet.contains("><v>98765.4321"));
    QVERIFY(sheet.contains("><v>0.0123</v></c>")); // CTR KPI as a fraction
}

void TestXlsxWriter::charts()
{
    const QByteArray first = zipEntry(m_sample, QStringLiteral("xl/charts/chart1.xml"));
    const QByteArray second = zipEntry(m_sample, QStringLiteral("xl/charts/chart2.xml"));
    // A time series: an XY chart with straight lines, a date-formatted x axis and a log y axis.
    QVERIFY(first.contains("<c:scatterChart>"));
    QVERIFY(first.contains("<c:scatterStyle val=\"lineMarker\"/>"));
    QVERIFY(first.contains("<c:logBase val=\"10\"/>"));
    QVERIFY(first.contains("formatCode=\"yyyy-mm-dd hh:mm\""));
    QVERIFY(first.contains("'Chart data'!$A$3:$A$62"));
    QVERIFY(first.contains("<c:v>Queries per second</c:v>") || first.contains("<a:t>Queries per second</a:t>"));
    QVERIFY(first.contains("<a:t>QPS (1/s)</a:t>"));
    QVERIFY(second.contains("<c:barChart>"));
    QVERIFY(second.contains("<c:barDir val=\"col\"/>"));
    // The data sheet: each chart's title, then its header row and columns, a blank column between charts.
    const QByteArray data = zipEntry(m_sample, QStringLiteral("xl/worksheets/sheet4.xml"));
    const QByteArray strings = zipEntry(m_sample, QStringLiteral("xl/sharedStrings.xml"));
    QCOMPARE(cellText(data, strings, QStringLiteral("A1")), QStringLiteral("Queries per second"));
    QCOMPARE(cellText(data, strings, QStringLiteral("A2")), QStringLiteral("time (UTC)"));
    QCOMPARE(cellText(data, strings, QStringLiteral("B2")), QStringLiteral("offered"));
    QCOMPARE(cellText(data, strings, QStringLiteral("D2")), QStringLiteral("answered"));
    QCOMPARE(cellText(data, strings, QStringLiteral("F1")), QStringLiteral("Spend by exchange"));
    QCOMPARE(cellText(data, strings, QStringLiteral("F2")), QStringLiteral("Category"));
    QCOMPARE(cellText(data, strings, QStringLiteral("F3")), QStringLiteral("AdX"));
    QVERIFY(data.contains("<c r=\"G3\"><v>120.5</v></c>"));
    QVERIFY(second.contains("'Chart data'!$F$3:$F$5"));
    QVERIFY(second.contains("'Chart data'!$G$3:$G$5"));
    // Charts sit on the Charts sheet.
    QVERIFY(!zipEntry(m_sample, QStringLiteral("xl/drawings/drawing1.xml")).isEmpty());
}

void TestXlsxWriter::sheetNamesFollowExcelRules()
{
    report::Report report;
    report.title = QStringLiteral("Names");
    const QStringList titles = { QStringLiteral("Q1/Q2: [draft]*?"),
                                 QStringLiteral("Summary"),
                                 QStringLiteral("A title that is far too long for an Excel sheet tab"),
                                 QStringLiteral("A title that is far too long for an Excel sheet tab"),
                                 QStringLiteral("'quoted'"),
                                 QString(),
                                 QStringLiteral("history"),
                                 QStringLiteral("campaigns"),
                                 QStringLiteral("Campaigns") };
    for (const QString& title : titles) {
        report::Table table;
        table.title = title;
        table.columns = { { QStringLiteral("x"), ColumnKind::Integer, 0 } };
        report.tables << table;
    }
    const QString path = write(report, QStringLiteral("names.xlsx"));
    QVERIFY(!path.isEmpty());
    QCOMPARE(sheetNames(zipEntry(path, QStringLiteral("xl/workbook.xml"))),
             (QStringList { QStringLiteral("Summary"), QStringLiteral("Q1_Q2_ _draft___"),
                            QStringLiteral("Summary (2)"), QStringLiteral("A title that is far too long fo"),
                            QStringLiteral("A title that is far too lon (2)"), QStringLiteral("quoted"),
                            QStringLiteral("Table 6"), QStringLiteral("history_"), QStringLiteral("campaigns"),
                            QStringLiteral("Campaigns (2)") }));
}

// Only a Summary sheet, still a valid workbook.
void TestXlsxWriter::emptyReport()
{
    const QString path = write(report::Report {}, QStringLiteral("empty.xlsx"));
    QVERIFY(!path.isEmpty());
    QCOMPARE(sheetNames(zipEntry(path, QStringLiteral("xl/workbook.xml"))), QStringList { QStringLiteral("Summary") });
    QVERIFY(zipEntry(path, QStringLiteral("xl/charts/chart1.xml")).isEmpty());
}

// A table without rows keeps its header, frozen row and a filter on the header; a chart without points is
// named on the Charts sheet instead of drawn.
void TestXlsxWriter::zeroRowTable()
{
    report::Report report = test::sampleReport(0);
    report.charts = { report::Chart { QStringLiteral("Nothing yet"),
                                      report::ChartKind::Line,
                                      {},
                                      {},
                                      false,
                                      false,
                                      {},
                                      { report::Series { QStringLiteral("s"), {} } } } };
    const QString path = write(report, QStringLiteral("zero.xlsx"));
    QVERIFY(!path.isEmpty());
    const QByteArray sheet = zipEntry(path, QStringLiteral("xl/worksheets/sheet2.xml"));
    QVERIFY(sheet.contains("<autoFilter ref=\"A1:G1\"/>"));
    QVERIFY(sheet.contains("state=\"frozen\""));
    QVERIFY(!sheet.contains("<row r=\"2\""));
    QVERIFY(zipEntry(path, QStringLiteral("xl/charts/chart1.xml")).isEmpty());
    QVERIFY(
        zipEntry(path, QStringLiteral("xl/sharedStrings.xml")).contains("<t>The chart 'Nothing yet' has no data.</t>"));
}

void TestXlsxWriter::errors()
{
    const QString missingFolder = QStringLiteral("/nonexistent/dir/x.xlsx");
    const Status failed = report::writeXlsx(test::sampleReport(3), missingFolder);
    QVERIFY(!failed.ok());
    QVERIFY2(failed.error().startsWith(QStringLiteral("Cannot write the workbook '/nonexistent/dir/x.xlsx': ")),
             qPrintable(failed.error()));
    QVERIFY(!failed.error().endsWith(QStringLiteral("..")));
    QVERIFY(!QFile::exists(missingFolder));

    // The target is a folder: the workbook is written beside it, the final rename fails, and the temporary
    // file is removed.
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("taken.xlsx"));
    QVERIFY(QDir().mkpath(target));
    const Status blocked = report::writeXlsx(test::sampleReport(3), target);
    QVERIFY(!blocked.ok());
    QVERIFY2(blocked.error().contains(target), qPrintable(blocked.error()));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList { QStringLiteral("taken.xlsx") });
}

BIDLAB_TEST_MAIN_CORE(TestXlsxWriter)

#include "test_xlsx_writer.moc"
