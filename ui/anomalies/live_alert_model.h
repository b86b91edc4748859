// SPDX-License-Identifier: MIT
#pragma once

#include "core/anomaly/live_monitor.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace bidlab::ui {

// The alerts of a live run, one row each in the order raised, following a LiveMonitor: rows are appended as
// alerts are raised and updated when they end. A dashboard can show the same model in its alert pane.
class LiveAlertModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        RaisedColumn,
        SeverityColumn,
        RuleColumn,
        MetricColumn,
        ValueColumn,
        ScoreColumn,
        EndedColumn,
        IncidentColumn,
        DelayColumn,
        ColumnCount
    };

    explicit LiveAlertModel(QObject* parent = nullptr);
    void setMonitor(anomaly::LiveMonitor* monitor);
    const anomaly::LiveAlert& alertAt(int row) const { return m_alerts.at(row); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void onRaised(const anomaly::LiveAlert& alert);
    void onEnded(const anomaly::LiveAlert& alert, qsizetype index);
    void onCleared();

    QPointer<anomaly::LiveMonitor> m_monitor;
    QList<QMetaObject::Connection> m_connections;
    QList<anomaly::LiveAlert> m_alerts;
};

} // namespace bidlab::ui
