// SPDX-License-Identifier: MIT
#include "ui/history/run_archive.h"

#include <functional>

#include <QMetaObject>
#include <QPointer>

namespace bidlab::ui {

RunArchive::RunArchive(const QString& path, QObject* parent)
    : QObject(parent)
    , m_store(std::make_unique<store::RunStore>(path))
{
    m_thread.setMaxThreadCount(1); // one connection, calls in order
    m_thread.setExpiryTimeout(-1); // the thread (and its SQLite connection) stays
}

RunArchive::~RunArchive()
{
    m_thread.waitForDone();
}

QString RunArchive::path() const
{
    return m_store->path();
}

template<class Work> void RunArchive::post(Work work)
{
    QPointer<RunArchive> self(this);
    store::RunStore* store = m_store.get();
    const bool needsOpen = !m_opened;
    m_opened = true;
    m_thread.start([self, store, needsOpen, work = std::move(work)]() mutable {
        std::function<void(RunArchive*)> deliver;
        if (needsOpen) {
            if (const Status opened = store->open(); !opened.ok())
                deliver = [message = opened.error()](RunArchive* archive) { Q_EMIT archive->failed(message); };
        }
        if (!deliver)
            deliver = work(*store);
        QMetaObject::invokeMethod(
            self.data(),
            [self, deliver = std::move(deliver)] {
                if (self)
                    deliver(self.data());
            },
            Qt::QueuedConnection);
    });
}

void RunArchive::refresh()
{
    post([](store::RunStore& store) -> std::function<void(RunArchive*)> {
        Expected<QList<store::RunInfo>> runs = store.list();
        if (!runs.ok())
            return [message = runs.error()](RunArchive* a) { Q_EMIT a->failed(message); };
        return [runs = std::move(runs).value()](RunArchive* a) { Q_EMIT a->listed(runs); };
    });
}

void RunArchive::load(qint64 id)
{
    post([id](store::RunStore& store) -> std::function<void(RunArchive*)> {
        Expected<store::StoredRun> run = store.load(id);
        if (!run.ok())
            return [message = run.error()](RunArchive* a) { Q_EMIT a->failed(message); };
        return [run = std::move(run).value()](RunArchive* a) { Q_EMIT a->loaded(run); };
    });
}

void RunArchive::loadPair(qint64 first, qint64 second)
{
    post([first, second](store::RunStore& store) -> std::function<void(RunArchive*)> {
        Expected<store::StoredRun> a = store.load(first);
        Expected<store::StoredRun> b = store.load(second);
        if (!a.ok() || !b.ok())
            return [message = a.ok() ? b.error() : a.error()](RunArchive* archive) { Q_EMIT archive->failed(message); };
        return [a = std::move(a).value(), b = std::move(b).value()](RunArchive* archive) {
            Q_EMIT archive->pairLoaded(a, b);
        };
    });
}

void RunArchive::save(const engine::RunSummary& run, const QList<store::StoredAlert>& alerts,
                      const QList<store::RunMarker>& markers)
{
    post([run, alerts, markers](store::RunStore& store) -> std::function<void(RunArchive*)> {
        const Expected<qint64> id = store.save(run, alerts, markers);
        if (!id.ok())
            return [message = id.error()](RunArchive* a) { Q_EMIT a->failed(message); };
        Expected<QList<store::RunInfo>> runs = store.list();
        return [id = *id, runs = runs.ok() ? *runs : QList<store::RunInfo>(), listed = runs.ok()](RunArchive* a) {
            Q_EMIT a->saved(id);
            if (listed)
                Q_EMIT a->listed(runs);
        };
    });
}

void RunArchive::remove(qint64 id)
{
    post([id](store::RunStore& store) -> std::function<void(RunArchive*)> {
        const Status removed = store.remove(id);
        if (!removed.ok())
            return [message = removed.error()](RunArchive* a) { Q_EMIT a->failed(message); };
        Expected<QList<store::RunInfo>> runs = store.list();
        return [id, runs = runs.ok() ? *runs : QList<store::RunInfo>(), listed = runs.ok()](RunArchive* a) {
            Q_EMIT a->removed(id);
            if (listed)
                Q_EMIT a->listed(runs);
        };
    });
}

} // namespace bidlab::ui
