// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/traffic_source.h"
#include "core/replay/auction_log.h"

#include <QtGlobal>

namespace bidlab::engine {

struct TrafficConfig;

// A replayed auction log as the engine's traffic (issue 9), traffic kind "ipinyou": request id i is the
// log's auction i. It carries the logged pCTR as the bidders' prediction (kFlagHasPctrHint) and no floor
// (iPinYou logs hold none); the market price is the logged paying price, the outcome the logged click.
// Prices are the log's CPM unit in micros (replay::kPriceUnitMicros). Each episode of `episodeLength`
// auctions is one day of the world clock, so the exchange's daily budget is the episode's budget and
// unspent budget does not carry over (REPLAY.md §3). Finite: length() is the log's size.
class ReplayTraffic final : public TrafficSource
{
public:
    ReplayTraffic(std::vector<replay::LoggedAuction> auctions, int episodeLength, qint64 simStartMs);

    // Reads config.path (an iPinYou log); options: "episode" (auctions per episode, default 1000) and
    // "limit" (replay only the first auctions). Errors name the field or the file and line.
    static Expected<std::unique_ptr<ReplayTraffic>> load(const TrafficConfig& config, qint64 simStartMs);

    std::size_t generate(std::uint64_t firstId, std::span<bidding::BidRequest> out) const override;
    std::uint64_t length() const override { return m_auctions.size(); }
    Micros marketPrice(const bidding::BidRequest& request) const override;
    ImpressionOutcome impressionOutcome(const bidding::BidRequest& request, int campaign) const override;
    const std::vector<std::string>& userAgents() const override { return m_userAgents; }

    int episodeLength() const { return m_episodeLength; }
    // World time of auction `id`: its episode's day, spread evenly over the day.
    qint64 simTimeOf(std::uint64_t id) const;

private:
    const replay::LoggedAuction* auctionOf(const bidding::BidRequest& request) const;

    std::vector<replay::LoggedAuction> m_auctions;
    int m_episodeLength;
    qint64 m_simStartMs;
    std::vector<std::string> m_userAgents;
};

} // namespace bidlab::engine
