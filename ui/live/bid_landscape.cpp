// SPDX-License-Identifier: MIT
#include "ui/live/bid_landscape.h"

#include "core/common/money.h"
#include "ui/live/campaign_figures.h"

namespace bidlab::ui {

QList<LandscapePoint> campaignLandscape(const QList<engine::CampaignRow>& campaigns, qint64 minBids)
{
    QList<LandscapePoint> points;
    for (const engine::CampaignRow& c : campaigns) {
        if (c.bids < std::max<qint64>(minBids, 1) || c.wins <= 0)
            continue;
        points.append(
            { c.id, c.name, toUnits(c.spend) * 1000.0 / double(c.wins), double(c.wins) / double(c.bids), c.bids });
    }
    return points;
}

} // namespace bidlab::ui
