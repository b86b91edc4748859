// SPDX-License-Identifier: MIT
// Reading iPinYou auction logs: both layouts, limits, and every malformed line named by file and line.
#include "core/replay/auction_log.h"
#include "tests/common/test_support.h"

using namespace bidlab;
using namespace bidlab::replay;

class AuctionLogTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void plainLayout()
    {
        const auto log = parseAuctionLog("0 51 0.000345\n1\t0\t0.5\r\n\n0 300 1e-3\n", QStringLiteral("t.txt"));
        QVERIFY2(log.ok(), qPrintable(log.error()));
        QCOMPARE(log->auctions.size(), std::size_t(3));
        QCOMPARE(log->auctions[0].price, 51);
        QCOMPARE(log->auctions[0].pctr, 0.000345);
        QCOMPARE(log->auctions[1].click, 1);
        QCOMPARE(log->auctions[1].price, 0);
        QCOMPARE(log->auctions[2].pctr, 0.001);
        QCOMPARE(log->declaredEpisodeLength, 0);
        QCOMPARE(log->clicks, std::int64_t(1));
        QCOMPARE(log->priceSum, std::int64_t(351));
    }
    void validationLayout()
    {
        const auto log
            = parseAuctionLog("560870\t2\n1\n0\t5\t0.1\n1\t6\t0.2\n2\n0\t7\t0.3\n0\t8\t0.4\n", QStringLiteral("v.txt"));
        QVERIFY2(log.ok(), qPrintable(log.error()));
        QCOMPARE(log->declaredEpisodeLength, 2);
        QCOMPARE(log->auctions.size(), std::size_t(4));
        QCOMPARE(log->auctions[3].price, 8);
    }
    void limitStopsEarly()
    {
        const auto log = parseAuctionLog("1\t2\n1\n0\t5\t0.1\n0\t6\t0.2\n2\n0\t7\t0.3\n", QStringLiteral("v.txt"), 2);
        QVERIFY2(log.ok(), qPrintable(log.error())); // the limit stops before the short second episode matters
        QCOMPARE(log->auctions.size(), std::size_t(2));
        const auto none = parseAuctionLog("0 1 0.1\n", QStringLiteral("t.txt"), 0);
        QVERIFY(!none.ok());
    }
    void rejectsWithFileAndLine_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        const auto row = [](const char* name, const char* text, const char* message) {
            QTest::addRow("%s", name) << QByteArray(text) << QString::fromUtf8(message);
        };
        row("click 2", "0 1 0.1\n2 1 0.1\n", "log.txt, line 2: click \"2\" must be 0 or 1.");
        row("negative price", "0 -1 0.1\n", "log.txt, line 1: price \"-1\" must be a whole number from 0 to 1000000.");
        row("fractional price", "0 1.5 0.1\n",
            "log.txt, line 1: price \"1.5\" must be a whole number from 0 to 1000000.");
        row("pctr above 1", "0 1 1.5\n", "log.txt, line 1: pCTR \"1.5\" must be a number from 0 to 1.");
        row("pctr nan", "0 1 nan\n", "log.txt, line 1: pCTR \"nan\" must be a number from 0 to 1.");
        row("pctr text", "0 1 x\n", "log.txt, line 1: pCTR \"x\" must be a number from 0 to 1.");
        row("two fields later", "0 1 0.1\n0 1\n",
            "log.txt, line 2: expected the three fields \"click price pctr\", found 2.");
        row("four fields", "0 1 0.1 7\n",
            "log.txt, line 1: expected the three fields \"click price pctr\", found more than 3.");
        row("lone number in plain file", "0 1 0.1\n5\n",
            "log.txt, line 2: expected the three fields \"click price pctr\", found 1.");
        row("bad header", "x\t1000\n",
            "log.txt, line 1: the header must be \"dim T\" (two whole numbers, T at least 1), "
            "found \"x\" \"1000\".");
        row("auction before index", "5\t2\n0\t1\t0.1\n", "log.txt, line 2: an auction before the first episode index.");
        row("skipped episode index", "5\t1\n1\n0\t1\t0.1\n3\n",
            "log.txt, line 4: expected the episode index 2, found \"3\".");
        row("short episode", "5\t2\n1\n0\t1\t0.1\n2\n0\t1\t0.1\n0\t1\t0.1\n",
            "log.txt, line 4: episode 1 holds 1 auctions; the header says each holds 2.");
        row("short last episode", "5\t2\n1\n0\t1\t0.1\n0\t1\t0.1\n2\n0\t1\t0.1\n",
            "log.txt, line 6: episode 2 holds 1 auctions; the header says each holds 2.");
        row("empty", "\n\n", "log.txt holds no auctions.");
    }
    void rejectsWithFileAndLine()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        const auto log = parseAuctionLog(std::string_view(text.constData(), text.size()), QStringLiteral("log.txt"));
        QVERIFY(!log.ok());
        QCOMPARE(log.error(), message);
    }
    void missingFile()
    {
        const auto log = readAuctionLog(QStringLiteral("/nonexistent/test.theta.txt"));
        QVERIFY(!log.ok());
        QVERIFY2(log.error().startsWith(QStringLiteral("Cannot open the auction log /nonexistent/test.theta.txt")),
                 qPrintable(log.error()));
    }
    void sharedValidationLog()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(path, "ipinyou/2261/2261.validation.txt");
        const auto log = readAuctionLog(path);
        QVERIFY2(log.ok(), qPrintable(log.error()));
        QCOMPARE(log->auctions.size(), std::size_t(100'000));
        QCOMPARE(log->declaredEpisodeLength, 1000);
        QCOMPARE(log->clicks, std::int64_t(111)); // README's table
        const auto zeros = std::count_if(log->auctions.begin(), log->auctions.end(),
                                         [](const LoggedAuction& a) { return a.price == 0; });
        QCOMPARE(zeros, std::ptrdiff_t(405));
        QCOMPARE(log->name, QStringLiteral("2261.validation.txt"));
    }
};

BIDLAB_TEST_MAIN_CORE(AuctionLogTest)
#include "test_auction_log.moc"
