// SPDX-License-Identifier: MIT
#include "ui/abtests/ab_results_model.h"

#include "core/stats/ab_report.h"

#include <cmath>
#include <limits>

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>

namespace bidlab::ui {

namespace {

const QString kEmpty = QStringLiteral("\u2014");

// Empty values sort after every number, whichever the direction, is not possible with one key; they sort
// as +infinity, which puts them last in ascending order (the order one reads p-values in).
QVariant number(std::optional<double> value)
{
    return value && std::isfinite(*value) ? *value : std::numeric_limits<double>::infinity();
}

} // namespace

AbResultsModel::AbResultsModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void AbResultsModel::setAnalysis(std::shared_ptr<const stats::Analysis> analysis)
{
    beginResetModel();
    m_analysis = std::move(analysis);
    endResetModel();
}

const stats::Comparison* AbResultsModel::comparison(int row) const
{
    if (!m_analysis || row < 0 || row >= int(m_analysis->comparisons.size()))
        return nullptr;
    return &m_analysis->comparisons[std::size_t(row)];
}

int AbResultsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_analysis ? 0 : int(m_analysis->comparisons.size());
}

int AbResultsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AbResultsModel::percentText(std::optional<double> fraction, int decimals)
{
    if (!fraction || !std::isfinite(*fraction))
        return kEmpty;
    return QString::number(*fraction * 100, 'f', decimals) + QStringLiteral(" %");
}

QString AbResultsModel::valueText(stats::Metric metric, std::optional<double> value)
{
    if (metric == stats::Metric::Ctr || metric == stats::Metric::Cvr)
        return percentText(value, 3);
    return value && std::isfinite(*value) ? QString::number(*value, 'f', 4) : kEmpty;
}

QVariant AbResultsModel::display(const stats::Comparison& c, int column) const
{
    const stats::Metric metric = m_analysis->options.metric;
    switch (column) {
    case Experiment:
        return c.experimentName;
    case Arms:
        return c.treatment.name.isEmpty() ? c.control.name : c.control.name + QStringLiteral(" → ") + c.treatment.name;
    case Control:
        return valueText(metric, c.control.value);
    case Treatment:
        return valueText(metric, c.treatment.value);
    case Lift:
        return c.lift ? (*c.lift > 0 ? QStringLiteral("+") : QString()) + percentText(c.lift) : kEmpty;
    case LiftInterval:
        return c.liftInterval
            ? QStringLiteral("[%1, %2]").arg(percentText(c.liftInterval->low), percentText(c.liftInterval->high))
            : kEmpty;
    case PValue:
        return stats::formatPValue(c.pValue);
    case AdjustedPValue:
        return stats::formatPValue(c.adjustedPValue);
    case Decision:
        return c.error.isEmpty() ? stats::decisionLabel(c.decision) : c.error;
    case Warnings:
        return c.warnings.isEmpty() ? QString() : c.warnings.front();
    }
    return {};
}

QVariant AbResultsModel::sortValue(const stats::Comparison& c, int column) const
{
    switch (column) {
    case Control:
        return number(c.control.value);
    case Treatment:
        return number(c.treatment.value);
    case Lift:
        return number(c.lift);
    case LiftInterval:
        return number(c.liftInterval ? std::optional<double>(c.liftInterval->low) : std::nullopt);
    case PValue:
        return number(c.pValue);
    case AdjustedPValue:
        return number(c.adjustedPValue);
    case Decision:
        return int(c.decision);
    case Warnings:
        return int(c.warnings.size());
    default:
        return display(c, column);
    }
}

QVariant AbResultsModel::data(const QModelIndex& index, int role) const
{
    const stats::Comparison* c = index.isValid() ? comparison(index.row()) : nullptr;
    if (!c || index.column() >= ColumnCount)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return display(*c, index.column());
    case SortRole:
        return sortValue(*c, index.column());
    case ComparisonRole:
        return index.row();
    case Qt::ToolTipRole:
        if (index.column() == Warnings || index.column() == Decision)
            return (c->error.isEmpty() ? QStringList() : QStringList { c->error }) + c->warnings;
        return {};
    case Qt::TextAlignmentRole:
        return index.column() >= Control && index.column() <= AdjustedPValue
            ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
            : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (index.column() == Decision || index.column() == Lift) {
            if (c->decision == stats::Decision::Better)
                return QBrush(QColor(0x2e, 0x7d, 0x32));
            if (c->decision == stats::Decision::Worse)
                return QBrush(QColor(0xc6, 0x28, 0x28));
        }
        if (index.column() == Warnings)
            return QBrush(QColor(0xb2, 0x6a, 0x00));
        return {};
    case Qt::FontRole:
        if (index.column() == Decision
            && (c->decision == stats::Decision::Better || c->decision == stats::Decision::Worse)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    default:
        return {};
    }
}

QVariant AbResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    const int confidence = m_analysis ? int(std::lround((1 - m_analysis->options.alpha) * 100)) : 95;
    const QString metric = m_analysis ? stats::metricLabel(m_analysis->options.metric) : QString();
    switch (section) {
    case Experiment:
        return tr("Experiment");
    case Arms:
        return tr("Control → treatment");
    case Control:
        return tr("Control %1").arg(metric).trimmed();
    case Treatment:
        return tr("Treatment %1").arg(metric).trimmed();
    case Lift:
        return tr("Lift");
    case LiftInterval:
        return tr("%1 % interval").arg(confidence);
    case PValue:
        return tr("p");
    case AdjustedPValue:
        return m_analysis ? tr("p (%1)").arg(stats::correctionKey(m_analysis->options.correction)) : tr("Adjusted p");
    case Decision:
        return tr("Decision");
    case Warnings:
        return tr("Warnings");
    }
    return {};
}

} // namespace bidlab::ui
