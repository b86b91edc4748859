// SPDX-License-Identifier: MIT
#include "ui/history/run_list_model.h"

#include "core/common/money.h"
#include "ui/live/optional_cell.h"
#include "ui/widgets/number_text.h"

#include <QDateTime>

namespace bidlab::ui {

using store::RunInfo;

RunListModel::RunListModel(QObject* parent)
    : KeyedRowsModel(parent)
{ }

void RunListModel::setRuns(const QList<RunInfo>& runs)
{
    replaceRows(runs);
}

int RunListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

// The value a column sorts by; also its text where no formatting is needed.
QVariant sortValue(const RunInfo& r, RunListModel::Column column, const std::optional<double>& roas)
{
    switch (column) {
    case RunListModel::Id:
        return r.id;
    case RunListModel::Name:
        return r.name;
    case RunListModel::Started:
        return r.startedAtMs;
    case RunListModel::Seconds:
        return r.seconds;
    case RunListModel::Strategy:
        return r.strategy;
    case RunListModel::Workers:
        return r.workers;
    case RunListModel::Requests:
        return r.generated;
    case RunListModel::Spend:
        return qint64(r.spend);
    case RunListModel::Revenue:
        return qint64(r.revenue);
    case RunListModel::Roas:
        return cellOf(roas);
    case RunListModel::End:
        return r.endState;
    case RunListModel::ColumnCount:
        break;
    }
    return {};
}

} // namespace

QVariant RunListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RunInfo& r = m_rows[index.row()];
    const auto column = Column(index.column());
    const std::optional<double> roas = ratio(toUnits(r.revenue), toUnits(r.spend));
    if (role == IdRole)
        return r.id;
    if (role == SortRole)
        return sortValue(r, column, roas);
    if (role == Qt::DisplayRole) {
        switch (column) {
        case Started:
            return QDateTime::fromMSecsSinceEpoch(r.startedAtMs)
                .toLocalTime()
                .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        case Seconds:
            return QString(QString::number(r.seconds, 'f', 1) + QStringLiteral(" s"));
        case Requests:
            return groupedCount(r.generated);
        case Spend:
            return formatMoney(r.spend);
        case Revenue:
            return formatMoney(r.revenue);
        case Roas:
            return decimalText(roas);
        default:
            return sortValue(r, column, roas);
        }
    }
    if (role == Qt::TextAlignmentRole) {
        const bool text = column == Name || column == Strategy || column == End || column == Started;
        return text ? int(Qt::AlignLeft | Qt::AlignVCenter) : int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount || role != Qt::DisplayRole)
        return {};
    static const char* const titles[]
        = { QT_TR_NOOP("Run"),      QT_TR_NOOP("Name"),    QT_TR_NOOP("Started"),  QT_TR_NOOP("Length"),
            QT_TR_NOOP("Strategy"), QT_TR_NOOP("Workers"), QT_TR_NOOP("Requests"), QT_TR_NOOP("Spend"),
            QT_TR_NOOP("Revenue"),  QT_TR_NOOP("ROAS"),    QT_TR_NOOP("End") };
    return tr(titles[section]);
}

} // namespace bidlab::ui
