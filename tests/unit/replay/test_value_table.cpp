// SPDX-License-Identifier: MIT
// RLB's value table: against a brute-force Bellman evaluation on a tiny case, bit for bit the same on any
// number of threads, and its bid rule.
#include "core/replay/dp_strategies.h"
#include "core/replay/value_table.h"
#include "tests/common/test_support.h"

#include <algorithm>
#include <cmath>
#include <random>

#include <QThreadPool>

using namespace bidlab;
using namespace bidlab::replay;

namespace {

ValueTableInput tinyInput()
{
    ValueTableInput input;
    input.episodeLength = 6;
    input.budget = 7;
    input.averageCtr = 0.3;
    input.maxBid = 3;
    input.market = MarketPrice::fromCounts({ 2, 1, 0, 3 }); // m = 0.3, 0.2, 0.1, 0.4
    return input;
}

// Value of bidding `a` at (n, b) given the next row: win at any price δ <= a, paying δ.
double actionValue(const ValueTableInput& in, const std::vector<double>& next, int b, int a)
{
    double value = 0;
    for (int delta = 0; delta <= in.market.maxPrice(); ++delta) {
        const double m = in.market.probability(delta);
        value += delta <= a ? m * (in.averageCtr + next[b - delta]) : m * next[b];
    }
    return value;
}

// Exhaustive Bellman recursion: W(n, b) = max over every bid a of the action's value. As in the reference
// (REPLAY.md §5, "V_n(0) stays 0"), a budget of 0 is worth nothing.
std::vector<std::vector<double>> bruteForce(const ValueTableInput& in)
{
    std::vector<std::vector<double>> w(in.episodeLength, std::vector<double>(in.budget + 1, 0.0));
    for (int n = 1; n < in.episodeLength; ++n) {
        for (int b = 1; b <= in.budget; ++b) {
            double best = -1;
            for (int a = 0; a <= std::min(b, in.maxBid); ++a)
                best = std::max(best, actionValue(in, w[n - 1], b, a));
            w[n][b] = best;
        }
    }
    return w;
}

ValueTableInput randomInput(int n, int b)
{
    std::mt19937 random(11);
    std::vector<std::int64_t> counts(301);
    for (std::int64_t& c : counts)
        c = random() % 20'000;
    ValueTableInput input;
    input.episodeLength = n;
    input.budget = b;
    input.averageCtr = 0.0008;
    input.maxBid = 300;
    input.market = MarketPrice::fromCounts(counts);
    return input;
}

} // namespace

class ValueTableTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesBruteForceOnATinyCase()
    {
        const ValueTableInput input = tinyInput();
        const auto table = computeValueTable(input);
        QVERIFY2(table.ok(), qPrintable(table.error()));
        const auto w = bruteForce(input);
        for (int n = 0; n < input.episodeLength; ++n) {
            for (int b = 0; b <= input.budget; ++b) {
                QVERIFY2(std::abs(table->value(n, b) - w[n][b]) < 1e-9,
                         qPrintable(QStringLiteral("V(%1, %2) = %3, brute force %4")
                                        .arg(n)
                                        .arg(b)
                                        .arg(table->value(n, b), 0, 'g', 17)
                                        .arg(w[n][b], 0, 'g', 17)));
            }
        }
        // Saturation: with enough budget the value is n times the CTR (every auction can be won).
        QVERIFY(std::abs(table->value(2, input.budget) - 2 * input.averageCtr) < 1e-9);
    }
    void bidRuleTakesTheBestAction()
    {
        const ValueTableInput input = tinyInput();
        const auto table = computeValueTable(input);
        QVERIFY(table.ok());
        const auto w = bruteForce(input);
        for (int n = 1; n < input.episodeLength; ++n) {
            for (int b = 1; b <= input.budget; ++b) {
                const int bid = table->bid(n, b, input.averageCtr, input.maxBid);
                QVERIFY(bid >= 0 && bid <= std::min(b, input.maxBid));
                // With n auctions left the next state has n-1 left: the brute force's row n-1.
                double best = -1;
                for (int a = 0; a <= std::min(b, input.maxBid); ++a)
                    best = std::max(best, actionValue(input, w[n - 1], b, a));
                QVERIFY2(std::abs(actionValue(input, w[n - 1], b, bid) - best) < 1e-9,
                         qPrintable(QStringLiteral("n=%1 b=%2 bid=%3").arg(n).arg(b).arg(bid)));
            }
        }
    }
    void lastAuctionBidsEverything()
    {
        const auto table = computeValueTable(tinyInput());
        QVERIFY(table.ok());
        // One auction left: nothing to save the budget for.
        QCOMPARE(table->bid(1, 2, 0.0, 3), 2);
        QCOMPARE(table->bid(1, 7, 0.01, 3), 3);
        QCOMPARE(table->bid(1, 0, 0.5, 3), 0);
    }
    void higherCtrNeverBidsLess()
    {
        const ValueTableInput input = randomInput(50, 400);
        const auto table = computeValueTable(input);
        QVERIFY(table.ok());
        for (int b = 0; b <= 400; b += 7) {
            int previous = 0;
            for (const double ctr : { 0.0, 0.0001, 0.0008, 0.003, 0.02, 0.5 }) {
                const int bid = table->bid(50, b, ctr, 300);
                QVERIFY(bid >= previous);
                previous = bid;
            }
        }
    }
    void valuesGrowWithBudgetAndAuctions()
    {
        const ValueTableInput input = randomInput(80, 600);
        const auto table = computeValueTable(input);
        QVERIFY(table.ok());
        for (int n = 1; n < 80; ++n) {
            for (int b = 1; b <= 600; ++b) {
                QVERIFY(table->value(n, b) >= table->value(n, b - 1));
                QVERIFY(table->value(n, b) >= table->value(n - 1, b));
                QVERIFY(table->value(n, b) <= n * input.averageCtr + 1e-9);
            }
        }
    }
    void threadsDoNotChangeABit()
    {
        const ValueTableInput input = randomInput(300, 1500);
        const auto serial = computeValueTable(input);
        QThreadPool pool;
        pool.setMaxThreadCount(2);
        const auto parallel = computeValueTable(input, &pool);
        QVERIFY(serial.ok() && parallel.ok());
        QVERIFY(*serial == *parallel);
        pool.setMaxThreadCount(7);
        const auto wide = computeValueTable(input, &pool);
        QVERIFY(*serial == *wide);
    }
    void strategiesUseTheTable()
    {
        const ValueTableInput input = randomInput(40, 300);
        auto computed = computeValueTable(input);
        QVERIFY(computed.ok());
        const auto table = std::make_shared<const ValueTable>(std::move(computed).value());
        const RlbStrategy rlb(table, 300);
        const SsMdpStrategy ssmdp(table, input.averageCtr, 300);
        const BidState state { 40, 250, 0.004 };
        QCOMPARE(rlb.bid(state), table->bid(40, 250, 0.004, 300));
        QCOMPARE(ssmdp.bid(state), table->bid(40, 250, input.averageCtr, 300));
        QVERIFY(rlb.bid(state) > ssmdp.bid(state)); // five times the average CTR is worth a higher bid
    }
    void cancelAndBadInput()
    {
        const ValueTableInput input = randomInput(100, 300);
        const auto cancelled = computeValueTable(input, nullptr, [](int rows) { return rows < 10; });
        QVERIFY(!cancelled.ok());
        QCOMPARE(cancelled.error(), QStringLiteral("The value table was cancelled."));
        ValueTableInput bad = input;
        bad.episodeLength = 0;
        QCOMPARE(computeValueTable(bad).error(), QStringLiteral("The episode length must be at least 1, not 0."));
        bad = input;
        bad.budget = -1;
        QCOMPARE(computeValueTable(bad).error(), QStringLiteral("The budget must not be negative, not -1."));
        bad = input;
        bad.episodeLength = 100'000;
        bad.budget = 1'000'000;
        QVERIFY(computeValueTable(bad).error().contains(QStringLiteral("the limit is 268 million")));
    }
};

BIDLAB_TEST_MAIN_CORE(ValueTableTest)
#include "test_value_table.moc"
