// SPDX-License-Identifier: MIT
#include "core/common/csv_reader.h"
#include "tests/common/test_support.h"

#include <QFile>

using namespace bidlab;

namespace {

std::vector<std::vector<std::string>> records(std::string_view data, char delimiter = ',')
{
    std::string error;
    auto rows = csv::readAll(data, { delimiter, '"' }, &error);
    if (!rows)
        qFatal("unexpected CSV error: %s", error.c_str());
    return *rows;
}

} // namespace

class CsvReaderTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void plainRows()
    {
        const auto rows = records("a,b,c\n1,2,3\n");
        QCOMPARE(rows.size(), std::size_t(2));
        QCOMPARE(rows[1], (std::vector<std::string> { "1", "2", "3" }));
    }
    void crlfBomAndNoTrailingNewline()
    {
        const auto rows = records("\xEF\xBB\xBFid,v\r\n1,x\r\n2,y");
        QCOMPARE(rows.size(), std::size_t(3));
        QCOMPARE(rows[0][0], std::string("id"));
        QCOMPARE(rows[1][1], std::string("x"));
        QCOMPARE(rows[2][1], std::string("y"));
    }
    void quotedFields()
    {
        const auto rows = records("\"a,1\",\"say \"\"hi\"\"\",\"line1\nline2\",\"\"\r\n");
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(rows[0], (std::vector<std::string> { "a,1", "say \"hi\"", "line1\nline2", "" }));
    }
    void emptyFieldsAndEmptyLines()
    {
        const auto rows = records("a,,c\n\n\r\n,,\n");
        QCOMPARE(rows.size(), std::size_t(2));
        QCOMPARE(rows[0], (std::vector<std::string> { "a", "", "c" }));
        QCOMPARE(rows[1], (std::vector<std::string> { "", "", "" }));
    }
    void lineNumbersCountPhysicalLines()
    {
        csv::Reader reader("h\n\"two\nlines\"\n\nlast\n");
        QVERIFY(reader.next());
        QCOMPARE(reader.line(), 1);
        QVERIFY(reader.next());
        QCOMPARE(reader.line(), 2);
        QVERIFY(reader.next());
        QCOMPARE(reader.line(), 5);
        QCOMPARE(reader[0], std::string_view("last"));
        QVERIFY(!reader.next());
        QVERIFY(reader.error().empty());
    }
    void manyUnescapedFieldsStayValid()
    {
        // Fields that needed unescaping live in the reader's scratch space; all of a record's stay valid.
        std::string line;
        for (int i = 0; i < 40; ++i)
            line += "\"v\"\"" + std::to_string(i) + "\"" + (i < 39 ? "," : "\n");
        csv::Reader reader(line);
        QVERIFY(reader.next());
        QCOMPARE(reader.size(), std::size_t(40));
        for (int i = 0; i < 40; ++i)
            QCOMPARE(std::string(reader[i]), "v\"" + std::to_string(i));
    }
    void unterminatedQuoteIsAnError()
    {
        std::string error;
        QVERIFY(!csv::readAll("a,b\n1,\"open\n2,3\n", {}, &error).has_value());
        QVERIFY2(error.find("line 2") != std::string::npos, error.c_str());
    }
    void detectsDelimiter_data()
    {
        QTest::addColumn<QByteArray>("sample");
        QTest::addColumn<char>("delimiter");
        QTest::addRow("comma") << QByteArray("a,b,c\n1,2,3\n") << ',';
        QTest::addRow("semicolon with commas in quotes")
            << QByteArray("Campaign;Date;Spend\n\"a,b\";1.08.2019;2280\nx;2.08.2019;1757\n") << ';';
        QTest::addRow("tab") << QByteArray("0\t1\t5\t\n1\t2\t\t3\n") << '\t';
        QTest::addRow("single column") << QByteArray("value\n1\n2\n") << ',';
    }
    void detectsDelimiter()
    {
        QFETCH(QByteArray, sample);
        QFETCH(char, delimiter);
        QCOMPARE(csv::detectDelimiter(std::string_view(sample.constData(), sample.size())), delimiter);
    }
    void readsARealSemicolonFile()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(path, "campaigns/facebook_ab_test_control_vs_test/control_group.csv");
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        const std::string_view data(bytes.constData(), static_cast<std::size_t>(bytes.size()));
        const char delimiter = csv::detectDelimiter(data);
        QCOMPARE(delimiter, ';');
        const auto rows = records(data, delimiter);
        QCOMPARE(rows.size(), std::size_t(31)); // header + 30 days, no newline after the last row
        QCOMPARE(rows[0][0], std::string("Campaign Name"));
        QCOMPARE(rows[30][1], std::string("30.08.2019"));
        QCOMPARE(rows[5][1], std::string("5.08.2019")); // the day with only Spend
        QCOMPARE(rows[5][3], std::string(""));
    }
    void fieldsOfEveryLengthAcrossScanBlocks()
    {
        // The field scan classifies 64 bytes at a time: fields and line ends at every offset of a block.
        std::vector<std::vector<std::string>> expected;
        std::string data;
        std::uint32_t state = 12345;
        const auto next = [&] { return state = state * 1103515245u + 12345u, (state >> 16) & 0x7fff; };
        for (int r = 0; r < 300; ++r) {
            std::vector<std::string> row;
            const int fields = 1 + int(next() % 6);
            for (int f = 0; f < fields; ++f) {
                std::string field(next() % 150, 'a');
                for (char& c : field)
                    c = char('a' + next() % 26);
                row.push_back(field);
                data += field + (f + 1 < fields ? "," : (r % 3 == 0 ? "\r\n" : "\n"));
            }
            if (row.size() == 1 && row.front().empty())
                continue; // an empty line is not a record
            expected.push_back(row);
        }
        csv::Reader reader(data);
        std::size_t r = 0;
        while (reader.next()) {
            QVERIFY(r < expected.size());
            QCOMPARE(std::vector<std::string>(reader.fields().begin(), reader.fields().end()), expected[r]);
            ++r;
        }
        QCOMPARE(r, expected.size());
    }
    void chunkedReadingHelpers()
    {
        const std::string data = "a,b\n\n\r\n1,2\n3,\"x\ny\"\n";
        QCOMPARE(csv::lineStartAfter(data, 0), std::size_t(0));
        QCOMPARE(csv::lineStartAfter(data, 1), std::size_t(4));
        QCOMPARE(csv::lineStartAfter(data, 4), std::size_t(4)); // already a line start
        QCOMPARE(csv::lineStartAfter(data, 15), std::size_t(16)); // inside the quoted field: speculative
        QCOMPARE(csv::lineStartAfter(data, 100), data.size());
        csv::Reader reader(data);
        QVERIFY(reader.next());
        QCOMPARE(reader.skipEmptyLines(), std::size_t(7)); // past "\n" and "\r\n"
        QCOMPARE(reader.nextLine(), 4);
        QVERIFY(reader.next());
        QVERIFY(reader.next());
        QCOMPARE(reader[1], std::string_view("x\ny"));
        QCOMPARE(reader.nextLine(), 7);
        QCOMPARE(reader.offset(), data.size());
        QCOMPARE(csv::parseInt("0012"), std::optional<std::int64_t>(12));
        QCOMPARE(csv::parseInt(" -7 "), std::optional<std::int64_t>(-7));
        QCOMPARE(csv::parseInt("99999999999999999999"), std::nullopt);
    }
    void strictNumbers()
    {
        QCOMPARE(csv::parseInt(" 42 "), std::optional<std::int64_t>(42));
        QCOMPARE(csv::parseInt("-7"), std::optional<std::int64_t>(-7));
        QVERIFY(!csv::parseInt("4x").has_value());
        QVERIFY(!csv::parseInt("").has_value());
        QCOMPARE(csv::parseDouble("2.5e-3"), std::optional<double>(0.0025));
        QVERIFY(!csv::parseDouble("nan").has_value());
        QVERIFY(!csv::parseDouble("1,5").has_value());
    }
};

BIDLAB_TEST_MAIN_CORE(CsvReaderTest)
#include "test_csv_reader.moc"
