// SPDX-License-Identifier: MIT
#include "core/engine/latency_histogram.h"
#include "tests/common/test_support.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

using bidlab::engine::LatencyHistogram;

namespace {

// The exact nearest-rank percentile of a sample.
std::uint64_t exactPercentile(std::vector<std::uint64_t> values, double q)
{
    std::sort(values.begin(), values.end());
    const auto rank
        = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size()))));
    return values[rank - 1];
}

} // namespace

class LatencyHistogramTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void percentilesWithinOnePercent_data()
    {
        QTest::addColumn<QString>("distribution");
        QTest::addRow("uniform 1us..10ms") << QStringLiteral("uniform");
        QTest::addRow("log-normal around 50us") << QStringLiteral("lognormal");
        QTest::addRow("exponential, mean 2us") << QStringLiteral("exponential");
        QTest::addRow("bimodal 20us and 5ms") << QStringLiteral("bimodal");
    }
    void percentilesWithinOnePercent()
    {
        QFETCH(QString, distribution);
        std::mt19937_64 rng(42);
        std::vector<std::uint64_t> values;
        for (int i = 0; i < 200'000; ++i) {
            double v = 0;
            if (distribution == QLatin1String("uniform"))
                v = std::uniform_real_distribution<double>(1e3, 1e7)(rng);
            else if (distribution == QLatin1String("lognormal"))
                v = std::lognormal_distribution<double>(std::log(50e3), 1.0)(rng);
            else if (distribution == QLatin1String("exponential"))
                v = std::exponential_distribution<double>(1.0 / 2000.0)(rng);
            else
                v = (i % 10 == 0) ? std::normal_distribution<double>(5e6, 2e5)(rng)
                                  : std::normal_distribution<double>(2e4, 2e3)(rng);
            values.push_back(static_cast<std::uint64_t>(std::max(1.0, v)));
        }
        LatencyHistogram h;
        for (std::uint64_t v : values)
            h.record(v);
        QCOMPARE(h.count(), values.size());
        for (double q : { 0.0, 0.01, 0.25, 0.5, 0.9, 0.99, 0.999, 0.9999, 1.0 }) {
            const double exact = static_cast<double>(exactPercentile(values, q));
            const double estimate = static_cast<double>(h.percentile(q));
            QVERIFY2(std::abs(estimate - exact) <= 0.01 * exact,
                     qPrintable(QStringLiteral("q=%1: %2 vs exact %3").arg(q).arg(estimate).arg(exact)));
        }
        QCOMPARE(h.max(), *std::max_element(values.begin(), values.end()));
        QCOMPARE(h.min(), *std::min_element(values.begin(), values.end()));
    }
    void smallValuesAreExact()
    {
        LatencyHistogram h;
        for (std::uint64_t v = 1; v <= 100; ++v)
            h.record(v);
        QCOMPARE(h.percentile(0.5), std::uint64_t(50));
        QCOMPARE(h.percentile(0.99), std::uint64_t(99));
        QCOMPARE(h.percentile(1.0), std::uint64_t(100));
        QCOMPARE(h.mean(), 50.5);
    }
    void bucketsTileTheRange()
    {
        // Every value falls in the bucket whose [low, low + width) holds it, and widths stay under 1/128.
        std::mt19937_64 rng(7);
        for (int i = 0; i < 100'000; ++i) {
            const std::uint64_t v = rng() >> (rng() % 64);
            const int index = LatencyHistogram::indexOf(v);
            QVERIFY(index >= 0 && index < LatencyHistogram::kBuckets);
            const std::uint64_t low = LatencyHistogram::bucketLow(index);
            QVERIFY(v >= low && v - low < LatencyHistogram::bucketWidth(index));
            if (low >= 256)
                QVERIFY(LatencyHistogram::bucketWidth(index) * 128 <= low);
        }
    }
    void mergeAndReset()
    {
        LatencyHistogram a, b;
        for (int i = 1; i <= 1000; ++i)
            (i % 2 ? a : b).record(static_cast<std::uint64_t>(i) * 1000);
        a.add(b);
        QCOMPARE(a.count(), std::uint64_t(1000));
        QVERIFY(std::abs(static_cast<double>(a.percentile(0.5)) - 500'000.0) <= 5'000.0);
        a.reset();
        QCOMPARE(a.count(), std::uint64_t(0));
        QCOMPARE(a.percentile(0.5), std::uint64_t(0));
        const auto empty = a.summary();
        QCOMPARE(empty.count, 0);
        QCOMPARE(empty.p99, 0);
    }
};

BIDLAB_TEST_MAIN_CORE(LatencyHistogramTest)
#include "test_latency_histogram.moc"
