// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/engine_snapshot.h"

#include <QList>
#include <QString>

// The bid landscape of a run: how often bids win against what winning costs. The engine publishes counters
// per campaign, not per bid price, so each point is a campaign: its win rate (wins / bids) against the
// average price it paid per won impression, as CPM. Campaigns differ in value and max bid, so together they
// trace the market's winning curve (in first-price auctions the price paid is the bid itself).
namespace bidlab::ui {

struct LandscapePoint
{
    int campaign = 0;
    QString name;
    double priceCpm = 0; // spend / wins × 1000, currency units
    double winRate = 0; // wins / bids, 0..1
    qint64 bids = 0;
};

// Campaigns with at least `minBids` bids and one win (fewer make a noisy point), in the order given.
QList<LandscapePoint> campaignLandscape(const QList<engine::CampaignRow>& campaigns, qint64 minBids = 20);

} // namespace bidlab::ui
