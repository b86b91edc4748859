// SPDX-License-Identifier: MIT
#include "core/bidding/bid_strategy.h"
#include "core/bidding/bidder.h"
#include "tests/common/test_support.h"

#include <cmath>

using namespace bidlab;
using namespace bidlab::bidding;

namespace {

BidInput input()
{
    BidInput in;
    in.pCtr = 0.03;
    in.floorCpm = 500'000;
    in.maxBidCpm = 10'000'000;
    in.budgetLeft = 1'000'000'000;
    in.valueMultiplier = 1.0;
    in.ltv = 0.5;
    in.relevance = 0.2;
    return in;
}

Micros priceOf(StrategyParams params, const BidInput& in)
{
    return makeStrategy(params)->price(in);
}

} // namespace

class BidStrategyTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void names()
    {
        QCOMPARE(strategyNames().size(), 5);
        for (const QString& name : strategyNames())
            QCOMPARE(strategyName(*strategyFromName(name)), name);
        QCOMPARE(strategyFromName(QStringLiteral(" ORTB ")), std::optional(StrategyKind::Ortb));
        QVERIFY(!strategyFromName(QStringLiteral("rlb")));
    }
    void seedFormula()
    {
        StrategyParams p;
        p.kind = StrategyKind::Seed;
        // floor * (1 + ltv) * (1 + relevance) = 0.5 * 1.5 * 1.2 = 0.9 CPM
        QCOMPARE(priceOf(p, input()), Micros(900'000));
    }
    void constantAndLinear()
    {
        StrategyParams p;
        p.kind = StrategyKind::Constant;
        p.baseBidCpm = 1'750'000;
        QCOMPARE(priceOf(p, input()), Micros(1'750'000));
        p.kind = StrategyKind::Linear;
        p.baseBidCpm = 2'000'000;
        p.averageCtr = 0.02;
        BidInput in = input();
        QCOMPARE(priceOf(p, in), Micros(3'000'000)); // 2.00 * 0.03 / 0.02
        in.valueMultiplier = 0.5;
        QCOMPARE(priceOf(p, in), Micros(1'500'000));
    }
    void randomIsUniformInItsRangeAndRepeatable()
    {
        StrategyParams p;
        p.kind = StrategyKind::Random;
        p.randomMinCpm = 1'000'000;
        p.randomMaxCpm = 2'000'000;
        const auto strategy = makeStrategy(p);
        BidInput in = input();
        double sum = 0;
        for (std::uint64_t i = 0; i < 10'000; ++i) {
            in.noise = mix(i);
            const Micros price = strategy->price(in);
            QVERIFY(price >= 1'000'000 && price <= 2'000'000);
            QCOMPARE(strategy->price(in), price);
            sum += static_cast<double>(price);
        }
        QVERIFY(std::abs(sum / 10'000 - 1'500'000) < 15'000);
    }
    void ortbFormulas()
    {
        // ORTB1 (Zhang et al. 2014, eq. 12): b = sqrt(c/λ θ + c²) - c.
        QCOMPARE(ortbBid1(0.02, 3.0, 0.06 / 27.0), 3.0); // (3 + 3)² = 36 = 3·0.02/λ + 9
        QCOMPARE(ortbBid1(0.0, 3.0, 1e-3), 0.0);
        // ORTB2 (eq. 14), against the closed form computed by hand for θ = 0.01, c = 2, λ = 0.005.
        const double theta = 0.01, c = 2.0, lambda = 0.005;
        const double root = theta + std::sqrt(c * c * lambda * lambda + theta * theta);
        const double expected = c * (std::cbrt(root / (c * lambda)) - std::cbrt(c * lambda / root));
        QCOMPARE(ortbBid2(theta, c, lambda), expected);
        QVERIFY(std::abs(expected - 1.19214) < 1e-4); // by hand: 2 * (2.41421^(1/3) - 0.41421^(1/3))
        // Both grow with θ.
        QVERIFY(ortbBid1(0.05, 2.0, 0.002) > ortbBid1(0.01, 2.0, 0.002));
        QVERIFY(ortbBid2(0.05, 2.0, 0.002) > ortbBid2(0.01, 2.0, 0.002));
        StrategyParams p;
        p.kind = StrategyKind::Ortb;
        p.ortbCCpm = 3'000'000;
        p.ortbLambda = 0.06 / 27.0;
        BidInput in = input();
        in.pCtr = 0.02;
        QCOMPARE(priceOf(p, in), Micros(3'000'000));
    }
    void commonLimits()
    {
        BidInput in = input();
        NoBidReason reason = kBid;
        QCOMPARE(finalBid(2'000'000, in, &reason), Micros(2'000'000));
        QCOMPARE(reason, kBid);
        in.maxBidCpm = 1'500'000; // never above the campaign's max bid
        QCOMPARE(finalBid(2'000'000, in, &reason), Micros(1'500'000));
        in.budgetLeft = 1'200; // 0.0012 left pays one impression at 1.20 CPM at most
        QCOMPARE(finalBid(2'000'000, in, &reason), Micros(1'200'000));
        in.budgetLeft = 400; // 0.40 CPM is under the 0.50 floor: no bid
        QCOMPARE(finalBid(2'000'000, in, &reason), Micros(0));
        QCOMPARE(reason, kBelowFloor);
        in = input();
        QCOMPARE(finalBid(499'999, in, &reason), Micros(0));
        QCOMPARE(reason, kBelowFloor);
        QCOMPARE(finalBid(500'000, in, &reason), Micros(500'000)); // the floor itself is admitted
        QCOMPARE(finalBid(0, in, &reason), Micros(0));
        QCOMPARE(reason, kStrategyDeclined);
    }

private:
    static std::uint64_t mix(std::uint64_t i) { return bidlab::bidding::mix64(i); }
};

BIDLAB_TEST_MAIN_CORE(BidStrategyTest)
#include "test_bid_strategy.moc"
