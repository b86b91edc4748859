// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"

#include <algorithm>
#include <exception>
#include <utility>

#include <QElapsedTimer>
#include <QPromise>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace bidlab::jobs {

// Progress is an integer on 0..kProgressMax plus a line of text.
inline constexpr int kProgressMax = 1000;

// A job's result: its value, or a user-facing message saying why it failed. A cancelled job has none.
template<class T> using JobResult = Expected<T>;

// What a job function sees of its promise: throttled progress, cancel and suspend checks, and how it ends.
// Jobs are functions `void run(QPromise<JobResult<T>>&, const Params&)`; they build a JobContext first.
template<class T> class JobContext
{
public:
    explicit JobContext(QPromise<JobResult<T>>& promise, int minIntervalMs = 50)
        : m_promise(promise)
        , m_minIntervalMs(minIntervalMs)
    {
        m_promise.setProgressRange(0, kProgressMax);
        m_clock.start();
    }

    // Reports the fraction done (0..1). Updates closer together than the interval are dropped ("don't
    // spam the progress bar"), except the first and the last.
    void progress(double fraction, const QString& text = {})
    {
        const int value = std::clamp(static_cast<int>(fraction * kProgressMax), 0, kProgressMax);
        if (value == m_lastValue && text == m_lastText)
            return;
        if (value != kProgressMax && m_lastValue >= 0 && m_clock.elapsed() < m_minIntervalMs)
            return;
        m_clock.restart();
        m_lastValue = value;
        m_lastText = text;
        m_promise.setProgressValueAndText(value, text);
    }
    void progress(qint64 done, qint64 total, const QString& text = {})
    {
        progress(total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0, text);
    }

    // True once the user cancelled; while the job is suspended, waits here until resumed or cancelled.
    bool canceled()
    {
        m_promise.suspendIfRequested();
        return m_promise.isCanceled();
    }

    void succeed(T value) { m_promise.addResult(JobResult<T>(std::move(value))); }
    void fail(const QString& message) { m_promise.addResult(JobResult<T>(Error { message })); }

    QPromise<JobResult<T>>& promise() { return m_promise; }

private:
    QPromise<JobResult<T>>& m_promise;
    QElapsedTimer m_clock;
    int m_minIntervalMs;
    int m_lastValue = -1;
    QString m_lastText;
};

// Starts `job(promise, params)` on the pool. An exception escaping the job becomes a failed result instead
// of ending the program.
template<class T, class Params, class Job> QFuture<JobResult<T>> runJob(QThreadPool* pool, Job job, Params params)
{
    return QtConcurrent::run(
        pool,
        [job = std::move(job)](QPromise<JobResult<T>>& promise, const Params& p) {
            try {
                job(promise, p);
            } catch (const std::exception& e) {
                promise.addResult(
                    JobResult<T>(Error { QStringLiteral("Internal error: %1").arg(QString::fromLocal8Bit(e.what())) }));
            }
        },
        std::move(params));
}

} // namespace bidlab::jobs
