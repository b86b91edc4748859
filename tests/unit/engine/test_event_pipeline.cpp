// SPDX-License-Identifier: MIT
#include "core/engine/event_pipeline.h"
#include "tests/common/test_support.h"

using namespace bidlab::engine;
using Verdict = EventPipeline::Verdict;

namespace {

const std::vector<std::string> kAgents {
    "Mozilla/5.0 (X11; Linux x86_64) Firefox/125.0", // 0: a browser
    "Mozilla/5.0 (compatible; Googlebot/2.1)", // 1
    "Screaming Frog SEO SPIDER/19.0", // 2: upper case still counts
    "facebookexternalhit/1.1 crawler", // 3
    "python-requests price-Scraper", // 4
};

AdEvent makeEvent(AdEventType type, std::uint64_t impression, std::int64_t timeMs, std::int64_t originMs = 0,
                  std::uint32_t agent = 0)
{
    AdEvent e {};
    e.impressionId = impression;
    e.timeMs = timeMs;
    e.originMs = originMs;
    e.userAgent = agent;
    e.campaign = 1;
    e.type = static_cast<std::uint8_t>(type);
    return e;
}

EventPipeline pipeline()
{
    EventPipeline::Options options;
    options.campaigns = 3;
    options.attributionWindowSeconds = 3600;
    options.duplicateWindowSeconds = 60;
    options.errorQueueCapacity = 4;
    return EventPipeline(options, kAgents);
}

} // namespace

class EventPipelineTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void botFilteringByUserAgent()
    {
        QVERIFY(!EventPipeline::isBotAgent(kAgents[0]));
        for (std::size_t i = 1; i < kAgents.size(); ++i)
            QVERIFY2(EventPipeline::isBotAgent(kAgents[i]), kAgents[i].c_str());
        EventPipeline p = pipeline();
        QCOMPARE(p.process(makeEvent(AdEventType::Impression, 1, 1000, 0, 0)), Verdict::Accepted);
        QCOMPARE(p.process(makeEvent(AdEventType::Impression, 2, 1000, 0, 1)), Verdict::Bot);
        QCOMPARE(p.process(makeEvent(AdEventType::Click, 2, 2000, 1000, 2)), Verdict::Bot);
        QCOMPARE(p.process(makeEvent(AdEventType::Conversion, 2, 3000, 2000, 3)), Verdict::Bot);
        QCOMPARE(p.stats().bots, 3);
        QCOMPARE(p.stats().accepted, 1);
        QCOMPARE(p.stats().processed, 4);
    }
    void duplicateClicksWithinTheWindow()
    {
        EventPipeline p = pipeline();
        QCOMPARE(p.process(makeEvent(AdEventType::Click, 10, 10'000, 9'000)), Verdict::Accepted);
        QCOMPARE(p.process(makeEvent(AdEventType::Click, 10, 10'500, 9'000)), Verdict::Duplicate); // 0.5 s later
        QCOMPARE(p.process(makeEvent(AdEventType::Click, 11, 10'600, 9'000)), Verdict::Accepted); // another impression
        QCOMPARE(p.process(makeEvent(AdEventType::Click, 10, 70'000, 9'000)), Verdict::Duplicate); // exactly 60 s
        QCOMPARE(p.process(makeEvent(AdEventType::Click, 10, 70'001, 9'000)), Verdict::Accepted); // past the window
        QCOMPARE(p.process(makeEvent(AdEventType::Click, 10, 70'002, 9'000)),
                 Verdict::Duplicate); // the window restarts
        QCOMPARE(p.stats().duplicates, 3);
        QCOMPARE(p.stats().accepted, 3);
    }
    void attributionWindow()
    {
        EventPipeline p = pipeline();
        const std::int64_t click = 1'000'000;
        QCOMPARE(p.process(makeEvent(AdEventType::Conversion, 5, click + 3'600'000, click)), Verdict::Accepted);
        QCOMPARE(p.process(makeEvent(AdEventType::Conversion, 6, click + 3'600'001, click)), Verdict::Unattributed);
        QCOMPARE(p.stats().unattributed, 1);
        QCOMPARE(p.stats().filtered(), 1);
    }
    void validationErrorsGoToTheErrorQueue_data()
    {
        QTest::addColumn<int>("field");
        QTest::addColumn<QString>("reason");
        QTest::addRow("type") << 0 << QStringLiteral("unknown event type");
        QTest::addRow("campaign") << 1 << QStringLiteral("unknown campaign");
        QTest::addRow("user agent") << 2 << QStringLiteral("unknown user agent");
        QTest::addRow("timestamp") << 3 << QStringLiteral("missing timestamp");
        QTest::addRow("amount") << 4 << QStringLiteral("negative amount");
        QTest::addRow("origin missing") << 5 << QStringLiteral("missing origin time");
        QTest::addRow("before origin") << 6 << QStringLiteral("happens before its origin");
    }
    void validationErrorsGoToTheErrorQueue()
    {
        QFETCH(int, field);
        QFETCH(QString, reason);
        AdEvent e = makeEvent(AdEventType::Click, 7, 5'000, 4'000);
        switch (field) {
        case 0:
            e.type = 9;
            break;
        case 1:
            e.campaign = 3;
            break;
        case 2:
            e.userAgent = 99;
            break;
        case 3:
            e.timeMs = 0;
            break;
        case 4:
            e.amount = -5;
            break;
        case 5:
            e.originMs = 0;
            break;
        case 6:
            e.originMs = 6'000;
            break;
        }
        EventPipeline p = pipeline();
        QCOMPARE(p.process(e), Verdict::Invalid);
        QCOMPARE(p.stats().invalid, 1);
        const auto errors = p.takeErrors();
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().reason, reason);
        QCOMPARE(errors.first().event.impressionId, std::uint64_t(7)); // the record travels with the reason
        QVERIFY(p.takeErrors().isEmpty());
    }
    void errorQueueKeepsTheNewestAndCountsAll()
    {
        EventPipeline p = pipeline();
        for (int i = 0; i < 10; ++i) {
            AdEvent e = makeEvent(AdEventType::Impression, static_cast<std::uint64_t>(i), 1000);
            e.campaign = 50;
            p.process(e);
        }
        QCOMPARE(p.stats().invalid, 10);
        const auto errors = p.takeErrors();
        QCOMPARE(errors.size(), 4);
        QCOMPARE(errors.first().event.impressionId, std::uint64_t(6));
        QCOMPARE(errors.last().event.impressionId, std::uint64_t(9));
        for (int i = 10; i < 12; ++i) { // after a take the queue starts empty, wherever its ring stands
            AdEvent e = makeEvent(AdEventType::Impression, static_cast<std::uint64_t>(i), 1000);
            e.campaign = 50;
            p.process(e);
        }
        const auto later = p.takeErrors();
        QCOMPARE(later.size(), 2);
        QCOMPARE(later.first().event.impressionId, std::uint64_t(10));
        QCOMPARE(later.last().event.impressionId, std::uint64_t(11));
        QCOMPARE(later.last().reason, QStringLiteral("unknown campaign"));
    }
    void heldEventsAreJudgedInTimeOrder()
    {
        EventPipeline p = pipeline();
        p.schedule(makeEvent(AdEventType::Click, 1, 30'000, 1'000)); // the duplicate, scheduled first
        p.schedule(makeEvent(AdEventType::Click, 1, 20'000, 1'000));
        p.schedule(makeEvent(AdEventType::Conversion, 1, 90'000, 20'000));
        QCOMPARE(p.pending(), std::size_t(3));
        QList<std::pair<std::int64_t, Verdict>> seen;
        const auto collect = [&](const AdEvent& e, Verdict v) { seen.append({ e.timeMs, v }); };
        p.advanceTo(25'000, collect);
        QCOMPARE(seen.size(), 1);
        QCOMPARE(seen[0].first, 20'000);
        QCOMPARE(seen[0].second, Verdict::Accepted);
        p.advanceTo(60'000, collect);
        QCOMPARE(seen.size(), 2);
        QCOMPARE(seen[1].second, Verdict::Duplicate);
        p.drain(collect);
        QCOMPARE(seen.size(), 3);
        QCOMPARE(seen[2].second, Verdict::Accepted);
        QCOMPARE(p.pending(), std::size_t(0));
    }
};

BIDLAB_TEST_MAIN_CORE(EventPipelineTest)
#include "test_event_pipeline.moc"
