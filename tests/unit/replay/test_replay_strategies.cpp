// SPDX-License-Identifier: MIT
// The engine's strategies (core/bidding) in the offline replay: linear in REPLAY.md §6's arithmetic, the
// others rounded down to the log's price unit, the common limits, random bits shared with the engine's
// bidders, and tuning over a grid on complete episodes with ties to the larger value.
#include "core/bidding/bidder.h"
#include "core/replay/bidding_strategy.h"
#include "core/replay/campaign_info.h"
#include "core/replay/replay_evaluator.h"
#include "core/replay/replay_input.h"
#include "core/replay/strategy_factory.h"
#include "core/replay/strategy_tuning.h"
#include "tests/common/test_support.h"

#include <cmath>

using namespace bidlab;
using namespace bidlab::replay;

namespace {

// Training statistics with θavg = 1/1000 and a median market price of 50.
CampaignInfo makeInfo()
{
    CampaignInfo info;
    info.campaign = QStringLiteral("test");
    info.impressionsTrain = 1000;
    info.clicksTrain = 1;
    info.costTrain = 50'000;
    info.priceCounts.assign(301, 0);
    info.priceCounts[40] = 400;
    info.priceCounts[50] = 200;
    info.priceCounts[60] = 400;
    return info;
}

StrategySpec spec(const char* name, std::optional<double> b0 = std::nullopt,
                  std::optional<double> lambda = std::nullopt)
{
    StrategySpec s;
    s.name = QString::fromLatin1(name);
    s.b0 = b0;
    s.lambda = lambda;
    return s;
}

int bidOf(const ReplayStrategy& strategy, double pctr, std::int64_t budget = 100'000, std::int64_t index = 0)
{
    BidState state;
    state.auctionsLeft = 1000;
    state.budgetLeft = budget;
    state.pctr = pctr;
    state.index = index;
    return strategy.bid(state);
}

} // namespace

class ReplayStrategiesTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void linearIsFloorOfThetaTimesB0OverAverage()
    {
        const CampaignInfo info = makeInfo();
        const auto lin = makeStrategy(spec("linear", 45), { info, { 1000, 100'000, 300 }, nullptr });
        QVERIFY2(lin.ok(), qPrintable(lin.error()));
        QCOMPARE(bidOf(**lin, 0.001), 45); // at the average CTR: b0
        QCOMPARE(bidOf(**lin, 0.00123), static_cast<int>(0.00123 * 45 / info.averageCtr())); // 55.35 -> 55
        QCOMPARE(bidOf(**lin, 0.0), 0);
        QCOMPARE(bidOf(**lin, 0.5), 300); // the bid cap
        QCOMPARE(bidOf(**lin, 0.002, 37), 37); // what the budget left can pay
        QCOMPARE(bidOf(**lin, 0.002, 0), 0);
    }
    void constantAndRandomStayInTheirRange()
    {
        const CampaignInfo info = makeInfo();
        const StrategyContext context { info, { 1000, 100'000, 300 }, nullptr };
        const auto constant = makeStrategy(spec("constant", 72), context);
        QVERIFY(constant.ok());
        QCOMPARE(bidOf(**constant, 0.3), 72);
        QCOMPARE(bidOf(**constant, 0.0), 72);
        auto r = spec("random", 80);
        r.seed = 7;
        const auto random = makeStrategy(r, context);
        QVERIFY(random.ok());
        r.seed = 8;
        const auto other = makeStrategy(r, context);
        int differ = 0;
        for (std::int64_t i = 0; i < 1000; ++i) {
            const int bid = bidOf(**random, 0.001, 100'000, i);
            QVERIFY(bid >= 0 && bid <= 80);
            QCOMPARE(bidOf(**random, 0.001, 100'000, i), bid); // the same auction draws the same bits
            differ += bid != bidOf(**other, 0.001, 100'000, i);
        }
        QVERIFY(differ > 900);
    }
    void randomDrawsTheEngineBiddersBits()
    {
        // The auction at index i draws what a bidder with the same seed draws for request id i.
        bidding::StrategyParams params;
        params.kind = bidding::StrategyKind::Random;
        params.randomMinCpm = 0;
        params.randomMaxCpm = 80 * kPriceUnitMicros;
        const BiddingStrategy replayed(params, 300, 7);
        const auto engine = bidding::makeStrategy(params);
        for (std::uint64_t id : { 0ULL, 1ULL, 99ULL, 123'456ULL }) {
            bidding::BidInput in;
            in.noise = bidding::mix64(7 ^ bidding::mix64(id));
            const Micros price = engine->price(in);
            QCOMPARE(bidOf(replayed, 0.001, 100'000, static_cast<std::int64_t>(id)),
                     static_cast<int>(price / kPriceUnitMicros));
        }
    }
    void ortbIsTheEngineFormulaRoundedDown()
    {
        const CampaignInfo info = makeInfo();
        const auto ortb = makeStrategy(spec("ortb", std::nullopt, 2e-4), { info, { 1000, 100'000, 300 }, nullptr });
        QVERIFY2(ortb.ok(), qPrintable(ortb.error()));
        // c = the median training price, 50 fen = 0.5 in currency units; the bid back in fen.
        for (const double theta : { 0.0005, 0.001, 0.004 }) {
            const double fen = bidding::ortbBid1(theta, 0.5, 2e-4) * 100;
            QVERIFY(std::abs(fen - std::round(fen)) > 1e-3); // no rounding edge in this check
            QCOMPARE(bidOf(**ortb, theta), std::min(300, static_cast<int>(fen)));
        }
        QVERIFY(bidOf(**ortb, 0.004) > bidOf(**ortb, 0.001));
    }
    void missingParametersAreNamed()
    {
        const CampaignInfo info = makeInfo();
        const StrategyContext context { info, { 1000, 100'000, 300 }, nullptr };
        QVERIFY(needsTuning(spec("linear")));
        QVERIFY(!needsTuning(spec("random")));
        const auto lin = makeStrategy(spec("linear"), context);
        QVERIFY(!lin.ok());
        QVERIFY2(lin.error().contains(QStringLiteral("b0")), qPrintable(lin.error()));
        const auto ortb = makeStrategy(spec("ortb"), context);
        QVERIFY(!ortb.ok());
        QVERIFY2(ortb.error().contains(QStringLiteral("lambda")), qPrintable(ortb.error()));
    }
    void tuningPicksTheMostClicksOnCompleteEpisodesTiesToTheLarger()
    {
        // Episodes of 2 auctions, budget 100; linear bids b0 at pCTR 0.001 and 2·b0 at 0.002. In the full
        // episode, b0 >= 90 wins the unclicked auction at 90 and cannot pay for the click at 70; 35 <= b0 < 90
        // wins the click. A second episode (95 clicked, 5 clicked) gives b0 >= 95 two clicks, the others
        // one: with it the best ties at 2 and goes to 300; as a final partial episode it is left out, and
        // tuning chooses 85.
        const std::vector<LoggedAuction> log { { 0.001, 90, 0 }, { 0.002, 70, 1 }, { 0.001, 95, 1 } };
        std::vector<LoggedAuction> withPartial = log;
        withPartial.push_back({ 0.001, 5, 1 });
        const CampaignInfo info = makeInfo();
        const StrategyContext context { info, { 2, 100, 300 }, nullptr };
        const auto tuned = tuneStrategy(spec("linear"), withPartial, context, nullptr);
        QVERIFY2(tuned.ok(), qPrintable(tuned.error()));
        QCOMPARE(tuned->parameter, QStringLiteral("b0"));
        QCOMPARE(tuned->episodes, std::int64_t(2)); // 4 auctions: two complete episodes
        QCOMPARE(tuned->grid.size(), std::size_t(60));
        QCOMPARE(tuned->grid.front().value, 5.0);
        QCOMPARE(tuned->grid.back().value, 300.0);
        for (const TuningPoint& point : tuned->grid) {
            // Second episode: b0 >= 95 wins 95 (clicked) then 5; 5 <= b0 < 95 wins only the click at 5.
            const std::int64_t first = point.value >= 35 && point.value < 90 ? 1 : 0;
            const std::int64_t second = point.value >= 95 ? 2 : 1;
            QCOMPARE(point.clicks, first + second);
        }
        QCOMPARE(tuned->bestClicks, std::int64_t(2));
        QCOMPARE(tuned->best, 300.0); // 35..85 and 95..300 tie at 2: the larger wins

        const auto oneEpisode = tuneStrategy(spec("linear"), std::span(withPartial).first(3), context, nullptr);
        QVERIFY2(oneEpisode.ok(), qPrintable(oneEpisode.error()));
        QCOMPARE(oneEpisode->episodes, std::int64_t(1)); // the partial episode (one auction) is left out
        QCOMPARE(oneEpisode->bestClicks, std::int64_t(1));
        QCOMPARE(oneEpisode->best, 85.0);
        QCOMPARE(withTuned(spec("linear"), *oneEpisode).b0, std::optional<double>(85.0));

        QVERIFY(!tuneStrategy(spec("linear"), std::span(withPartial).first(1), context, nullptr).ok());
        QVERIFY(!tuneStrategy(spec("mcpc"), withPartial, context, nullptr).ok());
    }
    void steppedParamsLeaveTheEngineDefaultsAlone()
    {
        // bidStepCpm = 0 (the engine's default) keeps the engine's linear: base · θ / θavg in micros.
        bidding::StrategyParams params;
        params.kind = bidding::StrategyKind::Linear;
        params.baseBidCpm = 2'000'000;
        params.averageCtr = 0.02;
        bidding::BidInput in;
        in.pCtr = 0.0123;
        QCOMPARE(bidding::makeStrategy(params)->price(in), Micros(1'230'000));
        params.bidStepCpm = 1'000'000;
        QCOMPARE(bidding::makeStrategy(params)->price(in), Micros(1'000'000));
    }
};

BIDLAB_TEST_MAIN_CORE(ReplayStrategiesTest)
#include "test_replay_strategies.moc"
