// SPDX-License-Identifier: MIT
// Reading timestamp,value files: dialects, headers, and malformed rows reported with their line.
#include "core/anomaly/time_series.h"
#include "tests/common/test_support.h"

#include <QCoreApplication>

using namespace bidlab::anomaly;

namespace {

bidlab::Expected<TimeSeries> parse(const char* text)
{
    return parseTimeSeriesCsv(std::string_view(text), QStringLiteral("t.csv"));
}

} // namespace

class TimeSeriesTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsTheNabLayout()
    {
        const auto s = parse("timestamp,value\n2014-04-01 00:00:00,20.5\n2014-04-01 00:05:00,21\n");
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s->size(), qsizetype(2));
        QCOMPARE(s->values[1], 21.0);
        QCOMPARE(s->timesMs[1] - s->timesMs[0], qint64(300'000));
        QCOMPARE(s->timesMs[0], qint64(1'396'310'400'000)); // read as UTC
        QCOMPARE(s->timestampTexts.at(0), QStringLiteral("2014-04-01 00:00:00"));
        QVERIFY(s->issues.isEmpty());
    }

    void acceptsBomCrlfOtherColumnOrderAndDelimiters()
    {
        const auto s
            = parse("\xEF\xBB\xBFValue;Timestamp;note\r\n1.5;2020-01-01T00:00:00;a\r\n2.5;2020-01-01T01:00:00;b\r\n");
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s->size(), qsizetype(2));
        QCOMPARE(s->values[0], 1.5);
        const auto headerless = parse("1700000000,3\n1700000060,4\n");
        QVERIFY(headerless.ok());
        QCOMPARE(headerless->timesMs[1], qint64(1'700'000'060'000));
    }

    void malformedRowsAreSkippedAndNamed()
    {
        const auto s = parse("timestamp,value\n"
                             "2020-01-01 00:00:00,1\n"
                             "yesterday,2\n"
                             "2020-01-01 00:10:00,abc\n"
                             "2020-01-01 00:15:00\n"
                             "2020-01-01 00:20:00,nan\n"
                             "2020-01-01 00:25:00,5\n");
        QVERIFY(s.ok());
        QCOMPARE(s->size(), qsizetype(2));
        QCOMPARE(s->issues.size(), qsizetype(4));
        QVERIFY2(s->issues.at(0).contains(QStringLiteral("t.csv, line 3")), qPrintable(s->issues.at(0)));
        QVERIFY(s->issues.at(0).contains(QStringLiteral("'yesterday' is not a timestamp")));
        QVERIFY(s->issues.at(1).contains(QStringLiteral("line 4")));
        QVERIFY(s->issues.at(2).contains(QStringLiteral("line 5")));
        QVERIFY(s->issues.at(3).contains(QStringLiteral("line 6")));
    }

    void emptyOrMissingFilesAreErrors()
    {
        QVERIFY(!parse("").ok());
        const auto onlyBad = parse("timestamp,value\nx,y\n");
        QVERIFY(!onlyBad.ok());
        QVERIFY2(onlyBad.error().contains(QStringLiteral("no row")), qPrintable(onlyBad.error()));
        const auto unterminated = parse("timestamp,value\n\"2020-01-01,1\n");
        QVERIFY(!unterminated.ok());
        const auto missing = readTimeSeriesCsv(QStringLiteral("/nonexistent/series.csv"));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().contains(QStringLiteral("/nonexistent/series.csv")));
    }
};

BIDLAB_TEST_MAIN_CORE(TimeSeriesTest)
#include "test_time_series.moc"
