// SPDX-License-Identifier: MIT
#include "ui/live/campaign_table_model.h"

#include "core/common/money.h"
#include "ui/live/campaign_figures.h"
#include "ui/live/optional_cell.h"
#include "ui/widgets/number_text.h"

#include <QColor>

namespace bidlab::ui {

using engine::CampaignRow;

namespace {

constexpr qint64 kDayMs = 24 * 3600 * 1000;

} // namespace

CampaignTableModel::CampaignTableModel(QObject* parent)
    : KeyedRowsModel(parent)
{ }

void CampaignTableModel::setCampaigns(const QList<CampaignRow>& campaigns, qint64 simTimeMs)
{
    m_simTimeMs = simTimeMs;
    replaceRows(campaigns);
}

double CampaignTableModel::dayFraction(qint64 simTimeMs)
{
    const qint64 intoDay = ((simTimeMs % kDayMs) + kDayMs) % kDayMs;
    return double(intoDay) / double(kDayMs);
}

std::optional<double> CampaignTableModel::paceIndex(const CampaignRow& row, qint64 simTimeMs)
{
    const std::optional<double> used = campaign::budgetUsed(row);
    const double day = dayFraction(simTimeMs);
    if (!used || day <= 0)
        return std::nullopt;
    return *used / day;
}

int CampaignTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CampaignTableModel::sortValue(const CampaignRow& c, Column column) const
{
    switch (column) {
    case Name:
        return c.name;
    case DailyBudget:
        return qint64(c.dailyBudget);
    case SpentToday:
        return qint64(c.spentToday);
    case BudgetUsed:
        return cellOf(campaign::budgetUsed(c));
    case Pacing:
        return cellOf(paceIndex(c, m_simTimeMs));
    case WinRate:
        return cellOf(campaign::winRate(c));
    case Ecpc:
        return cellOf(campaign::ecpc(c));
    case Roas:
        return cellOf(campaign::roas(c));
    case Spend:
        return qint64(c.spend);
    case Revenue:
        return qint64(c.revenue);
    case Bids:
        return c.bids;
    case Wins:
        return c.wins;
    case Clicks:
        return c.clicks;
    case Conversions:
        return c.conversions;
    case Shading:
        return c.shading;
    case Status:
        return c.exhausted ? 2 : c.pacedOut ? 1 : 0;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant CampaignTableModel::displayValue(const CampaignRow& c, Column column) const
{
    switch (column) {
    case Name:
        return c.name;
    case DailyBudget:
        return formatMoney(c.dailyBudget);
    case SpentToday:
        return formatMoney(c.spentToday);
    case BudgetUsed:
        return percentText(campaign::budgetUsed(c), 1);
    case Pacing: {
        const std::optional<double> pace = paceIndex(c, m_simTimeMs);
        return pace ? QString::number(*pace, 'f', 2) + QStringLiteral("×") : emptyValueText();
    }
    case WinRate:
        return percentText(campaign::winRate(c), 1);
    case Ecpc:
        return decimalText(campaign::ecpc(c), 3);
    case Roas:
        return decimalText(campaign::roas(c), 2);
    case Spend:
        return formatMoney(c.spend);
    case Revenue:
        return formatMoney(c.revenue);
    case Bids:
        return groupedCount(c.bids);
    case Wins:
        return groupedCount(c.wins);
    case Clicks:
        return groupedCount(c.clicks);
    case Conversions:
        return groupedCount(c.conversions);
    case Shading:
        return QString::number(c.shading, 'f', 3);
    case Status:
        return c.exhausted ? tr("budget exhausted") : c.pacedOut ? tr("paced out") : tr("active");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant CampaignTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CampaignRow& c = m_rows[index.row()];
    const auto column = Column(index.column());
    switch (role) {
    case SortRole:
        return sortValue(c, column);
    case Qt::DisplayRole:
        return displayValue(c, column);
    case Qt::TextAlignmentRole:
        return column == Name || column == Status ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                                  : int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (column == Status && c.exhausted)
            return QColor(0xd9, 0x53, 0x4f);
        if (column == Status && c.pacedOut)
            return QColor(0xd0, 0x8a, 0x1e);
        return {};
    case Qt::ToolTipRole:
        if (column == Pacing) {
            return tr("%1 of today's budget spent with %2 of the day gone (1.00× is an even pace).")
                .arg(percentText(campaign::budgetUsed(c), 1), percentText(dayFraction(m_simTimeMs), 1));
        }
        if (column == Name)
            return tr("Campaign %1").arg(c.id);
        return {};
    default:
        return {};
    }
}

QVariant CampaignTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        static const char* const titles[] = {
            QT_TR_NOOP("Campaign"), QT_TR_NOOP("Budget/day"), QT_TR_NOOP("Spent today"), QT_TR_NOOP("Budget used"),
            QT_TR_NOOP("Pacing"),   QT_TR_NOOP("Win rate"),   QT_TR_NOOP("eCPC"),        QT_TR_NOOP("ROAS"),
            QT_TR_NOOP("Spend"),    QT_TR_NOOP("Revenue"),    QT_TR_NOOP("Bids"),        QT_TR_NOOP("Wins"),
            QT_TR_NOOP("Clicks"),   QT_TR_NOOP("Conv."),      QT_TR_NOOP("Shading"),     QT_TR_NOOP("Status"),
        };
        return tr(titles[section]);
    }
    if (role == Qt::ToolTipRole) {
        static const char* const tips[] = {
            QT_TR_NOOP("The campaign's name."),
            QT_TR_NOOP("Daily budget (currency units)."),
            QT_TR_NOOP("Spent today, by the world clock."),
            QT_TR_NOOP("Share of today's budget spent."),
            QT_TR_NOOP("Budget used over the share of the day gone: 1.00× is an even pace, above is ahead."),
            QT_TR_NOOP("Wins / bids since the start."),
            QT_TR_NOOP("Effective cost per click: spend / clicks."),
            QT_TR_NOOP("Return on ad spend: revenue / spend."),
            QT_TR_NOOP("Spend since the start of the run."),
            QT_TR_NOOP("Revenue of attributed conversions since the start."),
            QT_TR_NOOP("Bids made for this campaign."),
            QT_TR_NOOP("Auctions won."),
            QT_TR_NOOP("Valid clicks."),
            QT_TR_NOOP("Attributed conversions."),
            QT_TR_NOOP("First-price bid shading factor in use (1 = none)."),
            QT_TR_NOOP("Active, paced out (ahead of its even schedule) or budget exhausted."),
        };
        return tr(tips[section]);
    }
    if (role == Qt::TextAlignmentRole)
        return section == Name || section == Status ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                                    : int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace bidlab::ui
