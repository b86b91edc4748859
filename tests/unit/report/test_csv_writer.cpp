// SPDX-License-Identifier: MIT
#include "core/common/csv_reader.h"
#include "core/common/money.h"
#include "core/report/report_writers.h"
#include "tests/common/test_support.h"
#include "tests/unit/report/sample_report.h"

#include <limits>
#include <string>
#include <vector>

#include <QDir>
#include <QFile>
#include <QLocale>
#include <QTemporaryDir>
#include <QTimeZone>

using namespace bidlab;
using report::ColumnKind;

namespace {

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// Every record of a CSV file, parsed by BidLab's own reader.
std::vector<std::vector<std::string>> parse(const QByteArray& data)
{
    std::string error;
    auto records = csv::readAll(std::string_view(data.constData(), size_t(data.size())), csv::Dialect {}, &error);
    if (!records) {
        qWarning("CSV did not parse: %s", error.c_str());
        return {};
    }
    return *records;
}

std::string utf8(const QString& text)
{
    return text.toStdString();
}

} // namespace

class TestCsvWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exactBytes();
    void roundTripTrickyText();
    void roundTripNumbers();
    void emptyValuesAndRaggedRows();
    void singleColumnEmptyField();
    void localeDoesNotMatter();
    void reportTableIndex();
    void errors();
    void replacesExistingFile();

private:
    QTemporaryDir m_dir;
};

// The whole file, byte for byte: header, CRLF, no BOM, every kind in its machine-readable form.
void TestCsvWriter::exactBytes()
{
    report::Table table;
    table.columns
        = { { QStringLiteral("name"), ColumnKind::Text, 0 },   { QStringLiteral("count"), ColumnKind::Integer, 0 },
            { QStringLiteral("cpc"), ColumnKind::Decimal, 3 }, { QStringLiteral("spend"), ColumnKind::Money, 2 },
            { QStringLiteral("ctr"), ColumnKind::Percent, 2 }, { QStringLiteral("day"), ColumnKind::Date, 0 },
            { QStringLiteral("at"), ColumnKind::DateTime, 0 } };
    const QDateTime at(QDate(2024, 5, 1), QTime(12, 0, 5), QTimeZone::utc());
    table.rows << report::Row { QStringLiteral("a"), qint64(-42), 1.23456, qint64(12'500'000), 0.0123,
                                QDate(2024, 2, 29),  at };
    table.rows << report::Row { QStringLiteral("b"), qint64(0),           -0.0001,       qint64(-5),
                                0.1 + 0.2,           QDate(1999, 12, 31), at.addMSecs(7) };
    const QString path = m_dir.filePath(QStringLiteral("exact.csv"));
    const Status written = report::writeCsv(table, path);
    QVERIFY2(written.ok(), qPrintable(written.error()));
    QCOMPARE(readFile(path),
             QByteArray("name,count,cpc,spend,ctr,day,at\r\n"
                        "a,-42,1.235,12.500000,0.0123,2024-02-29,2024-05-01T12:00:05Z\r\n"
                        "b,0,0.000,-0.000005,0.30000000000000004,1999-12-31,2024-05-01T12:00:05.007Z\r\n"));
}

// Quotes, delimiters, CR, LF and non-ASCII text survive a round trip through csv::Reader.
void TestCsvWriter::roundTripTrickyText()
{
    const QStringList texts = { QStringLiteral("plain"),          QStringLiteral("comma, inside"),
                                QStringLiteral("quote \"here\""), QStringLiteral("line\nbreak"),
                                QStringLiteral("crlf\r\nbreak"),  QStringLiteral("\"starts with a quote"),
                                QStringLiteral(" spaces kept "),  QStringLiteral("Zürich € 東京 — ok"),
                                QStringLiteral("semi;colon\ttab") };
    report::Table table;
    table.columns = { { QStringLiteral("text, with comma"), ColumnKind::Text, 0 },
                      { QStringLiteral("n"), ColumnKind::Integer, 0 } };
    for (qsizetype i = 0; i < texts.size(); ++i)
        table.rows << report::Row { texts[i], qint64(i) };
    const QString path = m_dir.filePath(QStringLiteral("text.csv"));
    QVERIFY(report::writeCsv(table, path).ok());

    const QByteArray data = readFile(path);
    QVERIFY(!data.startsWith("\xEF\xBB\xBF"));
    QVERIFY(data.startsWith("\"text, with comma\",n\r\n"));
    QVERIFY(data.contains("\r\n\"quote \"\"here\"\"\",2\r\n"));
    QVERIFY(data.contains("\r\nplain,0\r\n")); // not quoted when not needed
    QVERIFY(data.contains("\r\n spaces kept ,6\r\n"));

    const auto records = parse(data);
    QCOMPARE(records.size(), size_t(texts.size() + 1));
    QCOMPARE(records[0], (std::vector<std::string> { "text, with comma", "n" }));
    for (qsizetype i = 0; i < texts.size(); ++i) {
        QCOMPARE(records[size_t(i) + 1].size(), size_t(2));
        QCOMPARE(records[size_t(i) + 1][0], utf8(texts[i]));
        QCOMPARE(records[size_t(i) + 1][1], std::to_string(i));
    }
}

