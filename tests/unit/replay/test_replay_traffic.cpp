// SPDX-License-Identifier: MIT
// The engine's "ipinyou" traffic: request i is the log's auction i with its pCTR, market price and click;
// each episode is one day of the world clock; bad options and files are errors naming them.
#include "core/engine/engine_config.h"
#include "core/engine/replay_traffic.h"
#include "core/engine/world.h"
#include "core/replay/replay_input.h"
#include "tests/common/test_support.h"

#include <QTemporaryDir>

using namespace bidlab;
using namespace bidlab::engine;

class ReplayTrafficTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void requestsCarryTheLoggedAuction()
    {
        const qint64 midnight = 1'704'067'200'000; // 2024-01-01, a Monday
        const ReplayTraffic traffic({ { 0.001, 70, 1 }, { 0.25, 0, 0 }, { 0.5, 300, 0 } }, 2, midnight + 5000);
        QCOMPARE(traffic.length(), std::uint64_t(3));
        std::vector<bidding::BidRequest> out(5);
        QCOMPARE(traffic.generate(0, out), std::size_t(3)); // finite: stops at the end of the log
        for (std::size_t i = 0; i < 3; ++i) {
            QCOMPARE(out[i].id, std::uint64_t(i));
            QVERIFY(out[i].flags & bidding::kFlagHasPctrHint);
            QCOMPARE(out[i].floorCpm, Micros(0));
        }
        QCOMPARE(out[1].pCtrHint, 0.25);
        QCOMPARE(traffic.marketPrice(out[0]), Micros(70) * replay::kPriceUnitMicros);
        QCOMPARE(traffic.marketPrice(out[1]), Micros(0));
        QCOMPARE(traffic.marketPrice(out[2]), Micros(300) * replay::kPriceUnitMicros);
        QVERIFY(traffic.impressionOutcome(out[0], 0).clicked);
        QVERIFY(!traffic.impressionOutcome(out[1], 0).clicked);
        // Episodes of 2: auctions 0 and 1 on the first day (from midnight, half a day apart), 2 on the next.
        QCOMPARE(out[0].simTimeMs, midnight);
        QCOMPARE(out[1].simTimeMs, midnight + 43'200'000);
        QCOMPARE(out[1].hour, std::uint8_t(12));
        QCOMPARE(out[2].simTimeMs, midnight + 86'400'000);
        QCOMPARE(out[0].dayOfWeek, std::uint8_t(0));
        QCOMPARE(out[2].dayOfWeek, std::uint8_t(1));
        QCOMPARE(traffic.generate(2, std::span(out).first(2)), std::size_t(1));
        QCOMPARE(traffic.generate(3, out), std::size_t(0));
        QCOMPARE(traffic.userAgents().size(), std::size_t(1));
    }
    void theEngineMakesItFromAConfig()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("log.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("0 10 0.001\n1 20 0.002\n0 30 0.003\n");
        file.close();
        EngineConfig config;
        config.traffic.kind = QStringLiteral("ipinyou");
        config.traffic.path = path;
        config.traffic.options.insert(QStringLiteral("episode"), 2);
        QVERIFY(trafficKinds().contains(QStringLiteral("ipinyou")));
        const World world = World::generate(config.world, config.seed);
        auto source = makeTrafficSource(config, world);
        QVERIFY2(source.ok(), qPrintable(source.error()));
        QCOMPARE((*source)->length(), std::uint64_t(3));
        std::vector<bidding::BidRequest> out(3);
        QCOMPARE((*source)->generate(0, out), std::size_t(3));
        QCOMPARE((*source)->marketPrice(out[1]), Micros(20) * replay::kPriceUnitMicros);

        config.traffic.options.insert(QStringLiteral("limit"), 2);
        auto limited = makeTrafficSource(config, world);
        QVERIFY(limited.ok());
        QCOMPARE((*limited)->length(), std::uint64_t(2));

        config.traffic.options.insert(QStringLiteral("episode"), 0);
        auto badOption = makeTrafficSource(config, world);
        QVERIFY(!badOption.ok());
        QVERIFY2(badOption.error().contains(QStringLiteral("traffic.options.episode")), qPrintable(badOption.error()));

        config.traffic.options = {};
        config.traffic.path = dir.filePath(QStringLiteral("missing.txt"));
        auto missing = makeTrafficSource(config, world);
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().contains(QStringLiteral("missing.txt")), qPrintable(missing.error()));
    }
};

BIDLAB_TEST_MAIN_CORE(ReplayTrafficTest)
#include "test_replay_traffic.moc"
