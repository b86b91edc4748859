// SPDX-License-Identifier: MIT
#include "ui/lab/figures_table_model.h"

namespace bidlab::ui {

FiguresTableModel::FiguresTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void FiguresTableModel::setTable(report::Table table)
{
    beginResetModel();
    m_table = std::move(table);
    endResetModel();
}

int FiguresTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_table.rows.size());
}

int FiguresTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_table.columns.size());
}

QVariant FiguresTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const report::Column& column = m_table.columns[index.column()];
    const report::Row& row = m_table.rows[index.row()];
    const QVariant value = index.column() < row.size() ? row[index.column()] : QVariant();
    switch (role) {
    case Qt::DisplayRole:
        return report::formatCell(value, column);
    case Qt::UserRole:
        return value;
    case Qt::TextAlignmentRole:
        return column.kind == report::ColumnKind::Text ? QVariant(int(Qt::AlignLeft | Qt::AlignVCenter))
                                                       : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::ToolTipRole:
        return column.kind == report::ColumnKind::Text ? value : QVariant();
    default:
        return {};
    }
}

QVariant FiguresTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal || section < 0 || section >= m_table.columns.size())
        return {};
    return m_table.columns[section].name;
}

} // namespace bidlab::ui
