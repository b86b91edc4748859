// SPDX-License-Identifier: MIT
#include "core/engine/auction.h"
#include "tests/common/test_support.h"

using namespace bidlab;
using namespace bidlab::engine;

Q_DECLARE_METATYPE(bidlab::engine::AuctionType)

class AuctionTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void handMadeAuctions_data()
    {
        QTest::addColumn<AuctionType>("type");
        QTest::addColumn<qint64>("bid");
        QTest::addColumn<qint64>("market");
        QTest::addColumn<qint64>("floor");
        QTest::addColumn<bool>("won");
        QTest::addColumn<qint64>("price");
        const auto second = AuctionType::SecondPrice;
        const auto first = AuctionType::FirstPrice;
        // Second price: the winner pays the larger of the market's bid and the floor.
        QTest::addRow("2nd: outbids the market, pays the market")
            << second << 3'000'000LL << 2'000'000LL << 500'000LL << true << 2'000'000LL;
        QTest::addRow("2nd: market under the floor, pays the floor")
            << second << 3'000'000LL << 200'000LL << 500'000LL << true << 500'000LL;
        QTest::addRow("2nd: tie with the market wins at the market")
            << second << 2'000'000LL << 2'000'000LL << 500'000LL << true << 2'000'000LL;
        QTest::addRow("2nd: outbid by the market") << second << 1'999'999LL << 2'000'000LL << 500'000LL << false << 0LL;
        QTest::addRow("2nd: under the floor is not admitted")
            << second << 400'000LL << 100'000LL << 500'000LL << false << 0LL;
        QTest::addRow("2nd: exactly the floor, no competition")
            << second << 500'000LL << 0LL << 500'000LL << true << 500'000LL;
        QTest::addRow("2nd: no floor, no competition") << second << 10LL << 0LL << 0LL << true << 0LL;
        QTest::addRow("2nd: zero bid never wins") << second << 0LL << 0LL << 0LL << false << 0LL;
        // First price: the winner pays its bid.
        QTest::addRow("1st: pays its bid") << first << 3'000'000LL << 2'000'000LL << 500'000LL << true << 3'000'000LL;
        QTest::addRow("1st: outbid") << first << 1'000'000LL << 2'000'000LL << 500'000LL << false << 0LL;
        QTest::addRow("1st: under the floor") << first << 400'000LL << 0LL << 500'000LL << false << 0LL;
    }
    void handMadeAuctions()
    {
        QFETCH(AuctionType, type);
        QFETCH(qint64, bid);
        QFETCH(qint64, market);
        QFETCH(qint64, floor);
        QFETCH(bool, won);
        QFETCH(qint64, price);
        const AuctionResult result = runAuction(type, bid, market, floor);
        QCOMPARE(result.won, won);
        QCOMPARE(static_cast<qint64>(result.priceCpm), price);
    }
    void impressionCostIsTheCpmOverAThousandRounded()
    {
        QCOMPARE(impressionCost(2'000'000), Micros(2'000)); // 2.00 CPM -> 0.002 per impression
        QCOMPARE(impressionCost(1'234'567), Micros(1'235));
        QCOMPARE(impressionCost(1'234'499), Micros(1'234));
        QCOMPARE(impressionCost(0), Micros(0));
    }
};

BIDLAB_TEST_MAIN_CORE(AuctionTest)
#include "test_auction.moc"
