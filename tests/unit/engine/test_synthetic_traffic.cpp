// SPDX-License-Identifier: MIT
#include "core/engine/event_pipeline.h"
#include "core/engine/synthetic_traffic.h"
#include "core/engine/world.h"
#include "tests/common/test_support.h"

#include <cstring>

using namespace bidlab;
using namespace bidlab::engine;

namespace {

WorldConfig smallWorld()
{
    WorldConfig w;
    w.users = 5'000;
    w.publishers = 200;
    w.campaignCount = 20;
    return w;
}

bool same(const bidding::BidRequest& a, const bidding::BidRequest& b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

} // namespace

class SyntheticTrafficTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameSeedSameStreamAndRandomAccess()
    {
        const World w1 = World::generate(smallWorld(), 11);
        const World w2 = World::generate(smallWorld(), 11);
        const World w3 = World::generate(smallWorld(), 12);
        const SyntheticTraffic a(w1), b(w2), c(w3);
        std::vector<bidding::BidRequest> first(1000), second(1000), other(1000), tail(10);
        QCOMPARE(a.generate(0, first), std::size_t(1000));
        b.generate(0, second);
        c.generate(0, other);
        a.generate(500, tail); // random access: request 500 is request 500 whoever asks
        int differences = 0;
        for (std::size_t i = 0; i < first.size(); ++i) {
            QVERIFY(same(first[i], second[i]));
            QCOMPARE(first[i].id, std::uint64_t(i));
            differences += same(first[i], other[i]) ? 0 : 1;
        }
        for (std::size_t k = 0; k < tail.size(); ++k)
            QVERIFY(same(tail[k], first[500 + k]));
        QVERIFY(differences > 990);
        QCOMPARE(w1.campaigns(), w2.campaigns());
    }
    void requestsAreWellFormed()
    {
        const World world = World::generate(smallWorld(), 3);
        const SyntheticTraffic traffic(world);
        std::vector<bidding::BidRequest> requests(20'000);
        traffic.generate(0, requests);
        int bots = 0;
        std::int64_t previous = INT64_MIN;
        for (const auto& r : requests) {
            QVERIFY(r.user < world.users().size());
            QVERIFY(r.publisher < world.publishers().size());
            QVERIFY(r.floorCpm > 0);
            QVERIFY(r.age >= 18 && r.age <= 75);
            QVERIFY(r.device < 3);
            QVERIFY(r.hour < 24 && r.dayOfWeek < 7);
            QVERIFY(r.userAgent < world.userAgents().size());
            QVERIFY(r.interests != 0);
            QVERIFY(r.simTimeMs >= previous); // the world clock never goes back
            previous = r.simTimeMs;
            bots += world.users()[r.user].bot;
        }
        // 3 % bots, within a generous binomial margin.
        QVERIFY2(bots > 400 && bots < 800, qPrintable(QString::number(bots)));
        // 2024-01-01 is a Monday.
        QCOMPARE(requests.front().dayOfWeek, 0);
        QCOMPARE(requests.front().hour, 0);
    }
    void worldClockFollowsTheDailyProfile()
    {
        WorldConfig config = smallWorld();
        config.requestsPerSimSecond = 10.0;
        const World world = World::generate(config, 1);
        QCOMPARE(world.simTimeOf(0), config.simStartMs);
        const auto perDay = static_cast<std::uint64_t>(world.requestsPerSimDay());
        QVERIFY(std::abs(world.requestsPerSimDay() - 864'000.0) < 1.0); // the profile's mean is 1
        QVERIFY(std::abs(world.simTimeOf(perDay) - (config.simStartMs + 86'400'000)) < 1000);
        // Busy evenings: an hour at 20:00 holds more requests than one at 04:00.
        const auto hourOf = [&](std::uint64_t i) { return (world.simTimeOf(i) / 3'600'000) % 24; };
        int evening = 0, night = 0;
        for (std::uint64_t i = 0; i < perDay; i += 97) {
            evening += hourOf(i) == 20;
            night += hourOf(i) == 4;
        }
        QVERIFY(evening > 2 * night);
        // A start at noon begins at noon.
        config.simStartMs += 12 * 3'600'000 + 60'000;
        const World noon = World::generate(config, 1);
        QCOMPARE(noon.simTimeOf(0), config.simStartMs);
    }
    void groundTruthAndMarket()
    {
        const World world = World::generate(smallWorld(), 5);
        const SyntheticTraffic traffic(world);
        std::vector<bidding::BidRequest> requests(50'000);
        traffic.generate(0, requests);
        double humanCtr = 0;
        int humans = 0;
        double logPrice = 0;
        for (const auto& r : requests) {
            const Micros price = traffic.marketPrice(r);
            QVERIFY(price > 0);
            QCOMPARE(traffic.marketPrice(r), price); // the same auction, the same market
            logPrice += std::log(toUnits(price));
            if (!world.users()[r.user].bot) {
                humanCtr += GroundTruth(world).clickProbability(r, 0);
                ++humans;
            }
        }
        humanCtr /= humans;
        QVERIFY2(humanCtr > 0.005 && humanCtr < 0.05, qPrintable(QString::number(humanCtr)));
        const double medianPrice = std::exp(logPrice / static_cast<double>(requests.size()));
        QVERIFY2(medianPrice > 0.4 && medianPrice < 3.0, qPrintable(QString::number(medianPrice)));
        // Bots never convert.
        for (const auto& r : requests) {
            if (world.users()[r.user].bot)
                QCOMPARE(GroundTruth(world).conversionProbability(r, 0), 0.0);
        }
    }
    void declaredBotsAreCaughtDisguisedOnesAreNot()
    {
        const World world = World::generate(smallWorld(), 9);
        int declared = 0, disguised = 0;
        for (const UserProfile& u : world.users()) {
            if (!u.bot) {
                QVERIFY(!EventPipeline::isBotAgent(world.userAgents()[u.userAgent]));
                continue;
            }
            (EventPipeline::isBotAgent(world.userAgents()[u.userAgent]) ? declared : disguised)++;
        }
        QVERIFY(declared > 0);
        QVERIFY(disguised > 0);
        QVERIFY(declared > disguised);
    }
    void generatedCampaignsAreSane()
    {
        const World world = World::generate(smallWorld(), 2);
        QCOMPARE(world.campaigns().size(), std::size_t(20));
        for (const CampaignConfig& c : world.campaigns()) {
            QVERIFY(c.dailyBudget > 0);
            QVERIFY(c.maxBidCpm >= 1'000'000);
            QVERIFY(c.valuePerConversion > 0);
            QVERIFY(!c.name.isEmpty());
        }
        EngineConfig config;
        config.world = smallWorld();
        config.world.campaigns = world.campaigns();
        QVERIFY(config.validate().isEmpty());
    }
};

BIDLAB_TEST_MAIN_CORE(SyntheticTrafficTest)
#include "test_synthetic_traffic.moc"
