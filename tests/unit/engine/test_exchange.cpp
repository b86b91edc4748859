// SPDX-License-Identifier: MIT
#include "core/engine/exchange.h"
#include "core/engine/synthetic_traffic.h"
#include "tests/common/test_support.h"

#include <map>

using namespace bidlab;
using namespace bidlab::engine;

namespace {

// A hand-made market: the competing bid and the fate of each request are given (as a replayed log would).
class ScriptedTraffic final : public TrafficSource
{
public:
    std::map<std::uint64_t, Micros> market;
    std::map<std::uint64_t, ImpressionOutcome> fate;
    std::vector<std::string> agents { "Mozilla/5.0 Firefox", "Googlebot/2.1" };

    std::size_t generate(std::uint64_t, std::span<bidding::BidRequest>) const override { return 0; }
    Micros marketPrice(const bidding::BidRequest& r) const override { return market.at(r.id); }
    ImpressionOutcome impressionOutcome(const bidding::BidRequest& r, int) const override
    {
        const auto it = fate.find(r.id);
        return it == fate.end() ? ImpressionOutcome {} : it->second;
    }
    const std::vector<std::string>& userAgents() const override { return agents; }
};

struct Fixture
{
    EngineConfig config;
    World world;
    ScriptedTraffic traffic;
    std::vector<bidding::CampaignLiveState> live;
    std::vector<std::uint8_t> frequencyMemory;
    std::unique_ptr<Exchange> exchange;
    QList<EngineEvent> events;

    explicit Fixture(AuctionType auction = AuctionType::SecondPrice, bool exactBudgets = false)
        : live(2)
    {
        config.auction = auction;
        config.exactBudgets = exactBudgets;
        config.world.users = 10;
        config.world.publishers = 1;
        config.world.invalidEventShare = 0.0;
        CampaignConfig a;
        a.name = QStringLiteral("A");
        a.dailyBudget = 10'000; // 0.01: five impressions at 2.00 CPM
        a.maxBidCpm = 5'000'000;
        a.valuePerConversion = 1'000'000;
        a.frequencyCap = 2;
        CampaignConfig b = a;
        b.name = QStringLiteral("B");
        b.dailyBudget = 1'000'000;
        config.world.campaigns = { a, b };
        world = World::generate(config.world, 1);
        frequencyMemory.resize(bidding::FrequencyTable::bytesFor(static_cast<std::uint32_t>(world.users().size()), 2));
        exchange = std::make_unique<Exchange>(
            config, world, traffic, live,
            bidding::FrequencyTable(frequencyMemory.data(), static_cast<std::uint32_t>(world.users().size()), 2),
            nullptr);
        exchange->report = [this](EngineEvent e) { events.append(e); };
    }

