// SPDX-License-Identifier: MIT
#include "ui/live/worker_table_model.h"

#include "ui/widgets/number_text.h"

#include <QColor>

namespace bidlab::ui {

using engine::WorkerRow;
using engine::WorkerState;

WorkerTableModel::WorkerTableModel(QObject* parent)
    : KeyedRowsModel(parent)
{ }

void WorkerTableModel::setWorkers(const QList<WorkerRow>& workers)
{
    replaceRows(workers);
}

int WorkerTableModel::workerId(int row) const
{
    return row >= 0 && row < rowCount() ? m_rows[row].id : -1;
}

int WorkerTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WorkerTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const WorkerRow& w = m_rows[index.row()];
    const auto column = Column(index.column());
    if (role == SortRole) {
        switch (column) {
        case Id:
            return w.id;
        case Pid:
            return w.pid;
        case State:
            return int(w.state);
        case RequestsPerSecond:
            return w.requestsPerSecond;
        case MeanLatency:
            return w.meanLatencyNs;
        case P99Latency:
            return w.p99LatencyNs;
        case InFlight:
            return w.inFlight;
        case Answered:
            return w.answered;
        case Restarts:
            return w.restarts;
        case Model:
            return qulonglong(w.modelFingerprint);
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (column) {
        case Id:
            return w.id;
        case Pid:
            return w.pid > 0 ? QString::number(w.pid) : emptyValueText();
        case State:
            return engine::workerStateName(w.state);
        case RequestsPerSecond:
            return compactNumber(w.requestsPerSecond);
        case MeanLatency:
            return w.meanLatencyNs > 0 ? durationText(w.meanLatencyNs) : emptyValueText();
        case P99Latency:
            return w.p99LatencyNs > 0 ? durationText(w.p99LatencyNs) : emptyValueText();
        case InFlight:
            return groupedCount(w.inFlight);
        case Answered:
            return groupedCount(w.answered);
        case Restarts:
            return w.restarts;
        case Model: // the first 8 hex digits tell models apart at a glance
            return w.modelFingerprint != 0
                ? QString::number(w.modelFingerprint, 16).rightJustified(16, QLatin1Char('0')).left(8)
                : emptyValueText();
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole)
        return column == State ? int(Qt::AlignLeft | Qt::AlignVCenter) : int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && column == State) {
        switch (w.state) {
        case WorkerState::Failed:
            return QColor(0xd9, 0x53, 0x4f);
        case WorkerState::Restarting:
        case WorkerState::Starting:
            return QColor(0xd0, 0x8a, 0x1e);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && column == Restarts && w.restarts > 0)
        return tr("Restarted %n time(s) after a crash.", nullptr, w.restarts);
    return {};
}

QVariant WorkerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        static const char* const titles[]
            = { QT_TR_NOOP("Worker"),    QT_TR_NOOP("PID"),      QT_TR_NOOP("State"),     QT_TR_NOOP("Req/s"),
                QT_TR_NOOP("Mean lat."), QT_TR_NOOP("p99 lat."), QT_TR_NOOP("In flight"), QT_TR_NOOP("Answered"),
                QT_TR_NOOP("Restarts"),  QT_TR_NOOP("Model") };
        return tr(titles[section]);
    }
    if (role == Qt::ToolTipRole) {
        static const char* const tips[] = {
            QT_TR_NOOP("The worker's slot (0-based)."),
            QT_TR_NOOP("Process id of the bidlab-worker process."),
            QT_TR_NOOP("Starting, running, draining, restarting, stopped or failed."),
            QT_TR_NOOP("Requests it answered per second during the last tick."),
            QT_TR_NOOP("Mean end-to-end latency (request created → response read) during the last tick."),
            QT_TR_NOOP("99th percentile of the end-to-end latency during the last tick."),
            QT_TR_NOOP("Requests in its ring now."),
            QT_TR_NOOP("Requests it answered since the run started."),
            QT_TR_NOOP("Times the engine restarted it after a crash."),
            QT_TR_NOOP("Fingerprint of the CTR model it bids with; it changes when a model is deployed."),
        };
        return tr(tips[section]);
    }
    if (role == Qt::TextAlignmentRole)
        return section == State ? int(Qt::AlignLeft | Qt::AlignVCenter) : int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace bidlab::ui
