// SPDX-License-Identifier: MIT
#pragma once

#include "core/replay/replay_strategy.h"

namespace bidlab::replay {

// Mcpc: bid the expected value of the impression at the training cost per click, pCTR × CPC, rounded down
// (REPLAY.md §6). No tuning.
class McpcStrategy final : public ReplayStrategy
{
public:
    McpcStrategy(double costPerClick, int maxBid);
    int bid(const BidState& state) const override;
    QString name() const override;

private:
    double m_costPerClick;
    int m_maxBid;
};

} // namespace bidlab::replay