    bidding::BidRequest request(std::uint64_t id, Micros market, Micros floor = 100'000, std::uint32_t agent = 0)
    {
        traffic.market[id] = market;
        bidding::BidRequest r {};
        r.id = id;
        r.simTimeMs = config.world.simStartMs + static_cast<std::int64_t>(id) * 1000;
        r.floorCpm = floor;
        r.user = static_cast<std::uint32_t>(id % 10);
        r.userAgent = agent;
        exchange->generated(r);
        return r;
    }
    static bidding::BidResponse bid(std::uint64_t id, int campaign, Micros price)
    {
        bidding::BidResponse response {};
        response.requestId = id;
        response.bidCpm = price;
        response.campaign = price > 0 ? static_cast<std::uint16_t>(campaign) : bidding::kNoCampaign;
        return response;
    }
};

} // namespace

class ExchangeTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void outcomesAreCountedOnce()
    {
        Fixture f;
        f.exchange->answered(f.request(0, 1'000'000), Fixture::bid(0, 1, 2'000'000)); // win at 1.00
        f.exchange->answered(f.request(1, 3'000'000), Fixture::bid(1, 1, 2'000'000)); // loss
        f.exchange->answered(f.request(2, 0), Fixture::bid(2, 1, 0)); // no bid
        f.exchange->timedOut(f.request(3, 0), nullptr);
        f.exchange->shed(f.request(4, 0));
        const Counters& t = f.exchange->totals();
        QCOMPARE(t.generated, 5);
        QCOMPARE(t.bids, 2);
        QCOMPARE(t.noBids, 1);
        QCOMPARE(t.timeouts, 1);
        QCOMPARE(t.shed, 1);
        QCOMPARE(t.answered(), t.generated);
        QCOMPARE(t.wins, 1);
        QCOMPARE(t.losses, 1);
        QCOMPARE(t.spend, Micros(1'000)); // second price: the market's 1.00 CPM
        QCOMPARE(t.impressions, 1);
        QCOMPARE(f.exchange->campaigns()[1].spend, Micros(1'000));
        QCOMPARE(f.exchange->arms()[0].requests, 5);
    }
    void budgetsAreExactAndBidsBeyondThemRejected()
    {
        Fixture f;
        // Campaign A has 10,000 micros: five wins at 2.00 CPM (2,000 micros each), then rejections.
        for (std::uint64_t id = 0; id < 8; ++id)
            f.exchange->answered(f.request(id, 2'000'000), Fixture::bid(id, 0, 4'000'000));
        const Counters& t = f.exchange->totals();
        QCOMPARE(t.wins, 5);
        QCOMPARE(t.budgetRejected, 3);
        QCOMPARE(t.bids, t.wins + t.losses + t.budgetRejected);
        QCOMPARE(f.exchange->campaigns()[0].spentToday, Micros(10'000));
        QVERIFY(f.exchange->campaigns()[0].exhausted);
        f.exchange->publish();
        QCOMPARE(f.live[0].remaining.load(), Micros(0));
        QVERIFY(f.live[0].flags.load() & bidding::kCampaignExhausted);
        QVERIFY(!(f.live[1].flags.load() & bidding::kCampaignExhausted));
        QCOMPARE(f.events.size(), 1);
        QCOMPARE(f.events.first().kind, EventKind::BudgetExhausted);
        // The next world day brings the budget back.
        f.exchange->advanceClock(f.config.world.simStartMs + 86'400'000);
        f.exchange->publish();
        QCOMPARE(f.live[0].remaining.load(), Micros(10'000));
        QCOMPARE(f.live[0].flags.load(), 0u);
    }
    void exactBudgetsCapEveryBidAtTheBudgetLeft()
    {
        Fixture f(AuctionType::SecondPrice, true);
        // Campaign A has 10,000 micros; every bid is 4.00 CPM (4,000 micros an impression) before the cap.
        const auto bidAt = [&f](std::uint64_t id, Micros market) {
            f.exchange->answered(f.request(id, market), Fixture::bid(id, 0, 4'000'000));
        };
        bidAt(0, 3'000'000); // win: 7,000 left
        bidAt(1, 3'000'000); // win: 4,000 left
        bidAt(2, 4'500'000); // lost to the market
        bidAt(3, 3'500'000); // win: 500 left
        bidAt(4, 600'000); // the bid is capped at 0.50 CPM: lost, not a refused win
        bidAt(5, 500'000); // capped at 0.50 CPM, a tie: won, 0 left
        bidAt(6, 200'000); // capped at 0: a no-bid
        const Counters& t = f.exchange->totals();
        QCOMPARE(t.wins, 4);
        QCOMPARE(t.losses, 2);
        QCOMPARE(t.budgetRejected, 0);
        QCOMPARE(t.bids, 6);
        QCOMPARE(t.noBids, 1);
        QCOMPARE(t.spend, Micros(10'000));
        QCOMPARE(f.exchange->campaigns()[0].spentToday, Micros(10'000));
        QVERIFY(!f.exchange->campaigns()[0].exhausted);
        QVERIFY(f.events.isEmpty());
        // No cut-off and no flag: the bidders keep bidding, the exchange keeps capping.
        f.exchange->publish();
        QCOMPARE(f.live[0].remaining.load(), Micros(10'000));
        QCOMPARE(f.live[0].flags.load(), 0u);
        // A request of the next world day has the whole budget again, before any publish().
        bidAt(86'400, 2'000'000);
        QCOMPARE(t.wins, 5);
        QCOMPARE(f.exchange->campaigns()[0].spentToday, Micros(2'000));
    }
    void firstPricePaysTheBid()
    {
        Fixture f(AuctionType::FirstPrice);
        f.exchange->answered(f.request(0, 1'000'000), Fixture::bid(0, 1, 2'500'000));
        QCOMPARE(f.exchange->totals().spend, Micros(2'500));
    }
    void frequencyIsRecordedPerUserAndHour()
    {
        Fixture f;
        bidding::FrequencyTable table(f.frequencyMemory.data(), static_cast<std::uint32_t>(f.world.users().size()), 2);
        const auto r = f.request(3, 1'000'000);
        const std::uint32_t window = bidding::FrequencyTable::windowOf(r.simTimeMs);
        // Both campaigns are capped: slots 0 and 1.
        QCOMPARE(table.count(r.user, 1, window), 0);
        f.exchange->answered(r, Fixture::bid(3, 1, 2'000'000));
        QCOMPARE(table.count(r.user, 1, window), 1);
        QCOMPARE(table.count(r.user, 0, window), 0);
        QCOMPARE(table.count(r.user, 1, window + 1), 0); // the next hour starts afresh
    }
    void clicksConversionsAndFilteringThroughThePipeline()
    {
        Fixture f;
        ImpressionOutcome clicked;
        clicked.clicked = true;
        clicked.clickDelayMs = 2'000;
        clicked.duplicateClick = true;
        clicked.duplicateDelayMs = 500;
        clicked.converted = true;
        clicked.conversionDelayMs = 3'600'000;
        clicked.conversionValue = 7'000'000;
        f.traffic.fate[0] = clicked;
        f.traffic.fate[1] = clicked; // a bot's impression: everything it does is filtered
        ImpressionOutcome late = clicked;
        late.duplicateClick = false;
        late.conversionDelayMs = 2 * 86'400'000; // outside the 24 h attribution window
        f.traffic.fate[2] = late;
        f.exchange->answered(f.request(0, 1'000'000), Fixture::bid(0, 1, 2'000'000));
        f.exchange->answered(f.request(1, 1'000'000, 100'000, 1), Fixture::bid(1, 1, 2'000'000));
        f.exchange->answered(f.request(2, 1'000'000), Fixture::bid(2, 1, 2'000'000));
        QCOMPARE(f.exchange->totals().wins, 3);
        QCOMPARE(f.exchange->totals().impressions, 2); // the bot's impression is paid for, not counted
        QCOMPARE(f.exchange->totals().clicks, 0); // clicks come later on the world clock
        f.exchange->advanceClock(f.config.world.simStartMs + 10'000);
        QCOMPARE(f.exchange->totals().clicks, 2);
        QCOMPARE(f.exchange->totals().duplicateClicks, 1);
        QCOMPARE(f.exchange->totals().conversions, 0);
        QVERIFY(f.exchange->finish().ok());
        const Counters& t = f.exchange->totals();
        QCOMPARE(t.conversions, 1);
        QCOMPARE(t.revenue, Micros(7'000'000));
        QCOMPARE(t.unattributedConversions, 1);
        QCOMPARE(t.botEvents, 4); // impression, click, duplicate click, conversion
        QCOMPARE(t.eventsFiltered, t.botEvents + t.duplicateClicks + t.unattributedConversions);
        QCOMPARE(t.eventsProcessed, 4 + 4 + 3); // human: 4 events; bot: 4; late converter: 3
    }
};

BIDLAB_TEST_MAIN_CORE(ExchangeTest)
#include "test_exchange.moc"
