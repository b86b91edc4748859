// SPDX-License-Identifier: MIT
#include "core/jobs/job_tracker.h"

namespace bidlab::jobs {

JobTracker::JobTracker(QObject* parent)
    : QObject(parent)
{ }

JobTracker::~JobTracker()
{
    cancel();
}

quint64 JobTracker::begin()
{
    if (m_watcher)
        m_watcher->cancel(); // its finished() will see a stale generation and deliver nothing
    m_watcher = nullptr;
    ++m_generation;
    Q_EMIT started();
    return m_generation;
}

void JobTracker::end(Outcome outcome, const QString& message)
{
    Q_EMIT finished(outcome, message);
}

void JobTracker::connectProgress(QFutureWatcherBase* watcher, quint64 generation)
{
    auto current = [this, generation] { return generation == m_generation; };
    connect(watcher, &QFutureWatcherBase::progressValueChanged, this, [this, watcher, current](int value) {
        if (current())
            Q_EMIT progressChanged(value, watcher->progressText());
    });
    connect(watcher, &QFutureWatcherBase::progressTextChanged, this, [this, watcher, current](const QString& text) {
        if (current())
            Q_EMIT progressChanged(watcher->progressValue(), text);
    });
    connect(watcher, &QFutureWatcherBase::suspended, this, [this, current] {
        if (current())
            Q_EMIT suspendedChanged(true);
    });
    connect(watcher, &QFutureWatcherBase::resumed, this, [this, current] {
        if (current())
            Q_EMIT suspendedChanged(false);
    });
}

void JobTracker::cancel()
{
    if (!m_watcher)
        return;
    m_watcher->cancel();
    // Deliver the outcome now: the finished() of a cancelled future may come late, and is dropped then.
    m_watcher = nullptr;
    ++m_generation;
    end(Outcome::Canceled, tr("Cancelled."));
}

void JobTracker::setSuspended(bool suspended)
{
    if (m_watcher)
        m_watcher->setSuspended(suspended);
}

} // namespace bidlab::jobs
