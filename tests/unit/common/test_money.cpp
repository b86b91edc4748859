// SPDX-License-Identifier: MIT
#include "core/common/money.h"
#include "tests/common/test_support.h"

#include <limits>

using namespace bidlab;

class MoneyTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("micros");
        QTest::addRow("integer") << "12" << true << qint64(12'000'000);
        QTest::addRow("decimals") << "1234.567891" << true << qint64(1'234'567'891);
        QTest::addRow("short fraction") << "0.5" << true << qint64(500'000);
        QTest::addRow("negative") << "-0.000005" << true << qint64(-5);
        QTest::addRow("plus and spaces") << "  +3.25 " << true << qint64(3'250'000);
        QTest::addRow("rounds half up") << "0.0000005" << true << qint64(1);
        QTest::addRow("rounds down") << "0.0000004999" << true << qint64(0);
        QTest::addRow("negative rounds away") << "-1.0000005" << true << qint64(-1'000'001);
        QTest::addRow("leading point") << ".25" << true << qint64(250'000);
        QTest::addRow("trailing point") << "7." << true << qint64(7'000'000);
        QTest::addRow("empty") << "" << false << qint64(0);
        QTest::addRow("sign only") << "-" << false << qint64(0);
        QTest::addRow("point only") << "." << false << qint64(0);
        QTest::addRow("exponent") << "1e3" << false << qint64(0);
        QTest::addRow("two points") << "1.2.3" << false << qint64(0);
        QTest::addRow("comma decimal") << "1,5" << false << qint64(0);
        QTest::addRow("overflow") << "9999999999999999" << false << qint64(0);
        QTest::addRow("max fits") << "9223372036854.775807" << true << std::numeric_limits<qint64>::max();
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(qint64, micros);
        const QByteArray utf8 = text.toUtf8();
        const std::optional<Micros> parsed = parseMicros(std::string_view(utf8.constData(), utf8.size()));
        QCOMPARE(parsed.has_value(), valid);
        if (valid)
            QCOMPARE(*parsed, micros);
    }
    void format()
    {
        QCOMPARE(formatMoney(12'345'678), QStringLiteral("12.35"));
        QCOMPARE(formatMoney(-5, 6), QStringLiteral("-0.000005"));
        QCOMPARE(fromUnits(0.1), Micros(100'000));
        QCOMPARE(toUnits(2'500'000), 2.5);
    }
    void ratioIsEmptyForZeroDenominator()
    {
        QVERIFY(!ratio(1.0, 0.0).has_value());
        QCOMPARE(*ratio(1.0, 4.0), 0.25);
    }
};

BIDLAB_TEST_MAIN_CORE(MoneyTest)
#include "test_money.moc"
