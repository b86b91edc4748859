// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/engine_snapshot.h"
#include "ui/live/keyed_rows_model.h"

namespace bidlab::ui {

// The engine's bidder worker processes, one row per slot: id, pid, state, requests/s, mean and p99
// latency, requests in flight, answered, restarts. Fed with each snapshot's worker rows.
class WorkerTableModel : public KeyedRowsModel<engine::WorkerRow>
{
    Q_OBJECT
public:
    enum Column {
        Id,
        Pid,
        State,
        RequestsPerSecond,
        MeanLatency,
        P99Latency,
        InFlight,
        Answered,
        Restarts,
        Model, // fingerprint of the CTR model it bids with
        ColumnCount
    };
    // Raw values (numbers, not text) for sorting and tests.
    static constexpr int SortRole = Qt::UserRole;

    explicit WorkerTableModel(QObject* parent = nullptr);

    void setWorkers(const QList<engine::WorkerRow>& workers);
    void clear() { clearRows(); }
    // The slot shown in `row`, or -1.
    int workerId(int row) const;
    int rowOfWorker(int id) const { return rowOfKey(id); }

    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    qint64 keyOf(const engine::WorkerRow& row) const override { return row.id; }
};

} // namespace bidlab::ui
