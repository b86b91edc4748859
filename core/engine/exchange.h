// SPDX-License-Identifier: MIT
#pragma once

#include "core/bidding/bid_shading.h"
#include "core/bidding/campaign.h"
#include "core/bidding/frequency_table.h"
#include "core/engine/engine_config.h"
#include "core/engine/engine_snapshot.h"
#include "core/engine/event_pipeline.h"
#include "core/engine/outcome_log.h"
#include "core/engine/traffic_source.h"
#include "core/engine/world.h"

#include <functional>
#include <memory>
#include <span>
#include <vector>

namespace bidlab::engine {

// The exchange side of the engine, on the engine's thread: every answered request goes through here once.
// It counts the outcome, runs the auction against the market, charges the winner against its exact
// budget (the exchange is the authority; bidders only see an approximate budget), records frequency,
// draws the ground truth's clicks and conversions, passes every event through the event pipeline, and
// keeps the counters per run, campaign and arm, and the outcome log. It publishes to the bidders' shared
// view: budgets left, pacing and exhaustion flags, and first-price shading factors.
class Exchange
{
public:
    struct CampaignStats
    {
        Micros dailyBudget = 0;
        Micros spentToday = 0;
        Micros spend = 0;
        Micros revenue = 0;
        std::int64_t bids = 0;
        std::int64_t wins = 0;
        std::int64_t clicks = 0;
        std::int64_t conversions = 0;
        bool exhausted = false;
        bool pacedOut = false;
    };

    // `live` (one per campaign) and `frequency` are the bidders' shared view; both may live in shared
    // memory. `log` may be null.
    Exchange(const EngineConfig& config, const World& world, const TrafficSource& source,
             std::span<bidding::CampaignLiveState> live, bidding::FrequencyTable frequency,
             std::unique_ptr<OutcomeLog> log);
    ~Exchange();

    // Outcomes, each counted here and only here.
    void generated(const bidding::BidRequest& request);
    void answered(const bidding::BidRequest& request, const bidding::BidResponse& response);
    void timedOut(const bidding::BidRequest& request, const bidding::BidResponse* lateResponse);
    void shed(const bidding::BidRequest& request);
    void redispatched(std::int64_t count) { m_totals.redispatched += count; }

    // Moves the world clock: day roll-over, held clicks and conversions that fall due, minutes of the log.
    void advanceClock(std::int64_t simNowMs);
    // Pushes budgets left, flags and shading factors to the bidders' view.
    void publish();
    // Reports what entered the event pipeline's error queue (the first record, then a count), at most every
    // 5 s of the wall clock (wallNs).
    void reportErrors(std::int64_t wallNs);
    // The end of a run: every held event is judged, the log committed.
    Status finish();

    void setAuctionType(AuctionType type) { m_auction = type; }
    void setArmShading(int arm, bool shading);
    void setMarketScale(double scale) { m_marketScale = scale; }

    const Counters& totals() const { return m_totals; }
    std::int64_t simNowMs() const { return m_simNow; }
    const std::vector<CampaignStats>& campaigns() const { return m_campaigns; }
    const std::vector<ArmRow>& arms() const { return m_arms; }
    double shadingFactor(int campaign) const;
    // The campaigns as the snapshot and the summary show them.
    QList<CampaignRow> campaignRows() const;

    // Called with events to report (budget exhausted, validation errors); set before use.
    std::function<void(EngineEvent)> report;

private:
    void win(const bidding::BidRequest& request, int campaign, Micros priceCpm);
    // Exact budgets: the highest bid the campaign's budget left at `simTimeMs` pays for (rolls the day over).
    Micros affordableBid(int campaign, std::int64_t simTimeMs);
    void deliver(const AdEvent& event, int ordinal, bool now);
    void onVerdict(const AdEvent& event, EventPipeline::Verdict verdict);
    void rollOver(std::int64_t day);

    const World& m_world;
    const TrafficSource& m_source;
    std::span<bidding::CampaignLiveState> m_live;
    bidding::FrequencyTable m_frequency;
    std::unique_ptr<OutcomeLog> m_log;
    EventPipeline m_pipeline;
    AuctionType m_auction;
    double m_marketScale = 1.0;
    bool m_evenPacing;
    bool m_exactBudgets;
    std::uint64_t m_seed;
    double m_invalidShare;

    Counters m_totals;
    std::vector<CampaignStats> m_campaigns;
    std::vector<bidding::BidShader> m_shaders;
    std::vector<std::uint16_t> m_frequencySlots; // per campaign
    std::vector<std::uint8_t> m_armShading;
    std::vector<ArmRow> m_arms;
    std::vector<std::vector<std::uint64_t>> m_armUsers; // bit per user, per arm: saw one of its impressions
    std::vector<std::vector<std::uint64_t>> m_armAssigned; // bit per user, per arm: was sent one of its requests
    std::int64_t m_simNow = 0;
    std::int64_t m_day = INT64_MIN;
    std::int64_t m_invalidResponses = 0;
    std::int64_t m_invalidReported = 0;
    std::int64_t m_lastErrorReportNs = INT64_MIN / 2;
};

} // namespace bidlab::engine
