// SPDX-License-Identifier: MIT
#include "core/bidding/bidder.h"
#include "tests/common/test_support.h"

#include <random>

using namespace bidlab;
using namespace bidlab::bidding;

namespace {

CampaignSpec campaign(double value, std::uint8_t devices = 0x7, std::uint16_t interests = 0)
{
    CampaignSpec c {};
    c.maxBidCpm = 10'000'000;
    c.valuePerConversion = fromUnits(value);
    c.conversionRate = 0.1;
    c.bidMultiplier = 1.0;
    c.hourMask = 0xFFFFFF;
    c.deviceMask = devices;
    c.ageBandMask = 0x3F;
    c.sizeClassMask = 0x7F;
    c.interestMask = interests;
    c.frequencySlot = kNoFrequencySlot;
    return c;
}

BidRequest request(std::uint64_t id = 1)
{
    BidRequest r {};
    r.id = id;
    r.simTimeMs = 1'704'067'200'000;
    r.floorCpm = 100'000;
    r.age = 30;
    r.device = kMobile;
    r.slotWidth = 300;
    r.slotHeight = 250;
    r.interests = 1u << 2; // tech
    r.user = 3;
    return r;
}

struct Market
{
    std::vector<CampaignLiveState> live;
    std::vector<std::uint8_t> frequency;
    explicit Market(std::size_t campaigns, std::uint32_t users = 10)
        : live(campaigns)
        , frequency(FrequencyTable::bytesFor(users, static_cast<std::uint32_t>(campaigns)))
    {
        for (auto& l : live) {
            l.remaining = 1'000'000'000;
            l.shading = 1.0f;
        }
    }
    MarketView view()
    {
        return { live, FrequencyTable(frequency.data(), 10, static_cast<std::uint32_t>(live.size())) };
    }
};

Bidder bidder(std::vector<CampaignSpec> campaigns)
{
    StrategyParams linear;
    linear.kind = StrategyKind::Linear;
    Bidder b(*BoundModel::bind(CtrModel::builtInDefault()), std::move(campaigns));
    b.setStrategies({ &linear, 1 }, false);
    return b;
}

} // namespace

class BidderTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void picksTheEligibleCampaignOfBestValue()
    {
        Market market(4);
        Bidder b = bidder({ campaign(10), campaign(50, 1u << kDesktop), campaign(30, 0x7, 1u << 5), campaign(20) });
        BidResponse r = b.respond(request(), market.view());
        // 50 is desktop only, 30 wants finance: the best eligible is campaign 3 (value 20).
        QCOMPARE(r.campaign, std::uint16_t(3));
        QCOMPARE(r.noBidReason, std::uint8_t(kBid));
        QVERIFY(r.bidCpm > 0);
        QCOMPARE(r.requestId, std::uint64_t(1));
        QCOMPARE(static_cast<double>(r.pCtr), static_cast<double>(static_cast<float>(b.model().predict(request()))));
        // Out of budget, paced out, or capped: the next best.
        market.live[3].flags = kCampaignPacedOut;
        QCOMPARE(b.respond(request(), market.view()).campaign, std::uint16_t(0));
        market.live[3].flags = 0;
        market.live[3].remaining = 0;
        QCOMPARE(b.respond(request(), market.view()).campaign, std::uint16_t(0));
    }
    void frequencyCap()
    {
        Market market(2);
        CampaignSpec capped = campaign(50);
        capped.frequencyCap = 2;
        capped.frequencySlot = 1; // the table below has a slot per campaign
        Bidder b = bidder({ campaign(10), capped });
        MarketView view = market.view();
        const BidRequest r = request();
        const std::uint32_t window = FrequencyTable::windowOf(r.simTimeMs);
        QCOMPARE(b.respond(r, view).campaign, std::uint16_t(1));
        view.frequency.record(r.user, 1, window);
        QCOMPARE(b.respond(r, view).campaign, std::uint16_t(1));
        view.frequency.record(r.user, 1, window);
        QCOMPARE(b.respond(r, view).campaign, std::uint16_t(0)); // two impressions this hour: capped
        BidRequest nextHour = r;
        nextHour.simTimeMs += 3'600'000;
        nextHour.hour = 1;
        QCOMPARE(b.respond(nextHour, view).campaign, std::uint16_t(1));
    }
    void noEligibleCampaignAndFloor()
    {
        Market market(1);
        Bidder b = bidder({ campaign(10, 1u << kTablet) });
        BidResponse r = b.respond(request(), market.view());
        QCOMPARE(r.bidCpm, Micros(0));
        QCOMPARE(r.campaign, kNoCampaign);
        QCOMPARE(r.noBidReason, std::uint8_t(kNoEligibleCampaign));
        Bidder all = bidder({ campaign(10) });
        BidRequest high = request();
        high.floorCpm = 50'000'000; // above the max bid
        r = all.respond(high, market.view());
        QCOMPARE(r.bidCpm, Micros(0));
        QCOMPARE(r.noBidReason, std::uint8_t(kBelowFloor));
    }
    void armsUseTheirOwnStrategy()
    {
        Market market(1);
        Bidder b = bidder({ campaign(10) });
        StrategyParams arms[2];
        arms[0].kind = StrategyKind::Constant;
        arms[0].baseBidCpm = 1'000'000;
        arms[1].kind = StrategyKind::Constant;
        arms[1].baseBidCpm = 3'000'000;
        b.setStrategies(arms, false);
        BidRequest r = request();
        QCOMPARE(b.respond(r, market.view()).bidCpm, Micros(1'000'000));
        r.arm = 1;
        QCOMPARE(b.respond(r, market.view()).bidCpm, Micros(3'000'000));
    }
    void theStrategysMaxBidCapsEveryCampaign()
    {
        // Campaigns cap at 10 CPM; the strategy's max bid (StrategyParams::maxBidCpm) caps below that, never
        // above a campaign's own cap, and a cap under the floor means no bid.
        Market market(1);
        Bidder b = bidder({ campaign(10) });
        StrategyParams p;
        p.kind = StrategyKind::Constant;
        p.baseBidCpm = 8'000'000;
        b.setStrategies({ &p, 1 }, false);
        QCOMPARE(b.respond(request(), market.view()).bidCpm, Micros(8'000'000));
        p.maxBidCpm = 3'000'000;
        b.setStrategies({ &p, 1 }, false);
        QCOMPARE(b.respond(request(), market.view()).bidCpm, Micros(3'000'000));
        p.baseBidCpm = 20'000'000;
        p.maxBidCpm = 15'000'000; // above the campaign's 10: the campaign's cap holds
        b.setStrategies({ &p, 1 }, false);
        QCOMPARE(b.respond(request(), market.view()).bidCpm, Micros(10'000'000));
        p.maxBidCpm = 50'000; // under the request's floor of 0.1 CPM
        b.setStrategies({ &p, 1 }, false);
        const BidResponse none = b.respond(request(), market.view());
        QCOMPARE(none.bidCpm, Micros(0));
        QCOMPARE(none.noBidReason, std::uint8_t(kBelowFloor));
    }
    void firstPriceShading()
    {
        Market market(1);
        Bidder b = bidder({ campaign(10) });
        StrategyParams p;
        p.kind = StrategyKind::Constant;
        p.baseBidCpm = 2'000'000;
        p.shading = true;
        market.live[0].shading = 0.75f;
        b.setStrategies({ &p, 1 }, /*firstPrice=*/true);
        QCOMPARE(b.respond(request(), market.view()).bidCpm, Micros(1'500'000));
        b.setStrategies({ &p, 1 }, /*firstPrice=*/false); // second price: never shaded
        QCOMPARE(b.respond(request(), market.view()).bidCpm, Micros(2'000'000));
    }
    void indexAgreesWithAFullScan()
    {
        std::mt19937_64 rng(3);
        std::vector<CampaignSpec> campaigns;
        for (int i = 0; i < 100; ++i) {
            CampaignSpec c = campaign(1 + static_cast<double>(rng() % 1000) / 10.0);
            c.deviceMask = static_cast<std::uint8_t>(1 + rng() % 7);
            c.ageBandMask = static_cast<std::uint8_t>(1 + rng() % 63);
            c.hourMask = static_cast<std::uint32_t>(rng() & 0xFFFFFF) | 1u;
            c.sizeClassMask = static_cast<std::uint8_t>(1 + rng() % 127);
            c.interestMask = rng() % 3 ? static_cast<std::uint16_t>(rng()) : 0;
            campaigns.push_back(c);
        }
        const CampaignIndex index(campaigns);
        for (int i = 0; i < 5'000; ++i) {
            BidRequest r = request(static_cast<std::uint64_t>(i));
            r.device = static_cast<std::uint8_t>(rng() % 3);
            r.age = static_cast<std::uint8_t>(18 + rng() % 60);
            r.hour = static_cast<std::uint8_t>(rng() % 24);
            const SlotSize size = kStandardSizes[rng() % kStandardSizes.size()];
            r.slotWidth = size.width;
            r.slotHeight = size.height;
            r.interests = static_cast<std::uint16_t>(rng());
            int best = -1;
            for (int c = 0; c < 100; ++c) {
                if (campaigns[static_cast<std::size_t>(c)].targets(r)
                    && (best < 0
                        || campaigns[static_cast<std::size_t>(c)].clickValue()
                            > campaigns[static_cast<std::size_t>(best)].clickValue()))
                    best = c;
            }
            int fromIndex = -1;
            for (std::uint16_t c : index.candidates(r)) {
                if (campaigns[c].targets(r)) {
                    fromIndex = c;
                    break;
                }
            }
            QCOMPARE(fromIndex, best);
        }
    }
};

BIDLAB_TEST_MAIN_CORE(BidderTest)
#include "test_bidder.moc"
