// SPDX-License-Identifier: MIT
#pragma once

#include "core/replay/replay_strategy.h"
#include "core/replay/value_table.h"

#include <memory>

namespace bidlab::replay {

// RLB (Cai et al., WSDM 2017): the value-table bid rule with the auction's own pCTR (REPLAY.md §6).
class RlbStrategy final : public ReplayStrategy
{
public:
    RlbStrategy(std::shared_ptr<const ValueTable> table, int maxBid);
    int bid(const BidState& state) const override;
    QString name() const override;

private:
    std::shared_ptr<const ValueTable> m_table;
    int m_maxBid;
};

// SS-MDP: the same table and rule, but every auction is taken at the average CTR: it ignores the pCTR.
class SsMdpStrategy final : public ReplayStrategy
{
public:
    SsMdpStrategy(std::shared_ptr<const ValueTable> table, double averageCtr, int maxBid);
    int bid(const BidState& state) const override;
    QString name() const override;

private:
    std::shared_ptr<const ValueTable> m_table;
    double m_averageCtr;
    int m_maxBid;
};

} // namespace bidlab::replay
