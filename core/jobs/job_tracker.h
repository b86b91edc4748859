// SPDX-License-Identifier: MIT
#pragma once

#include "core/jobs/job.h"

#include <utility>

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>

namespace bidlab::jobs {

// Follows one job at a time for a panel or a command: forwards progress, cancel and suspend, and delivers
// the result on the tracker's thread. Starting a new job cancels the previous one, and a result of a job
// that is no longer the current one is dropped (a generation counter, as KDAB hotspot does), so a slow old
// job can never overwrite a newer answer. A cancelled job delivers nothing.
class JobTracker : public QObject
{
    Q_OBJECT
public:
    enum class Outcome { Succeeded, Failed, Canceled };
    Q_ENUM(Outcome)

    explicit JobTracker(QObject* parent = nullptr);
    ~JobTracker() override;

    // Watches `future`; onResult(T) runs when it succeeds and is still the current job.
    template<class T, class OnResult> void track(QFuture<JobResult<T>> future, OnResult onResult)
    {
        const quint64 generation = begin();
        auto* watcher = new QFutureWatcher<JobResult<T>>(this);
        connectProgress(watcher, generation);
        connect(watcher, &QFutureWatcherBase::finished, this,
                [this, watcher, generation, onResult = std::move(onResult)]() mutable {
                    watcher->deleteLater();
                    if (generation != m_generation)
                        return; // stale: a newer job replaced this one
                    m_watcher = nullptr;
                    if (watcher->isCanceled() || watcher->future().resultCount() == 0) {
                        end(Outcome::Canceled, tr("Cancelled."));
                        return;
                    }
                    JobResult<T> result = watcher->result();
                    if (!result.ok()) {
                        end(Outcome::Failed, result.error());
                        return;
                    }
                    onResult(std::move(result).value());
                    end(Outcome::Succeeded, QString());
                });
        watcher->setFuture(future); // connected before setFuture, so no signal is missed
        m_watcher = watcher;
    }

    bool isRunning() const { return m_watcher != nullptr; }
    quint64 generation() const { return m_generation; }

public Q_SLOTS:
    void cancel();
    void setSuspended(bool suspended);

Q_SIGNALS:
    void started();
    void progressChanged(int value, const QString& text);
    void suspendedChanged(bool suspended);
    // message: empty on success, the user-facing reason on failure, "Cancelled." on cancel.
    void finished(bidlab::jobs::JobTracker::Outcome outcome, const QString& message);

private:
    quint64 begin();
    void end(Outcome outcome, const QString& message);
    void connectProgress(QFutureWatcherBase* watcher, quint64 generation);

    QPointer<QFutureWatcherBase> m_watcher;
    quint64 m_generation = 0;
};

} // namespace bidlab::jobs
