// SPDX-License-Identifier: MIT
#include "tests/common/image_checks.h"
#include "tests/common/test_support.h"
#include "tests/unit/report/sample_report.h"
#include "ui/report/pdf_report_writer.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace bidlab;

namespace {

bool haveTool(const char* name)
{
    return !QStandardPaths::findExecutable(QString::fromLatin1(name)).isEmpty();
}

// Runs a poppler tool and returns its standard output (empty on failure).
QByteArray runTool(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(60'000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return {};
    return process.readAllStandardOutput();
}

// Pages counted in the file itself: every page object is "/Type /Page" (the tree is "/Type /Pages").
int pageObjects(const QByteArray& pdf)
{
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?!s)"));
    int count = 0;
    auto it = page.globalMatch(QString::fromLatin1(pdf));
    while (it.hasNext()) {
        it.next();
        ++count;
    }
    return count;
}

QString pageText(const QString& pdfPath, int page)
{
    return QString::fromUtf8(runTool(QStringLiteral("pdftotext"),
                                     { QStringLiteral("-layout"), QStringLiteral("-f"), QString::number(page),
                                       QStringLiteral("-l"), QString::number(page), pdfPath, QStringLiteral("-") }));
}

using bidlab::test::inkRatio;

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestPdfReportWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void fileStructure();
    void longTablePaginatesWithHeaderOnEveryPage();
    void chartsAreVectors();
    void firstPageRenders();
    void emptyReport();
    void wideTableFitsThePage();
    void errors();

private:
    QTemporaryDir m_dir;
    QString m_long; // the sample report with a 300-row table
    int m_pages = 0;
};

void TestPdfReportWriter::initTestCase()
{
    m_long = m_dir.filePath(QStringLiteral("long.pdf"));
    const Status written = ui::writePdf(test::sampleReport(300), m_long);
    QVERIFY2(written.ok(), qPrintable(written.error()));
    m_pages = pageObjects(readFile(m_long));
}

// BIDLAB_TEST_KEEP_DIR keeps the PDFs for a person to look at.
void TestPdfReportWriter::cleanupTestCase()
{
    const QString keep = qEnvironmentVariable("BIDLAB_TEST_KEEP_DIR");
    if (keep.isEmpty())
        return;
    QDir().mkpath(keep);
    const auto files = QDir(m_dir.path()).entryList({ QStringLiteral("*.pdf") }, QDir::Files);
    for (const QString& name : files) {
        QFile::remove(QDir(keep).filePath(name));
        QFile::copy(m_dir.filePath(name), QDir(keep).filePath(name));
    }
}

void TestPdfReportWriter::fileStructure()
{
    const QByteArray pdf = readFile(m_long);
    QVERIFY(pdf.startsWith("%PDF-"));
    QVERIFY(pdf.trimmed().endsWith("%%EOF"));
    QVERIFY(pdf.contains("/Type /Catalog"));
    // 300 rows at a few dozen rows a page: several pages, and well under one page per 20 rows.
    QVERIFY2(m_pages >= 5 && m_pages <= 15, qPrintable(QString::number(m_pages)));
    if (haveTool("pdfinfo")) {
        const QString info = QString::fromUtf8(runTool(QStringLiteral("pdfinfo"), { m_long }));
        const QRegularExpressionMatch pages = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info);
        QVERIFY2(pages.hasMatch(), qPrintable(info));
        QCOMPARE(pages.captured(1).toInt(), m_pages);
        QVERIFY(info.contains(QRegularExpression(QStringLiteral("Title:\\s+Campaign performance\n"))));
        QVERIFY(info.contains(QRegularExpression(QStringLiteral("Page size:\\s+595 x 842 pts \\(A4\\)"))));
    }
    // Nothing but the PDF in the folder: no temporary file left behind.
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList { QStringLiteral("long.pdf") });
}

