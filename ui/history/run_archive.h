// SPDX-License-Identifier: MIT
#pragma once

#include "core/store/run_store.h"

#include <memory>

#include <QObject>
#include <QThreadPool>

namespace bidlab::ui {

// The run history store for the GUI: every database call runs on one background thread of its own (SQLite
// calls are short, but the GUI thread never waits on a disk), and its result comes back as a signal in the
// archive's thread. Calls are served in the order they were made.
class RunArchive : public QObject
{
    Q_OBJECT
public:
    explicit RunArchive(const QString& path = store::RunStore::defaultPath(), QObject* parent = nullptr);
    ~RunArchive() override; // waits for the call in progress

    QString path() const;

    void refresh(); // -> listed
    void load(qint64 id); // -> loaded
    void loadPair(qint64 first, qint64 second); // -> pairLoaded (for an overlay)
    // The run, with the alerts raised and the markers drawn during it -> saved, then listed.
    void save(const engine::RunSummary& run, const QList<store::StoredAlert>& alerts = {},
              const QList<store::RunMarker>& markers = {});
    void remove(qint64 id); // -> removed, then listed

Q_SIGNALS:
    void listed(const QList<bidlab::store::RunInfo>& runs);
    void loaded(const bidlab::store::StoredRun& run);
    void pairLoaded(const bidlab::store::StoredRun& first, const bidlab::store::StoredRun& second);
    void saved(qint64 id);
    void removed(qint64 id);
    // A whole sentence naming what failed.
    void failed(const QString& message);

private:
    // Runs `work` on the archive's thread; `work` returns a function that is then called in this object's
    // thread (to emit the result), unless the archive is gone by then.
    template<class Work> void post(Work work);

    std::unique_ptr<store::RunStore> m_store;
    QThreadPool m_thread;
    bool m_opened = false;
};

} // namespace bidlab::ui

Q_DECLARE_METATYPE(bidlab::store::RunInfo)
Q_DECLARE_METATYPE(bidlab::store::StoredRun)
