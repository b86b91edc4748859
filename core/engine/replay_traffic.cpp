// SPDX-License-Identifier: MIT
#include "core/engine/replay_traffic.h"

#include "core/engine/engine_config.h"
#include "core/replay/replay_input.h"

#include <QCoreApplication>
#include <QJsonValue>

namespace bidlab::engine {

namespace {

constexpr qint64 kDayMs = 86'400'000;

} // namespace

ReplayTraffic::ReplayTraffic(std::vector<replay::LoggedAuction> auctions, int episodeLength, qint64 simStartMs)
    : m_auctions(std::move(auctions))
    , m_episodeLength(std::clamp<int>(episodeLength, 1, static_cast<int>(kDayMs)))
    , m_simStartMs(simStartMs - simStartMs % kDayMs) // episodes start at midnight
    , m_userAgents { "Mozilla/5.0 (X11; Linux x86_64) BidLab-replay" }
{ }

Expected<std::unique_ptr<ReplayTraffic>> ReplayTraffic::load(const TrafficConfig& config, qint64 simStartMs)
{
    const auto tr = [](const char* text) { return QCoreApplication::translate("TrafficSource", text); };
    const QJsonValue episode = config.options.value(QStringLiteral("episode"));
    const QJsonValue limit = config.options.value(QStringLiteral("limit"));
    if (!episode.isUndefined() && !(episode.isDouble() && episode.toInteger(-1) >= 1 && episode.toInteger() <= kDayMs))
        return Error { tr("'traffic.options.episode' must be a whole number of auctions from 1 to 86,400,000.") };
    if (!limit.isUndefined() && !(limit.isDouble() && limit.toInteger(-1) >= 1))
        return Error { tr("'traffic.options.limit' must be a whole number of auctions, at least 1.") };
    if (config.path.isEmpty())
        return Error { tr("'traffic.path' must name the auction log to replay.") };
    auto log = replay::readAuctionLog(config.path, limit.isUndefined() ? -1 : limit.toInteger());
    if (!log)
        return Error { log.error() };
    return std::make_unique<ReplayTraffic>(std::move(log->auctions), static_cast<int>(episode.toInteger(1000)),
                                           simStartMs);
}

qint64 ReplayTraffic::simTimeOf(std::uint64_t id) const
{
    const auto length = static_cast<std::uint64_t>(m_episodeLength);
    const auto day = static_cast<qint64>(id / length);
    const auto position = static_cast<qint64>(id % length);
    return m_simStartMs + day * kDayMs + position * (kDayMs / m_episodeLength);
}

std::size_t ReplayTraffic::generate(std::uint64_t firstId, std::span<bidding::BidRequest> out) const
{
    std::size_t k = 0;
    for (; k < out.size() && firstId + k < m_auctions.size(); ++k) {
        const std::uint64_t id = firstId + k;
        bidding::BidRequest& r = out[k];
        r = {};
        r.id = id;
        r.simTimeMs = simTimeOf(id);
        r.floorCpm = 0;
        r.pCtrHint = m_auctions[id].pctr;
        r.flags = bidding::kFlagHasPctrHint;
        r.user = static_cast<std::uint32_t>(id);
        r.slotWidth = 300;
        r.slotHeight = 250;
        r.age = 30;
        r.gender = 2;
        r.device = bidding::kDesktop;
        const qint64 inDay = r.simTimeMs % kDayMs;
        r.hour = static_cast<std::uint8_t>(inDay / 3'600'000);
        r.dayOfWeek = static_cast<std::uint8_t>((r.simTimeMs / kDayMs + 3) % 7); // 1970-01-01 was a Thursday
        r.aboveFold = 1;
    }
    return k;
}

const replay::LoggedAuction* ReplayTraffic::auctionOf(const bidding::BidRequest& request) const
{
    return request.id < m_auctions.size() ? &m_auctions[request.id] : nullptr;
}

Micros ReplayTraffic::marketPrice(const bidding::BidRequest& request) const
{
    const replay::LoggedAuction* auction = auctionOf(request);
    return auction ? static_cast<Micros>(auction->price) * replay::kPriceUnitMicros : 0;
}

ImpressionOutcome ReplayTraffic::impressionOutcome(const bidding::BidRequest& request, int) const
{
    ImpressionOutcome outcome;
    const replay::LoggedAuction* auction = auctionOf(request);
    outcome.clicked = auction && auction->click != 0;
    return outcome;
}

} // namespace bidlab::engine
