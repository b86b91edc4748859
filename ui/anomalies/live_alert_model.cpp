// SPDX-License-Identifier: MIT
#include "ui/anomalies/live_alert_model.h"

#include <QBrush>
#include <QColor>

namespace bidlab::ui {

namespace {

QString seconds(qint64 ms)
{
    return QString::number(static_cast<double>(ms) / 1000.0, 'f', 1);
}

} // namespace

LiveAlertModel::LiveAlertModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void LiveAlertModel::setMonitor(anomaly::LiveMonitor* monitor)
{
    for (const QMetaObject::Connection& c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    beginResetModel();
    m_monitor = monitor;
    m_alerts = monitor ? monitor->alerts() : QList<anomaly::LiveAlert> {};
    endResetModel();
    if (!monitor)
        return;
    m_connections.append(connect(monitor, &anomaly::LiveMonitor::alertRaised, this, &LiveAlertModel::onRaised));
    m_connections.append(connect(monitor, &anomaly::LiveMonitor::alertEnded, this, &LiveAlertModel::onEnded));
    m_connections.append(connect(monitor, &anomaly::LiveMonitor::cleared, this, &LiveAlertModel::onCleared));
}

void LiveAlertModel::onRaised(const anomaly::LiveAlert& alert)
{
    const int row = static_cast<int>(m_alerts.size());
    beginInsertRows({}, row, row);
    m_alerts.append(alert);
    endInsertRows();
}

void LiveAlertModel::onEnded(const anomaly::LiveAlert& alert, qsizetype index)
{
    if (index < 0 || index >= m_alerts.size())
        return;
    m_alerts[index] = alert;
    Q_EMIT dataChanged(this->index(static_cast<int>(index), 0), this->index(static_cast<int>(index), ColumnCount - 1));
}

void LiveAlertModel::onCleared()
{
    beginResetModel();
    m_alerts.clear();
    endResetModel();
}

int LiveAlertModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_alerts.size());
}

int LiveAlertModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LiveAlertModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_alerts.size())
        return {};
    const anomaly::LiveAlert& live = m_alerts.at(index.row());
    const anomaly::Alert& a = live.alert;
    if (role == Qt::ForegroundRole && index.column() == SeverityColumn)
        return a.severity == anomaly::Severity::Critical ? QBrush(QColor(0xc0, 0x20, 0x20)) : QVariant();
    if (role == Qt::TextAlignmentRole)
        return index.column() == RuleColumn || index.column() == MetricColumn || index.column() == IncidentColumn
                || index.column() == SeverityColumn
            ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
            : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case RaisedColumn:
        return seconds(a.raisedMs);
    case SeverityColumn:
        return anomaly::severityName(a.severity);
    case RuleColumn:
        return a.rule;
    case MetricColumn:
        return a.metric;
    case ValueColumn:
        return QString::number(a.valueAtRaise, 'g', 4);
    case ScoreColumn:
        return QString::number(a.peakScore, 'f', 2);
    case EndedColumn:
        return a.open() ? tr("open") : seconds(a.endMs);
    case IncidentColumn:
        return live.incident.isEmpty() ? QStringLiteral("—") : live.incident;
    case DelayColumn:
        return live.delayMs() < 0 ? QStringLiteral("—") : seconds(live.delayMs());
    default:
        return {};
    }
}

QVariant LiveAlertModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RaisedColumn:
        return tr("Raised (s)");
    case SeverityColumn:
        return tr("Severity");
    case RuleColumn:
        return tr("Rule");
    case MetricColumn:
        return tr("Metric");
    case ValueColumn:
        return tr("Value");
    case ScoreColumn:
        return tr("Peak score");
    case EndedColumn:
        return tr("Ended (s)");
    case IncidentColumn:
        return tr("Incident");
    case DelayColumn:
        return tr("Delay (s)");
    default:
        return {};
    }
}

} // namespace bidlab::ui