// Every page says "Page n of N" with the true total; every page that shows campaign rows starts them with the
// header row; each of the 300 rows appears exactly once (nothing lost or repeated at a page break).
void TestPdfReportWriter::longTablePaginatesWithHeaderOnEveryPage()
{
    if (!haveTool("pdftotext"))
        QSKIP("pdftotext (poppler-utils) is not installed");
    QString all;
    int pagesWithRows = 0;
    for (int page = 1; page <= m_pages; ++page) {
        const QString text = pageText(m_long, page);
        QVERIFY2(text.contains(QStringLiteral("Page %1 of %2").arg(page).arg(m_pages)), qPrintable(text.left(400)));
        if (text.contains(QStringLiteral("cmp-"))) {
            ++pagesWithRows;
            QVERIFY2(text.contains(QStringLiteral("Campaign ID")), qPrintable(QStringLiteral("page %1").arg(page)));
            QVERIFY(text.contains(QStringLiteral("Last win")));
            QVERIFY(text.indexOf(QStringLiteral("Campaign ID")) < text.indexOf(QStringLiteral("cmp-")));
        }
        all += text;
    }
    QVERIFY2(pagesWithRows >= 4, qPrintable(QString::number(pagesWithRows)));
    for (int i = 1; i <= 300; ++i) {
        const QString id = QStringLiteral("cmp-%1").arg(i, 4, 10, QLatin1Char('0'));
        QCOMPARE(all.count(id), 1);
    }
    const QString first = pageText(m_long, 1);
    QVERIFY(first.contains(QStringLiteral("Campaign performance")));
    QVERIFY(first.contains(QStringLiteral("Created 2024-06-02 09:30 UTC")));
    QVERIFY(first.contains(QStringLiteral("Group by")));
    QVERIFY(first.contains(QStringLiteral("98765.43"))); // the spend KPI, formatted as in the app
    QVERIFY(first.contains(QStringLiteral("1.23 %")));
    // Values right-aligned, numbers as formatCell shows them; notes at the end.
    // Ligature-free text: "continued" and "first" come out as written.
    QVERIFY(all.contains(QStringLiteral("Campaigns (continued)")));
    QVERIFY(pageText(m_long, m_pages).contains(QStringLiteral("12 malformed rows were skipped (first at line 1045")));
}

// Charts are drawn as vectors: the document holds no raster image, and the chart's labels are real text.
void TestPdfReportWriter::chartsAreVectors()
{
    const QByteArray pdf = readFile(m_long);
    QVERIFY(!pdf.contains("/Subtype /Image"));
    if (haveTool("pdfimages")) {
        const QByteArray list = runTool(QStringLiteral("pdfimages"), { QStringLiteral("-list"), m_long });
        QCOMPARE(list.trimmed().count('\n'), 1); // the two header lines only
    }
    if (haveTool("pdftotext")) {
        QString text;
        for (int page = 1; page <= m_pages; ++page)
            text += pageText(m_long, page);
        QVERIFY(text.contains(QStringLiteral("Queries per second")));
        QVERIFY(text.contains(QStringLiteral("Spend by exchange")));
        QVERIFY(text.contains(QStringLiteral("Rubicon"))); // a bar category label
        QVERIFY(text.contains(QStringLiteral("QPS (1/s)"))); // an axis title
    }
}

// Page 1 rendered by poppler is a real page: text, tables and rules leave ink, but it is mostly paper.
void TestPdfReportWriter::firstPageRenders()
{
    if (!haveTool("pdftoppm"))
        QSKIP("pdftoppm (poppler-utils) is not installed");
    for (int page : { 1, 2 }) {
        const QString prefix = m_dir.filePath(QStringLiteral("page%1").arg(page));
        runTool(QStringLiteral("pdftoppm"),
                { QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("50"), QStringLiteral("-f"),
                  QString::number(page), QStringLiteral("-l"), QString::number(page), QStringLiteral("-singlefile"),
                  m_long, prefix });
        const QImage image(prefix + QStringLiteral(".png"));
        QVERIFY(!image.isNull());
        // A4 at 50 dpi: 8.27 x 11.69 in.
        QVERIFY2(qAbs(image.width() - 413) <= 1 && qAbs(image.height() - 585) <= 1,
                 qPrintable(QStringLiteral("%1 x %2").arg(image.width()).arg(image.height())));
        const double ink = inkRatio(image);
        QVERIFY2(ink > 0.02 && ink < 0.5, qPrintable(QStringLiteral("page %1: %2").arg(page).arg(ink)));
    }
}

