// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/engine_snapshot.h"

#include <array>

#include <QAbstractTableModel>
#include <QList>
#include <QTimer>

namespace bidlab::ui {

// The event log and alerts of a run: worker crashes and restarts, worker stderr lines, validation errors
// of the event pipeline, budgets exhausted, warnings; each with its time. Events are queued as they come and
// moved into the model in one insert per flush (at most every 100 ms), and the oldest rows make room beyond
// a cap, so a flood of events (a worker printing in a loop) costs the GUI one update per frame and bounded
// memory. Counts per severity include the rows that made room.
class EventLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, RunTime, Severity, Kind, Worker, Message, ColumnCount };
    static constexpr int SeverityRole = Qt::UserRole + 1; // int(EventSeverity)
    static constexpr int kDefaultMaxRows = 5000;

    explicit EventLogModel(QObject* parent = nullptr, int maxRows = kDefaultMaxRows);

    // Queues an event; it reaches the model at the next flush (a timer, or flush()).
    void add(const engine::EngineEvent& event);
    void flush();
    void clear();

    const engine::EngineEvent& eventAt(int row) const { return m_events[row]; }
    int maxRows() const { return m_maxRows; }
    // Events of this severity since the last clear(), shown or not.
    qint64 count(engine::EventSeverity severity) const { return m_counts[std::size_t(severity)]; }
    qint64 dropped() const { return m_dropped; } // rows that made room under the cap

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString severityName(engine::EventSeverity severity);

Q_SIGNALS:
    void countsChanged();

private:
    QList<engine::EngineEvent> m_events;
    QList<engine::EngineEvent> m_pending;
    QTimer m_flushTimer;
    int m_maxRows;
    std::array<qint64, 3> m_counts {};
    qint64 m_dropped = 0;
};

} // namespace bidlab::ui
