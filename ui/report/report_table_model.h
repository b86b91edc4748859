// SPDX-License-Identifier: MIT
#pragma once

#include "core/report/report.h"

#include <QAbstractTableModel>

namespace bidlab::ui {

// A read-only item model over a report table (the search leaderboard, a preview): cells shown as the
// report writers show them ("—" for empty values), numbers right-aligned, sortable through the raw values.
class ReportTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit ReportTableModel(QObject* parent = nullptr);

    void setTable(report::Table table);
    const report::Table& table() const { return m_table; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    report::Table m_table;
};

} // namespace bidlab::ui