// A report with nothing in it is still one tidy page.
void TestPdfReportWriter::emptyReport()
{
    const QString path = m_dir.filePath(QStringLiteral("empty.pdf"));
    QVERIFY(ui::writePdf(report::Report {}, path).ok());
    QCOMPARE(pageObjects(readFile(path)), 1);
    if (haveTool("pdftotext"))
        QVERIFY(pageText(path, 1).contains(QStringLiteral("Page 1 of 1")));

    // A table without rows says so under its header.
    report::Report zero = test::sampleReport(0);
    zero.charts.clear();
    const QString zeroPath = m_dir.filePath(QStringLiteral("zero-rows.pdf"));
    QVERIFY(ui::writePdf(zero, zeroPath).ok());
    QCOMPARE(pageObjects(readFile(zeroPath)), 1);
    if (haveTool("pdftotext")) {
        const QString text = pageText(zeroPath, 1);
        QVERIFY(text.contains(QStringLiteral("Campaign ID")));
        QVERIFY(text.contains(QStringLiteral("No rows.")));
    }
}

// Thirty columns of long text: the font shrinks, then the table is printed in column bands, each starting with
// the key column, so that every column is on paper with its full header.
void TestPdfReportWriter::wideTableFitsThePage()
{
    report::Report report;
    report.title = QStringLiteral("Wide");
    report::Table table;
    table.title = QStringLiteral("Features");
    for (int c = 0; c < 30; ++c)
        table.columns << report::Column { QStringLiteral("col%1").arg(c, 2, 10, QLatin1Char('0')),
                                          c % 2 ? report::ColumnKind::Decimal : report::ColumnKind::Text, 4 };
    for (int r = 0; r < 20; ++r) {
        report::Row row;
        for (int c = 0; c < 30; ++c)
            row << (c % 2 ? QVariant(123456.789 * (r + 1))
                          : QVariant(QStringLiteral("a rather long text value %1").arg(r)));
        table.rows << row;
    }
    report.tables << table;
    const QString path = m_dir.filePath(QStringLiteral("wide.pdf"));
    QVERIFY(ui::writePdf(report, path).ok());
    const int pages = pageObjects(readFile(path));
    QVERIFY(pages >= 1);
    if (haveTool("pdftotext")) {
        QString text;
        for (int page = 1; page <= pages; ++page)
            text += pageText(path, page);
        QVERIFY(text.contains(QStringLiteral("Features (columns 1\u2013")));
        QVERIFY(text.contains(QStringLiteral(" of 30)")));
        for (int c = 0; c < 30; ++c)
            QVERIFY2(text.contains(QStringLiteral("col%1").arg(c, 2, 10, QLatin1Char('0'))),
                     qPrintable(QString::number(c)));
        // The key column opens every band: its header appears once per band, more than once in all.
        QVERIFY(text.count(QStringLiteral("col00")) >= 2);
        QVERIFY(text.contains(QStringLiteral("a rather long text value 19")));
    }

    // A single very long text column is elided rather than split off.
    report::Report notes;
    report::Table long_;
    long_.title = QStringLiteral("Log");
    long_.columns = { { QStringLiteral("time"), report::ColumnKind::Text, 0 },
                      { QStringLiteral("message"), report::ColumnKind::Text, 0 } };
    long_.rows << report::Row { QStringLiteral("08:00"), QString(QStringLiteral("very long message ")).repeated(40) };
    notes.tables << long_;
    const QString elided = m_dir.filePath(QStringLiteral("elided.pdf"));
    QVERIFY(ui::writePdf(notes, elided).ok());
    if (haveTool("pdftotext")) {
        const QString text = pageText(elided, 1);
        QVERIFY(text.contains(QStringLiteral("\u2026")));
        QVERIFY(!text.contains(QStringLiteral("columns")));
    }
}

// An unwritable path fails with a message that names it, and leaves nothing behind.
void TestPdfReportWriter::errors()
{
    const QString path = QStringLiteral("/nonexistent/dir/x.pdf");
    const Status failed = ui::writePdf(test::sampleReport(3), path);
    QVERIFY(!failed.ok());
    QVERIFY2(failed.error().contains(path), qPrintable(failed.error()));
    QVERIFY(!QFile::exists(path));

    // The target is a folder: nothing is written into the parent folder either.
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("taken.pdf"));
    QVERIFY(QDir().mkpath(target));
    const Status blocked = ui::writePdf(test::sampleReport(3), target);
    QVERIFY(!blocked.ok());
    QVERIFY2(blocked.error().contains(target), qPrintable(blocked.error()));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList { QStringLiteral("taken.pdf") });
}

BIDLAB_TEST_MAIN_GUI(TestPdfReportWriter)

#include "test_pdf_report_writer.moc"
