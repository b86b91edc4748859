// SPDX-License-Identifier: MIT
#pragma once

#include "core/store/run_store.h"
#include "ui/live/keyed_rows_model.h"

namespace bidlab::ui {

// The run history list: one row per stored run (id, name, start, length, strategy, workers, requests, spend,
// revenue, ROAS, how it ended). Sort through a proxy on SortRole.
class RunListModel : public KeyedRowsModel<store::RunInfo>
{
    Q_OBJECT
public:
    enum Column { Id, Name, Started, Seconds, Strategy, Workers, Requests, Spend, Revenue, Roas, End, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;
    static constexpr int IdRole = Qt::UserRole + 1;

    explicit RunListModel(QObject* parent = nullptr);

    void setRuns(const QList<store::RunInfo>& runs);
    int rowOfRun(qint64 id) const { return rowOfKey(id); }

    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    qint64 keyOf(const store::RunInfo& row) const override { return row.id; }
};

} // namespace bidlab::ui
