// SPDX-License-Identifier: MIT
#pragma once

#include "core/report/report.h"

#include <QAbstractTableModel>

namespace bidlab::ui {

// One report table as an item model: cells as a person reads them (report::formatCell), numbers aligned
// right, and the typed value under SortRole so that a QSortFilterProxyModel sorts numbers as numbers and
// empty values first.
class ReportTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int SortRole = Qt::UserRole + 1;

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
