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

QVariant RunListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RunInfo& r = m_rows[index.row()];
    const auto column = Column(index.column());
    const std::optional<double> roas = ratio(toUnits(r.revenue), toUnits(r.spend));
    if (role == IdRole)
        return r.id;
    if (role == SortRole) {
        switch (column) {
        case Id:
            return r.id;
        case Name:
            return r.name;
        case Started:
            return r.startedAtMs;
        case Seconds:
            return r.seconds;
        case Strategy:
            return r.strategy;
        case Workers:
            return r.workers;
        case Requests:
            return r.generated;
        case Spend:
            return qint64(r.spend);
        case Revenue:
            return qint64(r.revenue);
        case Roas:
            return cellOf(roas);
        case End:
            return r.endState;
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (column) {
        case Id:
            return r.id;
        case Name:
            return r.name;
        case Started:
            return QDateTime::fromMSecsSinceEpoch(r.startedAtMs)
                .toLocalTime()
                .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        case Seconds:
            return QString(QString::number(r.seconds, 'f', 1) + QStringLiteral(" s"));
        case Strategy:
            return r.strategy;
        case Workers:
            return r.workers;
        case Requests:
            return groupedCount(r.generated);
        case Spend:
            return formatMoney(r.spend);
        case Revenue:
            return formatMoney(r.revenue);
        case Roas:
            return decimalText(roas);
        case End:
            return r.endState;
        case ColumnCount:
            break;
        }
        return {};
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
