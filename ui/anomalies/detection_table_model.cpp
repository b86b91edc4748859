// SPDX-License-Identifier: MIT
#include "ui/anomalies/detection_table_model.h"

namespace bidlab::ui {

DetectionTableModel::DetectionTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void DetectionTableModel::setResult(std::shared_ptr<const anomaly::DetectionResult> result, double threshold)
{
    beginResetModel();
    m_result = std::move(result);
    m_threshold = threshold;
    collect();
    endResetModel();
}

void DetectionTableModel::setThreshold(double threshold)
{
    beginResetModel();
    m_threshold = threshold;
    collect();
    endResetModel();
}

void DetectionTableModel::collect()
{
    m_rows.clear();
    if (!m_result)
        return;
    for (std::size_t i = 0; i < m_result->scores.size(); ++i) {
        if (m_result->scores[i] >= m_threshold)
            m_rows.push_back(static_cast<qsizetype>(i));
    }
}

qsizetype DetectionTableModel::seriesRow(int tableRow) const
{
    return tableRow >= 0 && static_cast<std::size_t>(tableRow) < m_rows.size()
        ? m_rows[static_cast<std::size_t>(tableRow)]
        : -1;
}

int DetectionTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int DetectionTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DetectionTableModel::data(const QModelIndex& index, int role) const
{
    const qsizetype row = seriesRow(index.row());
    if (!m_result || row < 0 || !index.isValid())
        return {};
    const auto i = static_cast<std::size_t>(row);
    if (role == Qt::TextAlignmentRole)
        return index.column() == TimeColumn ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case RowColumn:
        return QVariant::fromValue<qint64>(row + 1);
    case TimeColumn:
        return m_result->series.timestampTexts.at(row);
    case ValueColumn:
        return QString::number(m_result->series.values[i], 'g', 8);
    case ScoreColumn:
        return QString::number(m_result->scores[i], 'f', 3);
    default:
        return {};
    }
}

QVariant DetectionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RowColumn:
        return tr("Row");
    case TimeColumn:
        return tr("Time");
    case ValueColumn:
        return tr("Value");
    case ScoreColumn:
        return tr("Score");
    default:
        return {};
    }
}

} // namespace bidlab::ui
