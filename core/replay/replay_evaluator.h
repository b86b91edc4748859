// SPDX-License-Identifier: MIT
#pragma once

#include "core/replay/auction_log.h"
#include "core/replay/episode_rules.h"
#include "core/replay/replay_strategy.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

class QThreadPool;

namespace bidlab::replay {

// Counts of a replay or of one episode. cost is Σ paid prices in the log's CPM unit (iPinYou: fen per
// thousand impressions), as the paper reports it.
struct ReplayCounts
{
    std::int64_t auctions = 0;
    std::int64_t bids = 0; // auctions with a bid above 0
    std::int64_t impressions = 0; // auctions won
    std::int64_t clicks = 0;
    std::int64_t cost = 0;

    void add(const ReplayCounts& other);
    bool operator==(const ReplayCounts&) const = default;

    // impressions / auctions; empty without auctions.
    std::optional<double> winRate() const;
    // Average paid CPM, cost / impressions, in the price unit.
    std::optional<double> cpm() const;
    // Cost per click, cost / 1000 / clicks, in the price unit's currency fraction (iPinYou: fen).
    std::optional<double> ecpc() const;
};

struct ReplayResult
{
    EpisodeRules rules;
    ReplayCounts totals;
    std::vector<ReplayCounts> episodes; // in log order; the last may be partial
};

// Replays `auctions` under `strategy` with RLB's rules (REPLAY.md §3): cut into episodes of rules.length
// auctions, each starting with rules.budget; the bid is clamped into [0, min(budget left, maxBid)]; a bid
// >= the logged price wins (ties win, a price of 0 is won even by a bid of 0) and pays the logged price.
// Episodes are independent, so they are replayed in parallel on `pool` (nullptr: this thread); the result
// does not depend on the thread count. `keepGoing(fraction done)` is called on the calling thread between
// batches of episodes; returning false cancels (nullopt).
std::optional<ReplayResult> replay(std::span<const LoggedAuction> auctions, const ReplayStrategy& strategy,
                                   const EpisodeRules& rules, QThreadPool* pool = nullptr,
                                   const std::function<bool(double fraction)>& keepGoing = {});

// One episode, from its first auction (at `firstIndex` in the log), with the full budget.
ReplayCounts replayEpisode(std::span<const LoggedAuction> auctions, const ReplayStrategy& strategy,
                           const EpisodeRules& rules, std::int64_t firstIndex = 0);

} // namespace bidlab::replay
