// SPDX-License-Identifier: MIT
// REPLAY.md §8: every strategy on every campaign's validation log, against the self-check table, exactly.
#include "core/jobs/job_pool.h"
#include "core/replay/auction_log.h"
#include "core/replay/campaign_info.h"
#include "core/replay/dp_strategies.h"
#include "core/replay/mcpc_strategy.h"
#include "core/replay/replay_evaluator.h"
#include "core/replay/strategy_factory.h"
#include "core/replay/value_table.h"
#include "tests/common/test_support.h"

#include <memory>

using namespace bidlab;
using namespace bidlab::replay;

namespace {

struct Expected8
{
    std::int64_t impressions;
    std::int64_t clicks;
    std::int64_t cost;
};

struct CampaignRow
{
    const char* campaign;
    std::int64_t budget;
    Expected8 ssmdp;
    Expected8 mcpc;
    int linB0;
    Expected8 lin;
    Expected8 rlb;
};

// REPLAY.md §8, verbatim. Lin runs with lin_b0.tsv's b0 through core/bidding's linear strategy, the one the
// engine's bidders run.
const CampaignRow kTable[] = {
    { "1458", 2152, { 15688, 7, 214405 }, { 9259, 20, 212499 }, 45, { 9507, 22, 157450 }, { 8281, 23, 194118 } },
    { "2259", 2908, { 20149, 12, 289245 }, { 7781, 9, 290762 }, 35, { 12406, 29, 243092 }, { 12984, 29, 283091 } },
    { "2261", 2800, { 22802, 19, 278914 }, { 7987, 13, 279997 }, 20, { 14543, 39, 234694 }, { 16259, 41, 277907 } },
    { "2821", 2790, { 17489, 8, 277874 }, { 6427, 9, 278997 }, 25, { 12386, 29, 275548 }, { 13273, 29, 278222 } },
    { "2997", 1969, { 24439, 164, 196173 }, { 6845, 27, 196742 }, 10, { 19419, 149, 147969 }, { 21498, 127, 195044 } },
    { "3358", 2887, { 18139, 4, 287182 }, { 7366, 26, 286104 }, 30, { 4853, 20, 155907 }, { 7322, 26, 266610 } },
    { "3386", 2403, { 15363, 7, 238732 }, { 5609, 16, 240152 }, 10, { 2954, 28, 76585 }, { 8279, 27, 234349 } },
    { "3427", 2532, { 16516, 12, 252117 }, { 6521, 21, 253021 }, 30, { 6203, 19, 168545 }, { 7911, 19, 239915 } },
    { "3476", 2475, { 15999, 5, 246609 }, { 4918, 10, 247400 }, 10, { 2518, 7, 82103 }, { 5817, 18, 244467 } },
};

} // namespace

class SelfCheckTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void table_data()
    {
        QTest::addColumn<int>("row");
        for (int i = 0; i < int(std::size(kTable)); ++i)
            QTest::addRow("%s", kTable[i].campaign) << i;
    }
    void table()
    {
        QFETCH(int, row);
        const CampaignRow& expected = kTable[row];
        const QString camp = QString::fromLatin1(expected.campaign);
        BIDLAB_SHARED_DATA_OR_SKIP(folder, "ipinyou");
        const auto info = readCampaignInfo(folder + QStringLiteral("/%1/info.json").arg(camp));
        QVERIFY2(info.ok(), qPrintable(info.error()));
        const auto log = readAuctionLog(folder + QStringLiteral("/%1/%1.validation.txt").arg(camp));
        QVERIFY2(log.ok(), qPrintable(log.error()));
        QCOMPARE(log->auctions.size(), std::size_t(100'000));

        EpisodeRules rules;
        rules.length = 1000;
        rules.maxBid = info->maxPrice();
        rules.budget = episodeBudget(*info, 1.0 / 32, rules.length);
        QCOMPARE(rules.budget, expected.budget);

        ValueTableInput input;
        input.episodeLength = rules.length;
        input.budget = static_cast<int>(rules.budget);
        input.averageCtr = info->averageCtr();
        input.maxBid = rules.maxBid;
        input.market = MarketPrice::fromCounts(info->priceCounts);
        auto table = computeValueTable(input, jobs::jobPool());
        QVERIFY2(table.ok(), qPrintable(table.error()));
        const auto shared = std::make_shared<const ValueTable>(std::move(table).value());

        const auto check = [&](const ReplayStrategy& strategy, const Expected8& want) {
            const auto result = replay::replay(log->auctions, strategy, rules, jobs::jobPool());
            QVERIFY(result.has_value());
            QCOMPARE(result->totals.auctions, std::int64_t(100'000));
            QCOMPARE(result->totals.impressions, want.impressions);
            QCOMPARE(result->totals.clicks, want.clicks);
            QCOMPARE(result->totals.cost, want.cost);
        };
        check(SsMdpStrategy(shared, info->averageCtr(), rules.maxBid), expected.ssmdp);
        check(McpcStrategy(*info->costPerClick(), rules.maxBid), expected.mcpc);
        check(RlbStrategy(shared, rules.maxBid), expected.rlb);
        StrategySpec lin;
        lin.name = QStringLiteral("linear");
        lin.b0 = expected.linB0;
        const auto linear = makeStrategy(lin, { *info, rules, nullptr });
        QVERIFY2(linear.ok(), qPrintable(linear.error()));
        check(**linear, expected.lin);
    }
};

BIDLAB_TEST_MAIN_CORE(SelfCheckTest)
#include "test_self_check.moc"
