// SPDX-License-Identifier: MIT
#include "core/report/report.h"
#include "tests/common/test_support.h"

#include <limits>

#include <QLocale>
#include <QTimeZone>

using namespace bidlab;
using report::ColumnKind;

Q_DECLARE_METATYPE(report::Column)

class TestFormatCell : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formats_data();
    void formats();
    void localeIndependent();
};

void TestFormatCell::formats_data()
{
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<report::Column>("column");
    QTest::addColumn<QString>("expected");

    const auto col = [](ColumnKind kind, int decimals = 2) { return report::Column { {}, kind, decimals }; };
    const QString dash = QStringLiteral("\u2014");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const qint64 maxMicros = std::numeric_limits<qint64>::max();
    const qint64 minMicros = std::numeric_limits<qint64>::min();

    // Empty values, whatever the kind.
    QTest::addRow("null text") << QVariant() << col(ColumnKind::Text) << dash;
    QTest::addRow("null integer") << QVariant() << col(ColumnKind::Integer) << dash;
    QTest::addRow("null money") << QVariant() << col(ColumnKind::Money) << dash;
    QTest::addRow("null percent") << QVariant() << col(ColumnKind::Percent) << dash;
    QTest::addRow("null date") << QVariant() << col(ColumnKind::Date) << dash;
    QTest::addRow("typed null double") << QVariant(QMetaType::fromType<double>()) << col(ColumnKind::Decimal) << dash;
    QTest::addRow("NaN") << QVariant(nan) << col(ColumnKind::Decimal) << dash;
    QTest::addRow("infinity") << QVariant(inf) << col(ColumnKind::Percent) << dash;
    QTest::addRow("invalid date") << QVariant(QDate()) << col(ColumnKind::Date) << dash;
    QTest::addRow("text in a number column") << QVariant(QStringLiteral("n/a")) << col(ColumnKind::Money) << dash;

    QTest::addRow("text") << QVariant(QStringLiteral("cmp-7, \"A\"")) << col(ColumnKind::Text)
                          << QStringLiteral("cmp-7, \"A\"");
    QTest::addRow("empty text") << QVariant(QString()) << col(ColumnKind::Text) << QString();

    QTest::addRow("integer, no grouping")
        << QVariant(qint64(1234567)) << col(ColumnKind::Integer) << QStringLiteral("1234567");
    QTest::addRow("negative integer") << QVariant(qint64(-42)) << col(ColumnKind::Integer) << QStringLiteral("-42");
    QTest::addRow("int64 max") << QVariant(maxMicros) << col(ColumnKind::Integer)
                               << QStringLiteral("9223372036854775807");

    QTest::addRow("decimal 2") << QVariant(3.14159) << col(ColumnKind::Decimal, 2) << QStringLiteral("3.14");
    QTest::addRow("decimal 0") << QVariant(2.6) << col(ColumnKind::Decimal, 0) << QStringLiteral("3");
    QTest::addRow("decimal 4") << QVariant(-1234.5) << col(ColumnKind::Decimal, 4) << QStringLiteral("-1234.5000");
    QTest::addRow("no negative zero") << QVariant(-0.001) << col(ColumnKind::Decimal, 2) << QStringLiteral("0.00");

    QTest::addRow("money 2") << QVariant(qint64(12'500'000)) << col(ColumnKind::Money, 2) << QStringLiteral("12.50");
    QTest::addRow("money half away from zero")
        << QVariant(qint64(1'234'565'000)) << col(ColumnKind::Money, 2) << QStringLiteral("1234.57");
    QTest::addRow("negative money half away")
        << QVariant(qint64(-1'234'565'000)) << col(ColumnKind::Money, 2) << QStringLiteral("-1234.57");
    QTest::addRow("money below a cent") << QVariant(qint64(-5)) << col(ColumnKind::Money, 2) << QStringLiteral("0.00");
    QTest::addRow("money 6") << QVariant(qint64(-5)) << col(ColumnKind::Money, 6) << QStringLiteral("-0.000005");
    QTest::addRow("money 0") << QVariant(qint64(2'500'000)) << col(ColumnKind::Money, 0) << QStringLiteral("3");
    QTest::addRow("money exact when huge")
        << QVariant(maxMicros) << col(ColumnKind::Money, 6) << QStringLiteral("9223372036854.775807");
    QTest::addRow("money int64 min") << QVariant(minMicros) << col(ColumnKind::Money, 6)
                                     << QStringLiteral("-9223372036854.775808");
    QTest::addRow("money huge, rounded") << QVariant(qint64(98'765'432'109'876'543)) << col(ColumnKind::Money, 2)
                                         << QStringLiteral("98765432109.88");

    QTest::addRow("percent") << QVariant(0.0123) << col(ColumnKind::Percent, 2) << QStringLiteral("1.23 %");
    QTest::addRow("percent 0") << QVariant(0.5) << col(ColumnKind::Percent, 0) << QStringLiteral("50 %");
    QTest::addRow("percent 1") << QVariant(1.0) << col(ColumnKind::Percent, 1) << QStringLiteral("100.0 %");
    QTest::addRow("percent negative") << QVariant(-0.034) << col(ColumnKind::Percent, 1) << QStringLiteral("-3.4 %");

    QTest::addRow("date") << QVariant(QDate(2024, 2, 29)) << col(ColumnKind::Date) << QStringLiteral("2024-02-29");
    const QDateTime noon(QDate(2024, 5, 1), QTime(12, 0), QTimeZone::utc());
    QTest::addRow("date-time") << QVariant(noon) << col(ColumnKind::DateTime) << QStringLiteral("2024-05-01T12:00:00Z");
    QTest::addRow("date-time to UTC") << QVariant(QDateTime(QDate(2024, 5, 1), QTime(12, 0), QTimeZone(7200)))
                                      << col(ColumnKind::DateTime) << QStringLiteral("2024-05-01T10:00:00Z");
    QTest::addRow("date-time ms") << QVariant(noon.addMSecs(45)) << col(ColumnKind::DateTime)
                                  << QStringLiteral("2024-05-01T12:00:00.045Z");
}

void TestFormatCell::formats()
{
    QFETCH(QVariant, value);
    QFETCH(report::Column, column);
    QFETCH(QString, expected);
    QCOMPARE(report::formatCell(value, column), expected);
}

// A decimal-comma, dot-grouping default locale changes nothing.
void TestFormatCell::localeIndependent()
{
    const QLocale previous;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    const QString decimal = report::formatCell(1234567.891, { {}, ColumnKind::Decimal, 2 });
    const QString percent = report::formatCell(0.5, { {}, ColumnKind::Percent, 1 });
    const QString integer = report::formatCell(qint64(1234567), { {}, ColumnKind::Integer, 0 });
    QLocale::setDefault(previous);
    QCOMPARE(decimal, QStringLiteral("1234567.89"));
    QCOMPARE(percent, QStringLiteral("50.0 %"));
    QCOMPARE(integer, QStringLiteral("1234567"));
}

BIDLAB_TEST_MAIN_CORE(TestFormatCell)

#include "test_format_cell.moc"
