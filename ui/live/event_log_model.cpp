// SPDX-License-Identifier: MIT
#include "ui/live/event_log_model.h"

#include <algorithm>

#include <QApplication>
#include <QColor>
#include <QDateTime>
#include <QIcon>
#include <QStyle>

namespace bidlab::ui {

using engine::EngineEvent;
using engine::EventSeverity;

namespace {

constexpr int kFlushIntervalMs = 100;

QIcon severityIcon(EventSeverity severity)
{
    QStyle* style = QApplication::style();
    switch (severity) {
    case EventSeverity::Info:
        return style->standardIcon(QStyle::SP_MessageBoxInformation);
    case EventSeverity::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case EventSeverity::Error:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    }
    return {};
}

} // namespace

EventLogModel::EventLogModel(QObject* parent, int maxRows)
    : QAbstractTableModel(parent)
    , m_maxRows(std::max(maxRows, 1))
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kFlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &EventLogModel::flush);
}

QString EventLogModel::severityName(EventSeverity severity)
{
    switch (severity) {
    case EventSeverity::Info:
        return tr("info");
    case EventSeverity::Warning:
        return tr("warning");
    case EventSeverity::Error:
        return tr("error");
    }
    return {};
}

void EventLogModel::add(const EngineEvent& event)
{
    m_pending.append(event);
    ++m_counts[std::min<std::size_t>(std::size_t(event.severity), 2)];
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void EventLogModel::flush()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return;
    // Only the newest maxRows of the queue can be shown.
    if (m_pending.size() > m_maxRows) {
        const qsizetype skip = m_pending.size() - m_maxRows;
        m_pending.remove(0, skip);
        m_dropped += skip;
    }
    const qsizetype excess = m_events.size() + m_pending.size() - m_maxRows;
    if (excess > 0) {
        beginRemoveRows(QModelIndex(), 0, int(excess) - 1);
        m_events.remove(0, excess);
        endRemoveRows();
        m_dropped += excess;
    }
    const int first = int(m_events.size());
    beginInsertRows(QModelIndex(), first, first + int(m_pending.size()) - 1);
    m_events.append(m_pending);
    endInsertRows();
    m_pending.clear();
    Q_EMIT countsChanged();
}

void EventLogModel::clear()
{
    m_flushTimer.stop();
    m_pending.clear();
    beginResetModel();
    m_events.clear();
    endResetModel();
    m_counts = {};
    m_dropped = 0;
    Q_EMIT countsChanged();
}

int EventLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EngineEvent& e = m_events[index.row()];
    const auto column = Column(index.column());
    if (role == SeverityRole)
        return int(e.severity);
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (column) {
        case Time:
            return QDateTime::fromMSecsSinceEpoch(e.timeMs).toLocalTime().toString(
                role == Qt::ToolTipRole ? QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz") : QStringLiteral("HH:mm:ss.zzz"));
        case RunTime:
            return QString(QString::number(e.elapsedSeconds, 'f', 1) + QStringLiteral(" s"));
        case Severity:
            return severityName(e.severity);
        case Kind:
            return engine::eventKindName(e.kind);
        case Worker:
            return e.worker >= 0 ? QString::number(e.worker) : QString();
        case Message:
            return e.text;
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == Qt::DecorationRole && column == Severity)
        return severityIcon(e.severity);
    if (role == Qt::ForegroundRole && e.severity == EventSeverity::Error && column == Message)
        return QColor(0xd9, 0x53, 0x4f);
    if (role == Qt::TextAlignmentRole)
        return column == RunTime || column == Worker ? int(Qt::AlignRight | Qt::AlignVCenter)
                                                     : int(Qt::AlignLeft | Qt::AlignVCenter);
    return {};
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        static const char* const titles[] = { QT_TR_NOOP("Time"), QT_TR_NOOP("Run time"), QT_TR_NOOP("Severity"),
                                              QT_TR_NOOP("Kind"), QT_TR_NOOP("Worker"),   QT_TR_NOOP("Message") };
        return tr(titles[section]);
    }
    if (role == Qt::TextAlignmentRole)
        return section == RunTime || section == Worker ? int(Qt::AlignRight | Qt::AlignVCenter)
                                                       : int(Qt::AlignLeft | Qt::AlignVCenter);
    return {};
}

} // namespace bidlab::ui
