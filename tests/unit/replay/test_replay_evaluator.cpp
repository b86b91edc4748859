// SPDX-License-Identifier: MIT
// The offline evaluator's rules on hand-made logs: ties win, a price of 0 is won by a bid of 0, the budget
// runs out mid-episode, the final partial episode starts afresh, and threads do not change a thing.
#include "core/replay/mcpc_strategy.h"
#include "core/replay/replay_evaluator.h"
#include "tests/common/test_support.h"

#include <functional>
#include <random>

#include <QThreadPool>

using namespace bidlab;
using namespace bidlab::replay;

namespace {

// Bids what a function of the state says, and remembers every state it saw (use it on one thread).
class ScriptedStrategy final : public ReplayStrategy
{
public:
    explicit ScriptedStrategy(std::function<int(const BidState&)> rule)
        : m_rule(std::move(rule))
    { }
    int bid(const BidState& state) const override
    {
        seen.push_back(state);
        return m_rule(state);
    }
    QString name() const override { return QStringLiteral("scripted"); }
    mutable std::vector<BidState> seen;

private:
    std::function<int(const BidState&)> m_rule;
};

std::vector<LoggedAuction> makeLog(std::initializer_list<int> prices, std::initializer_list<int> clicks = {})
{
    std::vector<LoggedAuction> log;
    auto click = clicks.begin();
    for (const int price : prices) {
        const int c = click != clicks.end() ? *click++ : 0;
        log.push_back({ 0.001, price, c });
    }
    return log;
}

EpisodeRules rules(int length, std::int64_t budget, int maxBid = 300)
{
    return { length, budget, maxBid };
}

ReplayCounts run(const std::vector<LoggedAuction>& log, const ReplayStrategy& strategy, const EpisodeRules& r)
{
    const auto result = replay::replay(log, strategy, r);
    return result ? result->totals : ReplayCounts {};
}

} // namespace

class ReplayEvaluatorTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tiesWinAndPayTheLoggedPrice()
    {
        const ScriptedStrategy five([](const BidState&) { return 5; });
        const ReplayCounts counts = run(makeLog({ 5, 6, 4 }, { 1, 1, 0 }), five, rules(10, 1000));
        QCOMPARE(counts.auctions, std::int64_t(3));
        QCOMPARE(counts.bids, std::int64_t(3));
        QCOMPARE(counts.impressions, std::int64_t(2)); // 5 >= 5 wins, 5 < 6 loses, 5 >= 4 wins
        QCOMPARE(counts.clicks, std::int64_t(1)); // the click of the lost auction does not count
        QCOMPARE(counts.cost, std::int64_t(9)); // the logged prices, not the bids
    }
    void priceZeroIsWonByABidOfZero()
    {
        const ScriptedStrategy zero([](const BidState&) { return 0; });
        const ReplayCounts counts = run(makeLog({ 0, 1, 0 }, { 1, 1, 0 }), zero, rules(10, 1000));
        QCOMPARE(counts.bids, std::int64_t(0));
        QCOMPARE(counts.impressions, std::int64_t(2));
        QCOMPARE(counts.clicks, std::int64_t(1));
        QCOMPARE(counts.cost, std::int64_t(0));
    }
    void priceZeroIsWonWithNoBudgetLeft()
    {
        const ScriptedStrategy eager([](const BidState&) { return 100; });
        const ReplayCounts counts = run(makeLog({ 3, 0, 1 }), eager, rules(10, 3));
        // 3 >= 3 wins and spends it all; then the bid is clamped to 0, which still wins the price-0 auction.
        QCOMPARE(counts.impressions, std::int64_t(2));
        QCOMPARE(counts.cost, std::int64_t(3));
        QCOMPARE(eager.seen[1].budgetLeft, std::int64_t(0));
    }
    void budgetRunsOutMidEpisode()
    {
        const ScriptedStrategy eight([](const BidState&) { return 8; });
        const auto result = replay::replay(makeLog({ 6, 6, 3, 2 }), eight, rules(10, 10));
        QVERIFY(result.has_value());
        // 8 >= 6 wins (10 -> 4); then the bid is capped at 4: loses 6, wins 3 (4 -> 1), loses 2.
        QCOMPARE(result->totals.impressions, std::int64_t(2));
        QCOMPARE(result->totals.cost, std::int64_t(9));
        QCOMPARE(result->totals.bids, std::int64_t(4));
        const std::vector<std::int64_t> budgets { eight.seen[0].budgetLeft, eight.seen[1].budgetLeft,
                                                  eight.seen[2].budgetLeft, eight.seen[3].budgetLeft };
        QCOMPARE(budgets, (std::vector<std::int64_t> { 10, 4, 4, 1 }));
        QVERIFY(result->totals.cost <= 10);
    }
    void finalPartialEpisodeIsPlayedFromAFullBudget()
    {
        const ScriptedStrategy all([](const BidState& s) { return int(s.budgetLeft); });
        const auto result = replay::replay(makeLog({ 2, 2, 2, 1, 1, 1, 4 }, { 0, 0, 0, 0, 0, 0, 1 }), all, rules(3, 5));
        QVERIFY(result.has_value());
        QCOMPARE(result->episodes.size(), std::size_t(3));
        QCOMPARE(result->episodes[2].auctions, std::int64_t(1));
        // The partial episode believes N auctions remain and has the whole budget.
        std::vector<int> left;
        std::vector<std::int64_t> budget;
        for (const BidState& s : all.seen) {
            left.push_back(s.auctionsLeft);
            budget.push_back(s.budgetLeft);
        }
        QCOMPARE(left, (std::vector<int> { 3, 2, 1, 3, 2, 1, 3 }));
        QCOMPARE(budget, (std::vector<std::int64_t> { 5, 3, 1, 5, 4, 3, 5 }));
        QCOMPARE(result->episodes[0].impressions, std::int64_t(2)); // unspent budget does not carry over
        QCOMPARE(result->episodes[1].impressions, std::int64_t(3));
        QCOMPARE(result->episodes[2].impressions, std::int64_t(1));
        QCOMPARE(result->totals.clicks, std::int64_t(1));
        QCOMPARE(result->totals.auctions, std::int64_t(7));
        QCOMPARE(result->totals.cost, std::int64_t(4 + 3 + 4));
    }
    void bidsAreClampedToTheCapAndZero()
    {
        const ScriptedStrategy huge([](const BidState&) { return 1'000'000; });
        ReplayCounts counts = run(makeLog({ 300, 301 }), huge, rules(10, 100'000));
        QCOMPARE(counts.impressions, std::int64_t(1)); // a price above the cap can never be won
        const ScriptedStrategy negative([](const BidState&) { return -7; });
        counts = run(makeLog({ 0, 1 }), negative, rules(10, 100));
        QCOMPARE(counts.impressions, std::int64_t(1));
        QCOMPARE(counts.bids, std::int64_t(0));
    }
    void ratiosAreEmptyWithoutADenominator()
    {
        ReplayCounts counts;
        QVERIFY(!counts.winRate().has_value());
        QVERIFY(!counts.cpm().has_value());
        QVERIFY(!counts.ecpc().has_value());
        counts = { 4, 4, 2, 1, 150 };
        QCOMPARE(*counts.winRate(), 0.5);
        QCOMPARE(*counts.cpm(), 75.0);
        QCOMPARE(*counts.ecpc(), 0.15);
    }
    void threadsDoNotChangeTheResult()
    {
        std::mt19937 random(7);
        std::uniform_int_distribution<int> price(0, 300);
        std::uniform_real_distribution<double> pctr(0.0, 0.01);
        std::vector<LoggedAuction> log(100'007);
        for (LoggedAuction& a : log)
            a = { pctr(random), price(random), random() % 500 == 0 ? 1 : 0 };
        const McpcStrategy mcpc(20'000.0, 300);
        const EpisodeRules r = rules(1000, 2000);
        const auto serial = replay::replay(log, mcpc, r);
        QThreadPool pool;
        pool.setMaxThreadCount(2);
        const auto parallel = replay::replay(log, mcpc, r, &pool);
        QVERIFY(serial && parallel);
        QCOMPARE(parallel->episodes.size(), std::size_t(101));
        QVERIFY(parallel->episodes == serial->episodes);
        QVERIFY(parallel->totals == serial->totals);
        QVERIFY(serial->totals.impressions > 0);
        QCOMPARE(serial->episodes.back().auctions, std::int64_t(7));
    }
    void cancelStops()
    {
        const std::vector<LoggedAuction> log(10'000, LoggedAuction { 0.001, 1, 0 });
        const McpcStrategy mcpc(1000.0, 300);
        int calls = 0;
        const auto result = replay::replay(log, mcpc, rules(10, 100), nullptr, [&](double fraction) {
            ++calls;
            return fraction < 0.5;
        });
        QVERIFY(!result.has_value());
        QVERIFY(calls >= 2);
    }
    void mcpcBidsValueAtCostPerClick()
    {
        const McpcStrategy mcpc(86'552.0, 300);
        QCOMPARE(mcpc.bid({ 1000, 5000, 0.000345 }), 29); // floor(29.86)
        QCOMPARE(mcpc.bid({ 1000, 5000, 0.5 }), 300); // capped
        QCOMPARE(mcpc.bid({ 1000, 5000, 0.0 }), 0);
    }
};

BIDLAB_TEST_MAIN_CORE(ReplayEvaluatorTest)
#include "test_replay_evaluator.moc"
