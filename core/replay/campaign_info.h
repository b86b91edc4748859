// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"

#include <cstdint>
#include <optional>
#include <vector>

#include <QByteArray>
#include <QString>

namespace bidlab::replay {

// A campaign's training statistics from its info.json (iPinYou, REPLAY.md §1.2): what the strategies know
// before the replay starts. Prices are in the log's integer CPM unit.
struct CampaignInfo
{
    QString campaign; // the campaign's name: the folder holding info.json, e.g. "1458"
    std::int64_t impressionsTrain = 0;
    std::int64_t clicksTrain = 0;
    std::int64_t costTrain = 0; // Σ paying price over the training impressions
    std::int64_t impressionsTest = 0;
    std::int64_t clicksTest = 0;
    std::int64_t costTest = 0;
    std::vector<std::int64_t> priceCounts; // training impressions at price 0, 1, ..., maxPrice()

    int maxPrice() const { return static_cast<int>(priceCounts.size()) - 1; }
    // Average paying price per training auction (cost_train / imp_train).
    double costPerAuction() const;
    // Average CTR of the training impressions, theta_avg (clk_train / imp_train).
    double averageCtr() const;
    // Training cost per click (cost_train / clk_train); empty without clicks.
    std::optional<double> costPerClick() const;
};

// Reads and checks info.json: imp_train, clk_train, cost_train and price_counter_train are required
// (whole numbers, not negative, the counts adding up to imp_train), the *_test keys optional.
Expected<CampaignInfo> readCampaignInfo(const QString& path);
Expected<CampaignInfo> parseCampaignInfo(const QByteArray& json, const QString& campaign, const QString& source);

} // namespace bidlab::replay
