// SPDX-License-Identifier: MIT
// The ratio bootstrap: with fixed resample indices it must give SciPy's percentile and BCa intervals (scipy.stats
// bootstrap's _bca_interval on the same replicates, tests/fixtures/stats/bootstrap.json); with its own random
// streams it must be reproducible whatever the thread count, and agree with the delta method on large samples.
#include "core/stats/bootstrap.h"
#include "core/stats/ratio_metric.h"
#include "stats_fixtures.h"
#include "tests/common/test_support.h"

#include <random>

#include <QThreadPool>

using namespace bidlab;
using namespace bidlab::stats;

namespace {

std::vector<std::int64_t> integers(const QJsonValue& value)
{
    std::vector<std::int64_t> out;
    for (const QJsonValue& v : value.toArray())
        out.push_back(std::int64_t(v.toDouble()));
    return out;
}

std::vector<std::vector<std::int32_t>> indexLists(const QJsonValue& value)
{
    std::vector<std::vector<std::int32_t>> out;
    for (const QJsonValue& row : value.toArray()) {
        out.emplace_back();
        for (const QJsonValue& v : row.toArray())
            out.back().push_back(std::int32_t(v.toInt()));
    }
    return out;
}

// Users of one arm: cost around 5 units, revenue = cost * ROAS * noise, 70 % of users with no revenue.
struct SyntheticArm
{
    std::vector<std::int64_t> revenue, cost;
    RatioUnits units() const { return { revenue, cost }; }
};

SyntheticArm syntheticArm(std::size_t n, double roas, unsigned seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::int64_t> cost(1'000'000, 9'000'000);
    std::bernoulli_distribution buys(0.3);
    std::lognormal_distribution<double> basket(0.0, 0.8);
    SyntheticArm arm;
    for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t c = cost(rng);
        arm.cost.push_back(c);
        arm.revenue.push_back(buys(rng) ? std::int64_t(double(c) * roas / 0.3 * basket(rng) / std::exp(0.32)) : 0);
    }
    return arm;
}

} // namespace

class BootstrapTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fixedIndicesMatchScipy_data()
    {
        QTest::addColumn<QJsonObject>("c");
        const QJsonArray cases = test::statsFixture("bootstrap.json").value(QStringLiteral("cases")).toArray();
        QCOMPARE(cases.size(), 2);
        QTest::addRow("symmetric") << cases[0].toObject();
        QTest::addRow("skewed, alpha 0.1") << cases[1].toObject();
    }

    void fixedIndicesMatchScipy()
    {
        QFETCH(QJsonObject, c);
        const std::vector<std::int64_t> ra = integers(c[QStringLiteral("revenueA")]);
        const std::vector<std::int64_t> ca = integers(c[QStringLiteral("costA")]);
        const std::vector<std::int64_t> rb = integers(c[QStringLiteral("revenueB")]);
        const std::vector<std::int64_t> cb = integers(c[QStringLiteral("costB")]);
        const auto ia = indexLists(c[QStringLiteral("indicesA")]);
        const auto ib = indexLists(c[QStringLiteral("indicesB")]);
        const double alpha = c[QStringLiteral("alpha")].toDouble();
        const std::optional<RatioBootstrap> result = bootstrapRatioFromIndices({ ra, ca }, { rb, cb }, ia, ib, alpha);
        QVERIFY(result);
        QCOMPARE(result->resamples, int(ia.size()));
        QCOMPARE(result->undefined, 0);
        const std::pair<const char*, const BootstrapInterval*> statistics[] { { "control", &result->control },
                                                                              { "treatment", &result->treatment },
                                                                              { "lift", &result->lift } };
        for (const auto& [name, interval] : statistics) {
            const QJsonObject expected = c[QLatin1String(name)].toObject();
            const QJsonArray percentile = expected[QStringLiteral("percentile")].toArray();
            const QJsonArray bca = expected[QStringLiteral("bca")].toArray();
            BIDLAB_CLOSE(interval->estimate, expected[QStringLiteral("estimate")].toDouble());
            QVERIFY(interval->percentile && interval->bca);
            BIDLAB_CLOSE(interval->percentile->low, percentile[0].toDouble());
            BIDLAB_CLOSE(interval->percentile->high, percentile[1].toDouble());
            BIDLAB_CLOSE(interval->acceleration, expected[QStringLiteral("acceleration")].toDouble());
            BIDLAB_CLOSE(interval->bca->low, bca[0].toDouble());
            BIDLAB_CLOSE(interval->bca->high, bca[1].toDouble());
        }

        // The closed-form companion: the delta method on log(ROAS_B / ROAS_A).
        const Lift delta = relativeLift(ratioEstimate({ ra, ca }), ratioEstimate({ rb, cb }), alpha);
        const QJsonObject expected = c[QStringLiteral("delta")].toObject();
        BIDLAB_CLOSE(*delta.z, expected[QStringLiteral("z")].toDouble());
        BIDLAB_CLOSE(*delta.pValue, expected[QStringLiteral("p")].toDouble());
        BIDLAB_CLOSE(delta.interval->low, expected[QStringLiteral("interval")].toArray()[0].toDouble());
        BIDLAB_CLOSE(delta.interval->high, expected[QStringLiteral("interval")].toArray()[1].toDouble());
    }

    void quantilesInterpolateLikeNumpy()
    {
        const double sorted[] { 1, 2, 4, 8 };
        QCOMPARE(quantileOfSorted(sorted, 0.0), 1.0);
        QCOMPARE(quantileOfSorted(sorted, 1.0), 8.0);
        QCOMPARE(quantileOfSorted(sorted, 0.5), 3.0); // numpy.percentile([1, 2, 4, 8], 50)
        QCOMPARE(quantileOfSorted(sorted, 0.9), 6.8); // index 2.7
    }

    void sameSeedSameResultWhateverTheThreads()
    {
        const SyntheticArm a = syntheticArm(3000, 2.0, 1), b = syntheticArm(3200, 2.2, 2);
        QThreadPool one, two;
        one.setMaxThreadCount(1);
        two.setMaxThreadCount(2);
        BootstrapOptions options;
        options.resamples = 500;
        options.pool = &one;
        const std::optional<RatioBootstrap> first = bootstrapRatio(a.units(), b.units(), options);
        options.pool = &two;
        const std::optional<RatioBootstrap> second = bootstrapRatio(a.units(), b.units(), options);
        options.pool = nullptr;
        const std::optional<RatioBootstrap> third = bootstrapRatio(a.units(), b.units(), options);
        QVERIFY(first && second && third);
        QCOMPARE(first->lift.bca->low, second->lift.bca->low);
        QCOMPARE(first->lift.bca->high, second->lift.bca->high);
        QCOMPARE(first->lift.percentile->low, third->lift.percentile->low);
        QCOMPARE(first->control.bca->high, third->control.bca->high);
        options.seed += 1;
        const std::optional<RatioBootstrap> other = bootstrapRatio(a.units(), b.units(), options);
        QVERIFY(other->lift.percentile->low != first->lift.percentile->low);
    }

    void agreesWithTheDeltaMethodOnLargeSamples()
    {
        // Both estimate the same sampling law: for 20,000 users per arm the interval widths agree closely.
        const SyntheticArm a = syntheticArm(20000, 2.0, 3), b = syntheticArm(20000, 2.1, 4);
        BootstrapOptions options;
        options.resamples = 1000;
        options.pool = QThreadPool::globalInstance();
        const std::optional<RatioBootstrap> boot = bootstrapRatio(a.units(), b.units(), options);
        const Lift delta = relativeLift(ratioEstimate(a.units()), ratioEstimate(b.units()), options.alpha);
        QVERIFY(boot && delta.interval);
        const double deltaWidth = delta.interval->high - delta.interval->low;
        for (const Interval& interval : { *boot->lift.percentile, *boot->lift.bca }) {
            const double width = interval.high - interval.low;
            QVERIFY2(std::fabs(width / deltaWidth - 1) < 0.1,
                     qPrintable(QStringLiteral("bootstrap width %1, delta %2").arg(width).arg(deltaWidth)));
            QVERIFY(interval.contains(*delta.lift));
        }
        // The bucketed Poisson bootstrap approximates the same law.
        options.resampling = Resampling::PoissonBuckets;
        const std::optional<RatioBootstrap> poisson = bootstrapRatio(a.units(), b.units(), options);
        QVERIFY(poisson && poisson->buckets == options.buckets);
        const double poissonWidth = poisson->lift.percentile->high - poisson->lift.percentile->low;
        QVERIFY2(std::fabs(poissonWidth / deltaWidth - 1) < 0.15,
                 qPrintable(QString::number(poissonWidth / deltaWidth)));
    }

    void extremeCases()
    {
        // Equal arms: the lift is exactly 0 and every interval holds it.
        const SyntheticArm a = syntheticArm(400, 2.0, 5);
        BootstrapOptions options;
        options.resamples = 300;
        const std::optional<RatioBootstrap> equal = bootstrapRatio(a.units(), a.units(), options);
        QVERIFY(equal);
        QCOMPARE(equal->lift.estimate, 0.0);
        QVERIFY(equal->lift.percentile->contains(0) && equal->lift.bca->contains(0));

        // No revenue in the control: ROAS 0, no lift to bootstrap.
        const std::vector<std::int64_t> zero(400, 0);
        QVERIFY(!bootstrapRatio({ zero, a.cost }, a.units(), options));
        // One unit per arm: every replicate is the estimate; the jackknife has nothing left, so no BCa.
        const std::vector<std::int64_t> one { 5'000'000 }, two { 2'000'000 };
        const std::optional<RatioBootstrap> single = bootstrapRatio({ one, two }, { two, two }, options);
        QVERIFY(single);
        QCOMPARE(single->lift.percentile->low, single->lift.estimate);
        QVERIFY(!single->lift.bca);

        // Cancelled before the first chunk: nothing.
        options.stop = [] { return true; };
        QVERIFY(!bootstrapRatio(a.units(), a.units(), options));
    }
};

BIDLAB_TEST_MAIN_CORE(BootstrapTest)
#include "test_bootstrap.moc"
