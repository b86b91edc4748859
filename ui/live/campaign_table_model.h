// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/engine_snapshot.h"
#include "ui/live/keyed_rows_model.h"

#include <optional>

namespace bidlab::ui {

// The per-campaign view: spend against the daily budget and the pace of an even schedule, win rate, eCPC,
// ROAS, and the counts behind them; one row per campaign, fed with each snapshot. Sort through a proxy on
// SortRole (raw numbers; empty ratios sort first).
class CampaignTableModel : public KeyedRowsModel<engine::CampaignRow>
{
    Q_OBJECT
public:
    enum Column {
        Name,
        DailyBudget,
        SpentToday,
        BudgetUsed,
        Pacing,
        WinRate,
        Ecpc,
        Roas,
        Spend,
        Revenue,
        Bids,
        Wins,
        Clicks,
        Conversions,
        Shading,
        Status,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole;

    explicit CampaignTableModel(QObject* parent = nullptr);

    // `simTimeMs`: the world clock, which says how much of the campaign day has gone (for the pacing).
    void setCampaigns(const QList<engine::CampaignRow>& campaigns, qint64 simTimeMs);
    void clear() { clearRows(); }

    // Today's spend over the spend an even schedule would have reached by now (1 = on schedule,
    // above 1 = ahead); empty without a budget or at midnight.
    static std::optional<double> paceIndex(const engine::CampaignRow& row, qint64 simTimeMs);
    // Share of the world's day gone at simTimeMs (UTC).
    static double dayFraction(qint64 simTimeMs);

    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    qint64 keyOf(const engine::CampaignRow& row) const override { return row.id; }

private:
    QVariant sortValue(const engine::CampaignRow& c, Column column) const;
    QVariant displayValue(const engine::CampaignRow& c, Column column) const;

    qint64 m_simTimeMs = 0;
};

} // namespace bidlab::ui
