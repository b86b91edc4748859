// SPDX-License-Identifier: MIT
// The streaming building blocks: rolling median/MAD against brute force, EW statistics, the alarm filter.
#include "core/anomaly/alarm_filter.h"
#include "core/anomaly/probation.h"
#include "core/anomaly/streaming_stats.h"
#include "tests/common/test_support.h"
#include "tests/unit/anomaly/synthetic.h"

#include <algorithm>

#include <QCoreApplication>

using namespace bidlab::anomaly;

namespace {

double medianOf(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

} // namespace

class StreamingTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rollingWindowMatchesBruteForce()
    {
        const std::vector<double> values = bidlab::test::noisySeries(500, 3, 0.0, 2.0);
        for (std::size_t capacity : { 1u, 2u, 7u, 50u }) {
            RollingWindow window(capacity);
            for (std::size_t i = 0; i < values.size(); ++i) {
                window.add(values[i]);
                const std::size_t from = i + 1 >= capacity ? i + 1 - capacity : 0;
                std::vector<double> last(values.begin() + static_cast<std::ptrdiff_t>(from),
                                         values.begin() + static_cast<std::ptrdiff_t>(i + 1));
                QCOMPARE(window.size(), last.size());
                QCOMPARE(window.median(), medianOf(last));
                QCOMPARE(window.back(0), values[i]);
                const double center = medianOf(last);
                std::vector<double> deviations;
                for (double x : last)
                    deviations.push_back(std::abs(x - center));
                std::sort(deviations.begin(), deviations.end());
                QCOMPARE(window.mad(), 1.4826 * deviations[deviations.size() / 2]);
            }
        }
    }

    void ewStatsTrackMeanAndVariance()
    {
        EwStats stats(0.01);
        QVERIFY(stats.empty());
        const std::vector<double> values = bidlab::test::noisySeries(20'000, 9, 10.0, 3.0);
        for (double v : values)
            stats.add(v);
        QVERIFY(qAbs(stats.mean() - 10.0) < 0.5);
        QVERIFY(qAbs(stats.sd() - 3.0) < 0.3);
    }

    void robustSummaryIgnoresOutliers()
    {
        std::vector<double> sample = bidlab::test::noisySeries(1001, 4, 5.0, 1.0);
        sample[10] = 1e9;
        sample[20] = -1e9;
        const RobustSummary s = robustSummary(sample);
        QVERIFY(qAbs(s.median - 5.0) < 0.1);
        QVERIFY(qAbs(s.sd - 1.0) < 0.1);
    }

    void periodOfNoiseIsZero()
    {
        QCOMPARE(estimatePeriod(bidlab::test::noisySeries(600, 8)), qsizetype(0));
        QCOMPARE(estimatePeriod(std::vector<double>(600, 1.0)), qsizetype(0));
        QCOMPARE(estimatePeriod(bidlab::test::noisySeries(600, 8, 0.0, 0.3, 24, 5.0)), qsizetype(24));
    }

    void probationFloorsScales()
    {
        Probation flat(4);
        for (int i = 0; i < 4; ++i)
            QVERIFY(flat.add(2.0));
        QVERIFY(flat.done());
        QVERIFY(!flat.add(2.0));
        QCOMPARE(flat.scaleFloor(), 2e-3);
        Probation zero(2);
        zero.add(0.0);
        zero.add(0.0);
        QCOMPARE(zero.scaleFloor(), 1e-9);
    }

    void alarmFilterPassesOnlyRecords()
    {
        AlarmFilter filter(3);
        QCOMPARE(filter.filter(0.6), 0.6); // nothing before it
        QCOMPARE(filter.filter(0.6), 0.0); // not above the last 3
        QCOMPARE(filter.filter(0.5), 0.0);
        QCOMPARE(filter.filter(0.7), 0.7); // a new record
        QCOMPARE(filter.filter(0.1), 0.0);
        QCOMPARE(filter.filter(0.1), 0.0);
        QCOMPARE(filter.filter(0.1), 0.0);
        QCOMPARE(filter.filter(0.6), 0.6); // the 0.7 is more than 3 values back
        // A long run keeps working in the fixed ring.
        for (int i = 0; i < 10'000; ++i)
            QCOMPARE(filter.filter(i % 2 ? 0.2 : 0.3), 0.0);
    }
};

BIDLAB_TEST_MAIN_CORE(StreamingTest)
#include "test_streaming.moc"
