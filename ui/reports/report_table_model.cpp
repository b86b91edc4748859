// SPDX-License-Identifier: MIT
#include "ui/reports/report_table_model.h"

#include <limits>

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

int ReportTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_table.rows.size());
}

int ReportTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_table.columns.size());
}

QVariant ReportTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const report::Column& column = m_table.columns[index.column()];
    const QVariant value = m_table.rows[index.row()].value(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return report::formatCell(value, column);
    case Qt::TextAlignmentRole:
        return column.kind == report::ColumnKind::Text ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                                       : int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        return value.isNull() && column.kind != report::ColumnKind::Text
            ? tr("Empty: the denominator is zero or the value is missing.")
            : QVariant();
    case SortRole:
        if (value.isNull()) // empty values sort before every number
            return column.kind == report::ColumnKind::Text || column.kind == report::ColumnKind::Date
                ? QVariant(QString())
                : QVariant(-std::numeric_limits<double>::infinity());
        if (column.kind == report::ColumnKind::Integer || column.kind == report::ColumnKind::Money
            || column.kind == report::ColumnKind::Decimal || column.kind == report::ColumnKind::Percent)
            return value.toDouble();
        return value;
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
    return section >= 0 && section < m_table.columns.size() ? QVariant(m_table.columns[section].name) : QVariant();
}

} // namespace bidlab::ui
