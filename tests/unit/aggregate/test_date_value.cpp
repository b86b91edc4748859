// SPDX-License-Identifier: MIT
#include "core/aggregate/date_value.h"
#include "tests/common/test_support.h"

using namespace bidlab::aggregate;

class DateValueTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesEachFormat_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("format");
        QTest::addColumn<QDate>("expected");
        QTest::addRow("iso") << "2024-01-31" << int(DateFormat::Iso) << QDate(2024, 1, 31);
        QTest::addRow("iso with time") << "2024-02-29 23:59:59" << int(DateFormat::Iso) << QDate(2024, 2, 29);
        QTest::addRow("iso T") << "1999-12-31T00:00:00Z" << int(DateFormat::Iso) << QDate(1999, 12, 31);
        QTest::addRow("iso spaces") << "  2024-03-01 " << int(DateFormat::Iso) << QDate(2024, 3, 1);
        QTest::addRow("ymd") << "2024/1/5" << int(DateFormat::YearMonthDay) << QDate(2024, 1, 5);
        QTest::addRow("dmy dots") << "5.08.2019" << int(DateFormat::DayMonthYear) << QDate(2019, 8, 5);
        QTest::addRow("mdy") << "8/5/2019" << int(DateFormat::MonthDayYear) << QDate(2019, 8, 5);
        QTest::addRow("compact") << "20200710" << int(DateFormat::Compact) << QDate(2020, 7, 10);
        QTest::addRow("before 1970") << "1900-03-01" << int(DateFormat::Iso) << QDate(1900, 3, 1);
    }
    void parsesEachFormat()
    {
        QFETCH(QString, text);
        QFETCH(int, format);
        QFETCH(QDate, expected);
        const std::string bytes = text.toStdString();
        const std::optional<DayNumber> day = parseDate(bytes, DateFormat(format));
        QVERIFY(day.has_value());
        QCOMPARE(toQDate(*day), expected);
        QCOMPARE(fromQDate(expected), *day);
    }
    void rejectsWhatIsNoDate_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("format");
        QTest::addRow("feb 30") << "2024-02-30" << int(DateFormat::Iso);
        QTest::addRow("feb 29 not leap") << "2023-02-29" << int(DateFormat::Iso);
        QTest::addRow("1900 not leap") << "29.02.1900" << int(DateFormat::DayMonthYear);
        QTest::addRow("month 13") << "2024-13-01" << int(DateFormat::Iso);
        QTest::addRow("letters") << "2024-0a-01" << int(DateFormat::Iso);
        QTest::addRow("empty") << "" << int(DateFormat::Iso);
        QTest::addRow("trailing junk") << "5.08.2019x" << int(DateFormat::DayMonthYear);
        QTest::addRow("two-digit year") << "5.08.19" << int(DateFormat::DayMonthYear);
    }
    void rejectsWhatIsNoDate()
    {
        QFETCH(QString, text);
        QFETCH(int, format);
        const std::string bytes = text.toStdString();
        QVERIFY(!parseDate(bytes, DateFormat(format)).has_value());
    }
    void dayNumbersMatchQDateOverCenturies()
    {
        for (QDate d(1899, 12, 25); d < QDate(2101, 1, 10); d = d.addDays(17)) {
            const std::optional<DayNumber> n = dayNumber(d.year(), d.month(), d.day());
            QVERIFY(n.has_value());
            QCOMPARE(*n, DayNumber(QDate(1970, 1, 1).daysTo(d)));
            QCOMPARE(toQDate(monthStart(*n)), QDate(d.year(), d.month(), 1));
            QCOMPARE(toQDate(weekStart(*n)), d.addDays(1 - d.dayOfWeek()));
        }
    }
    void monthsByNameOrNumber()
    {
        QCOMPARE(parseMonth("April"), std::optional<int>(4));
        QCOMPARE(parseMonth("apr"), std::optional<int>(4));
        QCOMPARE(parseMonth("SEPT"), std::optional<int>(9));
        QCOMPARE(parseMonth("12"), std::optional<int>(12));
        QCOMPARE(parseMonth("07"), std::optional<int>(7));
        QVERIFY(!parseMonth("13").has_value());
        QVERIFY(!parseMonth("Ap").has_value());
        QVERIFY(!parseMonth("Aprill").has_value());
    }
    void detectsTheFormatFromTheValues()
    {
        QCOMPARE(detectDateFormat({ "2024-01-02", "2024-01-13" }), std::optional(DateFormat::Iso));
        QCOMPARE(detectDateFormat({ "1.08.2019", "30.08.2019" }), std::optional(DateFormat::DayMonthYear));
        QCOMPARE(detectDateFormat({ "1/2/2024", "1/13/2024" }), std::optional(DateFormat::MonthDayYear));
        QCOMPARE(detectDateFormat({ "13/1/2024", "1/2/2024" }), std::optional(DateFormat::DayMonthYear));
        QCOMPARE(detectDateFormat({ "1/2/2024" }), std::optional(DateFormat::MonthDayYear)); // US when unsure
        QCOMPARE(detectDateFormat({ "20240105", "" }), std::optional(DateFormat::Compact));
        QCOMPARE(detectDateFormat({ "April 5" }), std::nullopt);
        QCOMPARE(detectDateFormat({}), std::nullopt);
    }
};

BIDLAB_TEST_MAIN_CORE(DateValueTest)
#include "test_date_value.moc"
