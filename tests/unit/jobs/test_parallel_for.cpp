// SPDX-License-Identifier: MIT
#include "core/jobs/job.h"
#include "core/jobs/parallel_for.h"
#include "tests/common/test_support.h"

#include <atomic>
#include <numeric>

#include <QThreadPool>

using namespace bidlab::jobs;

class ParallelForTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyIndexExactlyOnce_data()
    {
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("count");
        QTest::addRow("1 thread") << 1 << 1000;
        QTest::addRow("2 threads") << 2 << 1000;
        QTest::addRow("8 threads, few items") << 8 << 3;
        QTest::addRow("no items") << 4 << 0;
    }
    void everyIndexExactlyOnce()
    {
        QFETCH(int, threads);
        QFETCH(int, count);
        QThreadPool pool;
        pool.setMaxThreadCount(threads);
        std::vector<std::atomic<int>> hits(static_cast<std::size_t>(count));
        QVERIFY(parallelFor(&pool, count, [&](qsizetype i) { ++hits[static_cast<std::size_t>(i)]; }));
        for (const auto& h : hits)
            QCOMPARE(h.load(), 1);
    }
    void stopHaltsNewItems()
    {
        QThreadPool pool;
        pool.setMaxThreadCount(2);
        std::atomic<int> done { 0 };
        const bool completed = parallelFor(
            &pool, 10'000, [&](qsizetype) { ++done; }, [&] { return done.load() >= 100; });
        QVERIFY(!completed);
        QVERIFY(done.load() >= 100);
        QVERIFY(done.load() < 10'000);
    }
    void nestedInsideAJobOfASingleThreadPool()
    {
        // A job that fans out on its own (full) pool must not wait for threads that cannot start.
        QThreadPool pool;
        pool.setMaxThreadCount(1);
        auto future = runJob<qint64>(
            &pool,
            [&pool](QPromise<JobResult<qint64>>& promise, int n) {
                std::vector<qint64> parts(static_cast<std::size_t>(n));
                parallelFor(&pool, n, [&](qsizetype i) { parts[static_cast<std::size_t>(i)] = i * i; });
                promise.addResult(JobResult<qint64>(std::accumulate(parts.begin(), parts.end(), qint64(0))));
            },
            100);
        future.waitForFinished();
        QCOMPARE(future.result().value(), qint64(328'350));
    }
};

BIDLAB_TEST_MAIN_CORE(ParallelForTest)
#include "test_parallel_for.moc"