// Money is exact to the micro, percent stays the fraction at full precision, integers are whole.
void TestCsvWriter::roundTripNumbers()
{
    const QList<qint64> micros = { 0,
                                   1,
                                   -1,
                                   12'500'000,
                                   -5,
                                   999'999,
                                   1'000'000,
                                   123'456'789'012'345,
                                   std::numeric_limits<qint64>::max(),
                                   std::numeric_limits<qint64>::min() };
    const QList<double> fractions = { 0.0123, 1.0 / 3.0, 1e-9, 0.999999999999, -0.25, 12.5, 1e-300 };
    report::Table table;
    table.columns = { { QStringLiteral("spend"), ColumnKind::Money, 2 },
                      { QStringLiteral("rate"), ColumnKind::Percent, 1 },
                      { QStringLiteral("count"), ColumnKind::Integer, 0 } };
    const qsizetype n = std::max(micros.size(), fractions.size());
    for (qsizetype i = 0; i < n; ++i) {
        table.rows << report::Row { i < micros.size() ? QVariant(micros[i]) : QVariant(),
                                    i < fractions.size() ? QVariant(fractions[i]) : QVariant(),
                                    QVariant(i == 0 ? std::numeric_limits<qint64>::min() : qint64(i) * 1'000'003) };
    }
    const QString path = m_dir.filePath(QStringLiteral("numbers.csv"));
    QVERIFY(report::writeCsv(table, path).ok());

    const QByteArray data = readFile(path);
    QVERIFY(data.contains("\r\n12.500000,"));
    QVERIFY(data.contains("\r\n-0.000005,"));
    QVERIFY(data.contains("\r\n9223372036854.775807,"));
    QVERIFY(data.contains("\r\n-9223372036854.775808,"));
    QVERIFY(data.contains(",0.0123,"));
    QVERIFY(!data.contains(",1.23,")); // not multiplied by 100

    const auto records = parse(data);
    QCOMPARE(records.size(), size_t(n + 1));
    for (qsizetype i = 0; i < n; ++i) {
        const auto& record = records[size_t(i) + 1];
        if (i < micros.size() && micros[i] == std::numeric_limits<qint64>::min()) {
            QCOMPARE(record[0], std::string("-9223372036854.775808")); // beyond parseMicros' range
        } else if (i < micros.size()) {
            const auto parsed = parseMicros(record[0]);
            QVERIFY2(parsed.has_value(), record[0].c_str());
            QCOMPARE(*parsed, micros[i]);
        } else {
            QCOMPARE(record[0], std::string());
        }
        if (i < fractions.size()) {
            const auto parsed = csv::parseDouble(record[1]);
            QVERIFY2(parsed.has_value(), record[1].c_str());
            QCOMPARE(*parsed, fractions[i]); // bit-exact: the shortest form that reads back the same
        }
        const auto count = csv::parseInt(record[2]);
        QVERIFY(count.has_value());
        QCOMPARE(*count, i == 0 ? std::numeric_limits<qint64>::min() : qint64(i) * 1'000'003);
    }
}

// Null values, NaN and infinity are empty fields; short rows are padded, long rows cut to the header.
void TestCsvWriter::emptyValuesAndRaggedRows()
{
    report::Table table;
    table.columns = { { QStringLiteral("a"), ColumnKind::Text, 0 },
                      { QStringLiteral("b"), ColumnKind::Decimal, 2 },
                      { QStringLiteral("c"), ColumnKind::Percent, 2 },
                      { QStringLiteral("d"), ColumnKind::Date, 0 } };
    table.rows << report::Row { QVariant(), QVariant(), QVariant(), QVariant() };
    table.rows << report::Row { QStringLiteral("x"), std::numeric_limits<double>::quiet_NaN(),
                                std::numeric_limits<double>::infinity(), QDate() };
    table.rows << report::Row { QStringLiteral("short") };
    table.rows << report::Row { QStringLiteral("long"), 1.0, 0.5, QDate(2024, 1, 2), QStringLiteral("extra") };
    const QString path = m_dir.filePath(QStringLiteral("empty.csv"));
    QVERIFY(report::writeCsv(table, path).ok());
    QCOMPARE(readFile(path), QByteArray("a,b,c,d\r\n,,,\r\nx,,,\r\nshort,,,\r\nlong,1.00,0.5,2024-01-02\r\n"));
}

