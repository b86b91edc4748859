// SPDX-License-Identifier: MIT
#include "core/jobs/job.h"
#include "core/jobs/job_pool.h"
#include "core/jobs/job_tracker.h"
#include "tests/common/test_support.h"

#include <atomic>

#include <QSignalSpy>
#include <QThread>

using namespace bidlab;
using namespace bidlab::jobs;

namespace {

struct CountParams
{
    int steps = 100;
    int sleepMs = 0;
    int failAt = -1; // step at which the job fails
    std::atomic<int>* reached = nullptr; // last step reached, for cancel tests
};

// Sums 1..steps, one step at a time, reporting progress and honouring cancel.
void countJob(QPromise<JobResult<qint64>>& promise, const CountParams& params)
{
    JobContext<qint64> job(promise, 0); // no throttling, so every step is visible
    qint64 sum = 0;
    for (int i = 1; i <= params.steps; ++i) {
        if (job.canceled())
            return;
        if (i == params.failAt) {
            job.fail(QStringLiteral("Row %1 of 'input.csv' is malformed.").arg(i));
            return;
        }
        sum += i;
        if (params.reached)
            params.reached->store(i);
        if (params.sleepMs)
            QThread::msleep(params.sleepMs);
        job.progress(i, params.steps, QStringLiteral("step %1").arg(i));
    }
    job.succeed(sum);
}

QFuture<JobResult<qint64>> startCount(QThreadPool* pool, CountParams params)
{
    return runJob<qint64>(pool, countJob, params);
}

} // namespace

class JobsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void deliversResultAndProgress()
    {
        QThreadPool pool;
        JobTracker tracker;
        QSignalSpy progress(&tracker, &JobTracker::progressChanged);
        QSignalSpy finished(&tracker, &JobTracker::finished);
        qint64 result = -1;
        tracker.track(startCount(&pool, { 100, 1 }), [&](qint64 value) { result = value; });
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10'000);
        QCOMPARE(result, qint64(5050));
        QCOMPARE(finished.at(0).at(0).value<JobTracker::Outcome>(), JobTracker::Outcome::Succeeded);
        QVERIFY(progress.count() > 0);
        QCOMPARE(progress.last().at(0).toInt(), kProgressMax);
        QCOMPARE(progress.last().at(1).toString(), QStringLiteral("step 100"));
        // Progress never goes backwards.
        int last = -1;
        for (const auto& args : progress) {
            QVERIFY(args.at(0).toInt() >= last);
            last = args.at(0).toInt();
        }
    }

    void progressIsThrottled()
    {
        QThreadPool pool;
        std::atomic<int> reports { 0 };
        auto future = runJob<int>(
            &pool,
            [&reports](QPromise<JobResult<int>>& promise, int steps) {
                JobContext<int> job(promise, 10'000); // at most one update per 10 s, plus the first and the last
                for (int i = 1; i <= steps; ++i)
                    job.progress(i, steps);
                reports = 1;
                job.succeed(steps);
            },
            100'000);
        QFutureWatcher<JobResult<int>> watcher;
        QSignalSpy values(&watcher, &QFutureWatcherBase::progressValueChanged);
        watcher.setFuture(future);
        future.waitForFinished();
        QTRY_VERIFY(watcher.isFinished());
        QCoreApplication::processEvents();
        QVERIFY2(values.count() <= 3, qPrintable(QString::number(values.count())));
        QCOMPARE(future.progressValue(), kProgressMax);
    }

    void failureIsAResultWithAMessage()
    {
        QThreadPool pool;
        JobTracker tracker;
        QSignalSpy finished(&tracker, &JobTracker::finished);
        bool delivered = false;
        tracker.track(startCount(&pool, { 100, 0, 42 }), [&](qint64) { delivered = true; });
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10'000);
        QVERIFY(!delivered);
        QCOMPARE(finished.at(0).at(0).value<JobTracker::Outcome>(), JobTracker::Outcome::Failed);
        QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("Row 42 of 'input.csv' is malformed."));
    }

    void exceptionBecomesFailure()
    {
        QThreadPool pool;
        auto future = runJob<int>(
            &pool, [](QPromise<JobResult<int>>&, int) -> void { throw std::runtime_error("disk on fire"); }, 0);
        future.waitForFinished();
        QCOMPARE(future.resultCount(), 1);
        QVERIFY(!future.result().ok());
        QVERIFY(future.result().error().contains(QStringLiteral("disk on fire")));
    }

    void cancelMidwayStopsAndDeliversNothing()
    {
        QThreadPool pool;
        JobTracker tracker;
        std::atomic<int> reached { 0 };
        QSignalSpy finished(&tracker, &JobTracker::finished);
        bool delivered = false;
        auto future = startCount(&pool, { 10'000, 1, -1, &reached });
        tracker.track(future, [&](qint64) { delivered = true; });
        QTRY_VERIFY_WITH_TIMEOUT(reached.load() >= 5, 10'000);
        tracker.cancel();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).value<JobTracker::Outcome>(), JobTracker::Outcome::Canceled);
        future.waitForFinished();
        const int stoppedAt = reached.load();
        QVERIFY2(stoppedAt < 10'000, "the job ran to its end despite cancel");
        QTest::qWait(50);
        QCOMPARE(reached.load(), stoppedAt); // nothing runs after the job returned
        QCOMPARE(future.resultCount(), 0);
        QVERIFY(!delivered);
        QCOMPARE(finished.count(), 1); // the late finished() of the cancelled future is dropped
    }

    void newerJobReplacesStaleOne()
    {
        QThreadPool pool;
        pool.setMaxThreadCount(2);
        JobTracker tracker;
        QList<qint64> delivered;
        QSignalSpy finished(&tracker, &JobTracker::finished);
        tracker.track(startCount(&pool, { 300, 2 }), [&](qint64 v) { delivered.append(v); });
        tracker.track(startCount(&pool, { 10, 0 }), [&](qint64 v) { delivered.append(v); });
        QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 1, 10'000);
        pool.waitForDone();
        QCoreApplication::processEvents();
        QCOMPARE(delivered, QList<qint64>({ 55 }));
        QCOMPARE(tracker.generation(), quint64(2));
    }

    void suspendAndResume()
    {
        QThreadPool pool;
        JobTracker tracker;
        std::atomic<int> reached { 0 };
        QSignalSpy finished(&tracker, &JobTracker::finished);
        qint64 result = 0;
        tracker.track(startCount(&pool, { 400, 1, -1, &reached }), [&](qint64 v) { result = v; });
        QTRY_VERIFY_WITH_TIMEOUT(reached.load() >= 3, 10'000);
        tracker.setSuspended(true);
        QTest::qWait(100);
        const int pausedAt = reached.load();
        QTest::qWait(200);
        QVERIFY(reached.load() <= pausedAt + 1); // at most the step in flight completes
        tracker.setSuspended(false);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20'000);
        QCOMPARE(result, qint64(400 * 401 / 2));
    }

    void poolResize()
    {
        const int before = jobPool()->maxThreadCount();
        QCOMPARE(setJobThreadCount(3), 3);
        QCOMPARE(jobPool()->maxThreadCount(), 3);
        QCOMPARE(setJobThreadCount(0), 1);
        QCOMPARE(setJobThreadCount(100'000), 256);
        // Jobs run at the new size: with one thread, two jobs run one after the other.
        setJobThreadCount(1);
        std::atomic<int> concurrent { 0 };
        std::atomic<int> peak { 0 };
        auto job = [&](QPromise<JobResult<int>>& promise, int) {
            const int now = ++concurrent;
            peak = std::max(peak.load(), now);
            QThread::msleep(30);
            --concurrent;
            promise.addResult(JobResult<int>(1));
        };
        auto a = runJob<int>(jobPool(), job, 0);
        auto b = runJob<int>(jobPool(), job, 0);
        a.waitForFinished();
        b.waitForFinished();
        QCOMPARE(peak.load(), 1);
        setJobThreadCount(before);
    }
};

BIDLAB_TEST_MAIN_CORE(JobsTest)
#include "test_jobs.moc"
