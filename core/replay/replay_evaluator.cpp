// SPDX-License-Identifier: MIT
#include "core/replay/replay_evaluator.h"

#include "core/jobs/parallel_for.h"

#include <algorithm>

namespace bidlab::replay {

namespace {

constexpr qsizetype kEpisodesPerBatch = 64; // between two checks for cancel and progress

} // namespace

void ReplayCounts::add(const ReplayCounts& other)
{
    auctions += other.auctions;
    bids += other.bids;
    impressions += other.impressions;
    clicks += other.clicks;
    cost += other.cost;
}

std::optional<double> ReplayCounts::winRate() const
{
    if (auctions == 0)
        return std::nullopt;
    return static_cast<double>(impressions) / static_cast<double>(auctions);
}

std::optional<double> ReplayCounts::cpm() const
{
    if (impressions == 0)
        return std::nullopt;
    return static_cast<double>(cost) / static_cast<double>(impressions);
}

std::optional<double> ReplayCounts::ecpc() const
{
    if (clicks == 0)
        return std::nullopt;
    return static_cast<double>(cost) / 1000.0 / static_cast<double>(clicks);
}

ReplayCounts replayEpisode(std::span<const LoggedAuction> auctions, const ReplayStrategy& strategy,
                           const EpisodeRules& rules, std::int64_t firstIndex)
{
    ReplayCounts counts;
    BidState state;
    state.auctionsLeft = rules.length;
    state.budgetLeft = rules.budget;
    state.index = firstIndex;
    for (const LoggedAuction& auction : auctions) {
        state.pctr = auction.pctr;
        const std::int64_t cap = std::min<std::int64_t>(state.budgetLeft, rules.maxBid);
        const std::int64_t bid = std::clamp<std::int64_t>(strategy.bid(state), 0, cap);
        counts.bids += bid > 0;
        if (bid >= auction.price) {
            ++counts.impressions;
            counts.clicks += auction.click;
            counts.cost += auction.price;
            state.budgetLeft -= auction.price;
        }
        --state.auctionsLeft;
        ++state.index;
    }
    counts.auctions = static_cast<std::int64_t>(auctions.size());
    return counts;
}

std::optional<ReplayResult> replay(std::span<const LoggedAuction> auctions, const ReplayStrategy& strategy,
                                   const EpisodeRules& rules, QThreadPool* pool,
                                   const std::function<bool(double fraction)>& keepGoing)
{
    ReplayResult result;
    result.rules = rules;
    const std::size_t length = static_cast<std::size_t>(std::max(rules.length, 1));
    const qsizetype episodes = static_cast<qsizetype>((auctions.size() + length - 1) / length);
    result.episodes.resize(static_cast<std::size_t>(episodes));
    for (qsizetype first = 0; first < episodes; first += kEpisodesPerBatch) {
        if (keepGoing && !keepGoing(static_cast<double>(first) / static_cast<double>(episodes)))
            return std::nullopt;
        const qsizetype count = std::min(kEpisodesPerBatch, episodes - first);
        jobs::parallelFor(pool, count, [&](qsizetype i) {
            const std::size_t episode = static_cast<std::size_t>(first + i);
            const std::size_t begin = episode * length;
            const std::size_t size = std::min(length, auctions.size() - begin);
            result.episodes[episode]
                = replayEpisode(auctions.subspan(begin, size), strategy, rules, static_cast<std::int64_t>(begin));
        });
    }
    for (const ReplayCounts& episode : result.episodes)
        result.totals.add(episode);
    if (keepGoing && !keepGoing(1.0))
        return std::nullopt;
    return result;
}

} // namespace bidlab::replay
