// SPDX-License-Identifier: MIT
// The analysis of whole tables: the extreme cases the issue lists, several arms, corrections across
// experiments, independence from the thread count, and the report and JSON built from it.
#include "core/stats/ab_analysis.h"
#include "core/stats/ab_json.h"
#include "core/stats/ab_report.h"
#include "stats_fixtures.h"
#include "tests/common/test_support.h"

#include <random>

#include <QJsonArray>
#include <QThreadPool>

using namespace bidlab;
using namespace bidlab::stats;

namespace {

struct ArmCounts
{
    const char* name;
    std::int64_t exposures;
    std::int64_t clicks;
};

Arm aggregatedArm(const ArmCounts& counts)
{
    Arm arm;
    arm.name = QString::fromLatin1(counts.name);
    arm.assigned = arm.exposures = counts.exposures;
    arm.clicks = counts.clicks;
    return arm;
}

// An aggregated table of exposures and clicks.
std::shared_ptr<Dataset> table(const std::vector<std::vector<ArmCounts>>& experiments)
{
    auto data = std::make_shared<Dataset>();
    data->columns.index[std::size_t(Role::Arm)] = 0;
    data->columns.index[std::size_t(Role::Exposures)] = 1;
    data->columns.index[std::size_t(Role::Clicks)] = 2;
    data->headers = { QStringLiteral("arm"), QStringLiteral("impressions"), QStringLiteral("clicks") };
    for (std::size_t e = 0; e < experiments.size(); ++e) {
        Experiment experiment { QStringLiteral("exp-%1").arg(e), {} };
        for (const ArmCounts& counts : experiments[e])
            experiment.arms.push_back(aggregatedArm(counts));
        data->experiments.push_back(std::move(experiment));
    }
    return data;
}

// One row per user with revenue and cost (micros).
std::shared_ptr<Dataset> users(std::size_t n, double treatmentRoas, unsigned seed)
{
    auto data = std::make_shared<Dataset>();
    data->shape = TableShape::PerUnit;
    for (Role role : { Role::Arm, Role::User, Role::Conversions, Role::Revenue, Role::Cost })
        data->columns.index[std::size_t(role)] = int(role);
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::int64_t> cost(100'000, 900'000);
    std::bernoulli_distribution buys(0.1);
    std::exponential_distribution<double> basket(1.0);
    Experiment experiment { QStringLiteral("checkout"), {} };
    for (const auto& [name, roas] : { std::pair { "control", 2.0 }, std::pair { "test", treatmentRoas } }) {
        Arm arm;
        arm.name = QString::fromLatin1(name);
        for (std::size_t i = 0; i < n; ++i) {
            const std::int64_t c = cost(rng);
            const bool bought = buys(rng);
            const std::int64_t r = bought ? std::int64_t(double(c) * roas * 10 * basket(rng)) : 0;
            arm.units.exposures.push_back(1);
            arm.units.clicks.push_back(0);
            arm.units.conversions.push_back(bought);
            arm.units.revenue.push_back(r);
            arm.units.cost.push_back(c);
            arm.exposures += 1;
            arm.conversions += bought;
            arm.revenue += r;
            arm.cost += c;
            arm.revenueSquares += toUnits(r) * toUnits(r);
        }
        arm.assigned = std::int64_t(n);
        experiment.arms.push_back(std::move(arm));
    }
    data->experiments.push_back(std::move(experiment));
    return data;
}

Analysis run(std::shared_ptr<const Dataset> data, const AnalysisOptions& options, QThreadPool* pool = nullptr)
{
    Expected<Analysis> analysis = analyze(std::move(data), options, pool);
    if (!analysis)
        qFatal("analysis failed: %s", qPrintable(analysis.error()));
    return std::move(analysis).value();
}

// The proportions.json case with these counts.
QJsonObject referenceCase(int sA, int nA, int sB, int nB)
{
    for (const QJsonValue& v : test::statsFixture("proportions.json").value(QStringLiteral("cases")).toArray()) {
        const QJsonObject c = v.toObject();
        if (c[QStringLiteral("sA")].toInt() == sA && c[QStringLiteral("nA")].toInt() == nA
            && c[QStringLiteral("sB")].toInt() == sB && c[QStringLiteral("nB")].toInt() == nB)
            return c;
    }
    qFatal("no reference case %d/%d vs %d/%d", sA, nA, sB, nB);
}

} // namespace

class AnalysisTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void zeroClicksInBothArms()
    {
        const Analysis a = run(table({ { { "A", 1000, 0 }, { "B", 1200, 0 } } }), {});
        const Comparison& c = a.comparisons.front();
        QVERIFY(c.error.isEmpty());
        QCOMPARE(*c.pValue, 1.0);
        QVERIFY(!c.lift); // 0 / 0
        QCOMPARE(*c.difference, 0.0);
        QCOMPARE(c.decision, Decision::NotSignificant);
        QVERIFY2(c.warnings.join(QLatin1Char(' ')).contains(QStringLiteral("No clicks in either arm")),
                 qPrintable(c.warnings.join(QLatin1Char(' '))));
    }

    void zeroClicksInTheControl()
    {
        // Expected counts of 2.5: Fisher's exact test gives the p-value, and the lift over 0 is undefined.
        const Analysis a = run(table({ { { "A", 1000, 0 }, { "B", 1000, 5 } } }), {});
        const Comparison& c = a.comparisons.front();
        const QJsonObject ref = referenceCase(0, 1000, 5, 1000);
        QCOMPARE(c.method, QStringLiteral("Fisher's exact test"));
        BIDLAB_CLOSE(*c.pValue, ref[QStringLiteral("fisherP")].toDouble());
        QVERIFY(!c.lift && !c.liftInterval);
        BIDLAB_CLOSE(c.differenceInterval->low, ref[QStringLiteral("newcombe")].toArray()[0].toDouble());
        BIDLAB_CLOSE(c.differenceInterval->high, ref[QStringLiteral("newcombe")].toArray()[1].toDouble());
    }

    void equalArms()
    {
        const Analysis a = run(table({ { { "A", 50000, 600 }, { "B", 50000, 600 } } }), {});
        const Comparison& c = a.comparisons.front();
        QCOMPARE(*c.statistic, 0.0);
        QCOMPARE(*c.pValue, 1.0);
        QCOMPARE(*c.lift, 0.0);
        QVERIFY(c.liftInterval->contains(0));
        QVERIFY(!c.sampleRatio->mismatch);
        QCOMPARE(c.sampleRatio->pValue, 1.0);
    }

    void oneExposureAgainstTenMillion()
    {
        const Analysis a = run(table({ { { "A", 1, 1 }, { "B", 10'000'000, 123'456 } } }), {});
        const Comparison& c = a.comparisons.front();
        const QJsonObject ref = referenceCase(1, 1, 123456, 10000000);
        QCOMPARE(c.method, QStringLiteral("Fisher's exact test"));
        BIDLAB_CLOSE(*c.pValue, ref[QStringLiteral("fisherP")].toDouble());
        BIDLAB_CLOSE(c.liftInterval->low, ref[QStringLiteral("liftInterval")].toArray()[0].toDouble());
        BIDLAB_CLOSE(c.liftInterval->high, ref[QStringLiteral("liftInterval")].toArray()[1].toDouble());
        BIDLAB_CLOSE(c.control.interval->low, ref[QStringLiteral("wilsonA")].toArray()[0].toDouble());
        QVERIFY(c.sampleRatio->mismatch); // a split of 1 to 10 million was surely not planned
        QVERIFY2(c.warnings.join(QLatin1Char(' ')).contains(QStringLiteral("Sample ratio mismatch")),
                 qPrintable(c.warnings.join(QLatin1Char(' '))));
    }

    void singleExperimentNeedsNoCorrection()
    {
        AnalysisOptions options;
        options.correction = Correction::BenjaminiYekutieli;
        const Analysis a = run(table({ { { "control", 10000, 120 }, { "B", 10000, 150 } } }), options);
        QCOMPARE(int(a.comparisons.size()), 1);
        const Comparison& c = a.comparisons.front();
        QCOMPARE(*c.adjustedPValue, *c.pValue);
        BIDLAB_CLOSE(*c.pValue, referenceCase(120, 10000, 150, 10000)[QStringLiteral("zP")].toDouble());
        QCOMPARE(c.decision, Decision::NotSignificant); // p = 0.066
        QCOMPARE(a.tested, 1);
    }

    void allPValuesTied()
    {
        std::vector<std::vector<ArmCounts>> experiments(10, { { "A", 20000, 200 }, { "B", 20000, 260 } });
        AnalysisOptions options;
        options.correction = Correction::Holm;
        const Analysis holm = run(table(experiments), options);
        options.correction = Correction::BenjaminiHochberg;
        const Analysis bh = run(table(experiments), options);
        const double p = *holm.comparisons.front().pValue;
        QVERIFY(p > 0.001 && p < 0.01);
        for (std::size_t i = 0; i < 10; ++i) {
            QCOMPARE(*holm.comparisons[i].pValue, p);
            BIDLAB_CLOSE(*holm.comparisons[i].adjustedPValue, std::min(1.0, 10 * p)); // every one is the first
            QCOMPARE(*bh.comparisons[i].adjustedPValue, p); // every one is the last
            QCOMPARE(bh.comparisons[i].decision, Decision::Better);
        }
        QCOMPARE(holm.significant, 10 * p <= 0.05 ? 10 : 0);
        QCOMPARE(bh.significant, 10);
    }

    void severalArmsShareTheControl()
    {
        const Analysis a = run(table({ { { "control", 30000, 300 }, { "B", 30000, 390 }, { "C", 30500, 290 } },
                                       { { "solo", 1000, 10 } } }),
                               {});
        QCOMPARE(int(a.comparisons.size()), 3);
        QCOMPARE(a.comparisons[0].treatment.name, QStringLiteral("B"));
        QCOMPARE(a.comparisons[1].treatment.name, QStringLiteral("C"));
        QCOMPARE(a.comparisons[1].control.name, QStringLiteral("control"));
        QCOMPARE(a.comparisons[0].sampleRatio->degreesOfFreedom, 2);
        QVERIFY(a.comparisons[2].error.contains(QStringLiteral("only one arm")));
        QCOMPARE(a.tested, 2);
        QCOMPARE(a.comparisons[0].decision, Decision::Better);
        QCOMPARE(a.comparisons[1].decision, Decision::NotSignificant);
    }

    void resultsDoNotDependOnTheThreadCount()
    {
        std::mt19937_64 rng(99);
        std::vector<std::vector<ArmCounts>> experiments;
        for (int e = 0; e < 3000; ++e) {
            const std::int64_t n = std::uniform_int_distribution<std::int64_t>(100, 100000)(rng);
            const double p = std::uniform_real_distribution<double>(0.001, 0.2)(rng);
            const std::int64_t ka = std::binomial_distribution<std::int64_t>(n, p)(rng);
            const std::int64_t kb = std::binomial_distribution<std::int64_t>(n, p * 1.05)(rng);
            experiments.push_back({ { "A", n, ka }, { "B", n, kb } });
        }
        const auto data = table(experiments);
        QThreadPool one, two;
        one.setMaxThreadCount(1);
        two.setMaxThreadCount(2);
        AnalysisOptions options;
        options.correction = Correction::BenjaminiHochberg;
        const Analysis first = run(data, options, &one);
        const Analysis second = run(data, options, &two);
        QCOMPARE(first.comparisons.size(), second.comparisons.size());
        for (std::size_t i = 0; i < first.comparisons.size(); ++i) {
            QCOMPARE(first.comparisons[i].experimentName, second.comparisons[i].experimentName);
            QCOMPARE(*first.comparisons[i].pValue, *second.comparisons[i].pValue);
            QCOMPARE(*first.comparisons[i].adjustedPValue, *second.comparisons[i].adjustedPValue);
        }
        QCOMPARE(first.significant, second.significant);
        // And each comparison is what analysing it alone gives.
        const Comparison alone = analyzeComparison(*data, 1234, 1, options);
        QCOMPARE(*alone.pValue, *first.comparisons[1234].pValue);
    }

    void metricsTheTableCannotGive()
    {
        const auto data = table({ { { "A", 100, 1 }, { "B", 100, 2 } } });
        QVERIFY(metricUnavailable(*data, Metric::Revenue));
        AnalysisOptions options;
        options.metric = Metric::Roas;
        const Expected<Analysis> a = analyze(data, options, nullptr);
        QVERIFY(!a);
        QVERIFY2(a.error().contains(QStringLiteral("ROAS needs")), qPrintable(a.error()));
        QVERIFY(metricUnavailable(*data, Metric::Cvr));
    }

    void revenueFromSumsEqualsRevenueFromUsers()
    {
        AnalysisOptions options;
        options.metric = Metric::Revenue;
        const auto perUser = users(4000, 2.4, 7);
        const Analysis fromUsers = run(perUser, options);
        // The same arms as an aggregated table with a sum-of-squares column.
        auto aggregated = std::make_shared<Dataset>(*perUser);
        aggregated->shape = TableShape::Aggregated;
        aggregated->columns.index[std::size_t(Role::RevenueSquares)] = int(Role::RevenueSquares);
        for (Arm& arm : aggregated->experiments.front().arms)
            arm.units = {};
        const Analysis fromSums = run(aggregated, options);
        const Comparison &u = fromUsers.comparisons.front(), &s = fromSums.comparisons.front();
        QCOMPARE(u.method, QStringLiteral("Welch's t-test"));
        QVERIFY2(u.error.isEmpty() && s.error.isEmpty(), qPrintable(u.error + s.error));
        QVERIFY(test::close(*u.statistic, *s.statistic, 1e-9));
        QVERIFY(test::close(*u.pValue, *s.pValue, 1e-9));
        QVERIFY(u.means->mannWhitney && !s.means->mannWhitney); // the users allow the rank test
        QVERIFY(u.lift && u.liftInterval && u.liftInterval->contains(*u.lift));
    }

    void roasUsesTheBootstrapForIntervals()
    {
        AnalysisOptions options;
        options.metric = Metric::Roas;
        options.resamples = 400;
        const Analysis a = run(users(3000, 2.6, 11), options, QThreadPool::globalInstance());
        const Comparison& c = a.comparisons.front();
        QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
        QVERIFY(c.bootstrap && c.bootstrap->lift.bca);
        QCOMPARE(c.intervalMethod, QStringLiteral("BCa bootstrap"));
        QCOMPARE(c.liftInterval->low, c.bootstrap->lift.bca->low);
        QCOMPARE(c.method, QStringLiteral("delta-method z-test on log ROAS"));
        BIDLAB_CLOSE(*c.control.value,
                     double(a.dataset->experiments[0].arms[0].revenue)
                         / double(a.dataset->experiments[0].arms[0].cost));
        // Forced Poisson buckets say so.
        options.bootstrap = BootstrapChoice::PoissonBuckets;
        const Analysis p = run(users(3000, 2.6, 11), options);
        QCOMPARE(p.comparisons.front().bootstrap->resampling, Resampling::PoissonBuckets);
        QVERIFY(p.comparisons.front().warnings.join(QLatin1Char(' ')).contains(QStringLiteral("Poisson")));
    }

    void dailyRatesCheckThePooledTest()
    {
        // Ten days per arm whose CTR swings from day to day: pooled over 10^6 impressions a day the
        // difference looks certain, the daily rates say otherwise.
        auto data = std::make_shared<Dataset>(*table({ { { "A", 0, 0 }, { "B", 0, 0 } } }));
        data->shape = TableShape::Daily;
        data->columns.index[std::size_t(Role::Date)] = 3;
        const double swings[] { 0.010, 0.014, 0.008, 0.016, 0.011, 0.009, 0.015, 0.012, 0.010, 0.013 };
        for (std::size_t arm = 0; arm < 2; ++arm) {
            Arm& a = data->experiments.front().arms[arm];
            for (std::size_t day = 0; day < 10; ++day) {
                const std::int64_t clicks = std::llround(1e6 * swings[(day + 3 * arm) % 10] * (arm ? 1.01 : 1.0));
                a.units.exposures.push_back(1'000'000);
                a.units.clicks.push_back(clicks);
                a.units.conversions.push_back(0);
                a.units.revenue.push_back(0);
                a.units.cost.push_back(0);
                a.exposures += 1'000'000;
                a.assigned += 1'000'000;
                a.clicks += clicks;
            }
        }
        const Analysis a = run(data, {});
        const Comparison& c = a.comparisons.front();
        QVERIFY(*c.pValue < 0.05);
        QVERIFY(c.means && c.means->welch && c.means->welch->pValue > 0.5);
        QCOMPARE(c.means->unit, QStringLiteral("day"));
        QVERIFY2(c.warnings.join(QLatin1Char(' ')).contains(QStringLiteral("daily rates vary")),
                 qPrintable(c.warnings.join(QLatin1Char(' '))));
    }

    void cancelled()
    {
        const Expected<Analysis> a
            = analyze(table({ { { "A", 10, 1 }, { "B", 10, 2 } } }), {}, nullptr, {}, [] { return true; });
        QVERIFY(!a);
        QVERIFY(a.error().contains(QStringLiteral("cancelled")));
    }

    void reportAndJson()
    {
        auto data = table({ { { "control", 10000, 100 }, { "B", 10000, 140 } }, { { "control", 10, 0 } } });
        data->files = { QStringLiteral("/tmp/x.csv") };
        data->rows = 4;
        data->rejectedRows = 1;
        data->problems.push_back({ QStringLiteral("x.csv"), 3, QStringLiteral("'clicks' is empty") });
        const Analysis a = run(data, {});
        const report::Report r = abReport(a);
        QCOMPARE(r.title, QStringLiteral("A/B tests: CTR"));
        QCOMPARE(r.tables.size(), 3); // results, arms, rows left out
        QCOMPARE(r.tables[0].rows.size(), 2);
        QCOMPARE(r.tables[0].rows[0].size(), r.tables[0].columns.size());
        QCOMPARE(r.tables[1].rows.size(), 2); // the single-arm experiment has no analysed arms
        QCOMPARE(r.tables[2].rows.front()[1].toLongLong(), 3);
        for (const report::Table& t : r.tables) {
            for (const report::Row& row : t.rows) {
                for (const QVariant& cell : row)
                    QVERIFY(cell.typeId() != QMetaType::Double || std::isfinite(cell.toDouble()));
            }
        }
        QVERIFY(!r.charts.isEmpty() && r.charts.front().series.front().points.size() == 1);
        QVERIFY(r.notes.join(QLatin1Char(' ')).contains(QStringLiteral("x.csv, line 3")));
        QCOMPARE(formatPValue(0.0312), QStringLiteral("0.0312"));
        QCOMPARE(formatPValue(4.12e-7), QStringLiteral("4.1e-07"));
        QCOMPARE(formatPValue(0.0), QStringLiteral("< 1e-300"));

        const QJsonObject json = analysisToJson(a);
        QCOMPARE(json[QStringLiteral("comparisons")].toArray().size(), 2);
        const QJsonObject first = json[QStringLiteral("comparisons")].toArray()[0].toObject();
        BIDLAB_CLOSE(first[QStringLiteral("p")].toDouble(), *a.comparisons[0].pValue);
        QVERIFY(json[QStringLiteral("comparisons")].toArray()[1].toObject()[QStringLiteral("p")].isNull());
        QCOMPARE(json[QStringLiteral("problems")].toArray().size(), 1);
    }
};

BIDLAB_TEST_MAIN_CORE(AnalysisTest)
#include "test_analysis.moc"