// A record of one empty field would be an empty line, which readers skip: it is written as "".
void TestCsvWriter::singleColumnEmptyField()
{
    report::Table table;
    table.columns = { { QStringLiteral("only"), ColumnKind::Text, 0 } };
    table.rows << report::Row { QStringLiteral("x") } << report::Row { QVariant() } << report::Row { QString() };
    const QString path = m_dir.filePath(QStringLiteral("single.csv"));
    QVERIFY(report::writeCsv(table, path).ok());
    const QByteArray data = readFile(path);
    QCOMPARE(data, QByteArray("only\r\nx\r\n\"\"\r\n\"\"\r\n"));
    QCOMPARE(parse(data).size(), size_t(4));
}

// A German default locale (decimal comma) changes nothing.
void TestCsvWriter::localeDoesNotMatter()
{
    const QLocale previous;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    report::Table table;
    table.columns = { { QStringLiteral("v"), ColumnKind::Decimal, 2 }, { QStringLiteral("m"), ColumnKind::Money, 2 } };
    table.rows << report::Row { 1234.5, qint64(1'234'500'000) };
    const QString path = m_dir.filePath(QStringLiteral("locale.csv"));
    const Status written = report::writeCsv(table, path);
    QLocale::setDefault(previous);
    QVERIFY(written.ok());
    QCOMPARE(readFile(path), QByteArray("v,m\r\n1234.50,1234.500000\r\n"));
}

void TestCsvWriter::reportTableIndex()
{
    report::Report report = test::sampleReport(3);
    report::Table second;
    second.columns = { { QStringLiteral("k"), ColumnKind::Integer, 0 } };
    second.rows << report::Row { qint64(7) };
    report.tables << second;
    const QString path = m_dir.filePath(QStringLiteral("index.csv"));
    QVERIFY(report::writeCsv(report, path, 1).ok());
    QCOMPARE(readFile(path), QByteArray("k\r\n7\r\n"));
    QVERIFY(report::writeCsv(report, path).ok()); // table 0 by default
    QVERIFY(readFile(path).startsWith("Campaign ID,Impressions,CTR,Spend,eCPC,Day,Last win\r\ncmp-0001,1000,0.001,"));
}

void TestCsvWriter::errors()
{
    const report::Report report = test::sampleReport(3);
    const QString path = m_dir.filePath(QStringLiteral("missing-table.csv"));
    const Status missing = report::writeCsv(report, path, 2);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error(),
             QStringLiteral("Cannot write '%1': the report 'Campaign performance' has no table number 2 (its tables "
                            "are numbered 0 to 0).")
                 .arg(path));
    QVERIFY(!QFile::exists(path));
    QVERIFY(!report::writeCsv(report, path, -1).ok());

    report::Report empty;
    empty.title = QStringLiteral("Empty");
    const Status none = report::writeCsv(empty, path);
    QCOMPARE(none.error(), QStringLiteral("Cannot write '%1': the report 'Empty' has no table.").arg(path));
    QVERIFY(!QFile::exists(path));

    const QString unwritable = QStringLiteral("/nonexistent/dir/x.csv");
    const Status failed = report::writeCsv(report, unwritable);
    QVERIFY(!failed.ok());
    QVERIFY2(failed.error().contains(unwritable), qPrintable(failed.error()));
    QVERIFY(!QFile::exists(unwritable));
}

void TestCsvWriter::replacesExistingFile()
{
    const QString path = m_dir.filePath(QStringLiteral("replace.csv"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("old content that is longer than the new one\r\n");
    }
    report::Table table;
    table.columns = { { QStringLiteral("x"), ColumnKind::Integer, 0 } };
    table.rows << report::Row { qint64(1) };
    QVERIFY(report::writeCsv(table, path).ok());
    QCOMPARE(readFile(path), QByteArray("x\r\n1\r\n"));
    // No temporary file is left beside it.
    QCOMPARE(QDir(m_dir.path()).entryList({ QStringLiteral("*replace*") }, QDir::Files | QDir::Hidden),
             QStringList { QStringLiteral("replace.csv") });
}

BIDLAB_TEST_MAIN_CORE(TestCsvWriter)

#include "test_csv_writer.moc"
