// SPDX-License-Identifier: MIT
#include "ui/replay/report_table_model.h"

namespace bidlab::ui {

ReportTableModel::ReportTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void ReportTableModel::setTable(report::Table table)
{
    beginResetModel();
    m_table = std::move(table);
    endResetModel();
}

void ReportTableModel::appendRow(const report::Row& row)
{
    const int at = rowCount();
    beginInsertRows({}, at, at);
    m_table.rows.append(row);
    endInsertRows();
}

void ReportTableModel::clear()
{
    beginResetModel();
    m_table.rows.clear();
    endResetModel();
}

int ReportTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_table.rows.size());
}

int ReportTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_table.columns.size());
}

QVariant ReportTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const report::Row& row = m_table.rows[index.row()];
    const QVariant value = index.column() < row.size() ? row[index.column()] : QVariant();
    const report::Column& column = m_table.columns[index.column()];
    switch (role) {
    case Qt::DisplayRole:
        return report::formatCell(value, column);
    case Qt::UserRole:
        return value;
    case Qt::TextAlignmentRole:
        return column.kind == report::ColumnKind::Text ? QVariant(int(Qt::AlignLeft | Qt::AlignVCenter))
                                                       : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    default:
        return {};
    }
}

QVariant ReportTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    if (section < 0 || section >= m_table.columns.size())
        return {};
    return m_table.columns[section].name;
}

} // namespace bidlab::ui
