// SPDX-License-Identifier: MIT
#pragma once

#include "core/bidding/bid_strategy.h"
#include "core/common/expected.h"
#include "core/common/money.h"

#include <cstdint>
#include <vector>

#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>

// EngineConfig: everything a simulation run needs (DESIGN.md, "The seams"). A scenario file is its JSON.
namespace bidlab::engine {

enum class AuctionType : std::uint8_t { FirstPrice, SecondPrice };
QString auctionTypeName(AuctionType type); // "first", "second"

// One campaign of the world. Generated from the seed unless the scenario lists them.
struct CampaignConfig
{
    QString name;
    Micros dailyBudget = 0; // per day of the world clock
    Micros maxBidCpm = 0;
    Micros valuePerConversion = 0; // revenue per conversion
    double conversionRate = 0.05; // the advertiser's expected conversions per click (ranks campaigns)
    double bidMultiplier = 1.0;
    std::uint32_t hourMask = 0xFFFFFF; // bit per hour (UTC)
    std::uint16_t interestMask = 0; // bit per interest (bidding/taxonomy.h); 0 = any
    std::uint8_t deviceMask = 0x7; // mobile, desktop, tablet
    std::uint8_t ageBandMask = 0x3F; // six age bands
    std::uint8_t sizeClassMask = 0x7F; // seven slot size classes
    int frequencyCap = 0; // impressions per user per hour; 0 = none
    double creativeQuality = 1.0; // hidden: multiplies the true CTR (bidders do not see it)

    bool operator==(const CampaignConfig&) const = default;
};

// The simulated world: users, publishers, campaigns, the market, and how events behave. Time in the world
// runs with the traffic (requestsPerSimSecond), not with the wall clock, so a run's economics do not depend
// on how fast it is played.
struct WorldConfig
{
    int campaignCount = 100; // generated from the seed when `campaigns` is empty
    std::vector<CampaignConfig> campaigns; // explicit campaigns (replace the generated ones)
    int users = 100'000;
    int publishers = 2'000;
    double botShare = 0.03; // share of requests from bots (some with a declared bot user agent, some not)
    double budgetScale = 1.0; // multiplies generated daily budgets
    bool evenPacing = false; // campaigns spread their daily budget over the day
    double requestsPerSimSecond = 2'000.0; // traffic density of the world clock (daily profile around it)
    qint64 simStartMs = 1'704'067'200'000; // world clock at the first request: 2024-01-01T00:00:00Z
    double marketPriceScale = 1.0; // multiplies the competing bids
    // Event pipeline
    double clickDelayMeanSeconds = 5.0; // world seconds from impression to click
    // From click to conversion, in world seconds: short enough that ROAS shows within a minute of a live run
    // (real delays are hours; a lab run lasts minutes), well inside the attribution window.
    double conversionDelayMeanSeconds = 120.0;
    int attributionWindowSeconds = 24 * 3600; // conversions later than this after the click are not attributed
    int duplicateWindowSeconds = 60; // a second click on one impression within this is a duplicate
    double duplicateClickShare = 0.05; // clicks that are sent twice
    double invalidEventShare = 0.001; // events that arrive malformed (the validation stage catches them)

    bool operator==(const WorldConfig&) const = default;
};

// An A/B arm: users are split by a hash of their id, in proportion to the weights.
struct ArmConfig
{
    QString name;
    double weight = 1.0;
    bidding::StrategyParams strategy;

    bool operator==(const ArmConfig&) const = default;
};

// Where requests come from. "synthetic" is the seeded world; the replay issue adds "ipinyou" and
// "openrtb" sources (path + options) behind the same interface (traffic_source.h).
struct TrafficConfig
{
    QString kind = QStringLiteral("synthetic");
    QString path;
    QJsonObject options;

    bool operator==(const TrafficConfig&) const = default;
};

struct EngineConfig
{
    static constexpr int kMinWorkers = 1;
    static constexpr int kMaxWorkers = 16;
    static constexpr qint64 kMinQps = 100;
    static constexpr qint64 kMaxQps = 5'000'000;
    static constexpr int kMaxArms = 8;

    QString name; // shown in the run history
    int workers = 2;
    bool unlimitedQps = false; // as fast as the workers answer (back-pressure paces the source)
    qint64 targetQps = 10'000; // kMinQps..kMaxQps when not unlimited
    bidding::StrategyParams strategy; // every request's strategy, unless arms are given
    std::vector<ArmConfig> arms; // empty, or 2..kMaxArms arms
    AuctionType auction = AuctionType::SecondPrice;
    int tmaxMs = 100; // a response later than this is a timeout (not in deterministic mode)
    quint64 seed = 1;
    TrafficConfig traffic;
    QString modelPath; // a CtrModel file for the workers; empty for the built-in model
    QString outcomeLogPath; // the per-minute outcome log (CSV) to write; empty for none
    WorldConfig world;

    // Deterministic mode: a virtual clock, requests processed in lock-step batches, no wall-clock timeouts,
    // no shedding, budgets applied in request order. The same seed then gives the same totals whatever the
    // number of workers.
    bool deterministic = false;
    // Length of the run: seconds of wall clock (in deterministic mode: seconds of the virtual clock, which
    // runs at targetQps), and/or a number of requests; 0 = no limit (until stop()).
    double durationSeconds = 0.0;
    qint64 maxRequests = 0;

    // Supervision
    int crashLoopLimit = 5; // crashes of one worker within crashLoopWindowSeconds before giving up on it
    int crashLoopWindowSeconds = 30;
    int workerNice = 5; // workers run at a lower priority so the GUI and the engine stay responsive
    QString workerExecutable; // empty: bidlab-worker beside the running program

    // Every problem, each a sentence naming the field ("'workers' must be ..."); empty when valid. Reads
    // the model file when one is given (an unreadable or incompatible model is a config error).
    QStringList validate() const;

    // The scenario file: this config as JSON, and back (unknown keys are ignored; wrong types and values
    // are errors naming the field).
    QJsonObject toJson() const;
    static Expected<EngineConfig> fromJson(const QJsonObject& json);
    Status save(const QString& path) const; // atomic
    static Expected<EngineConfig> load(const QString& path);

    // The arms requests are split into: `arms`, or one arm "all" with `strategy`.
    std::vector<ArmConfig> effectiveArms() const;
    // Requests the run will generate at most (maxRequests, and durationSeconds × targetQps in
    // deterministic mode); 0 = unbounded.
    qint64 requestLimit() const;

    bool operator==(const EngineConfig&) const = default;
};

// JSON for strategy parameters, as they appear in scenarios (also used by the CLI and the replay).
QJsonObject strategyToJson(const bidding::StrategyParams& params);
Expected<bidding::StrategyParams> strategyFromJson(const QJsonObject& json, const QString& field);

} // namespace bidlab::engine

Q_DECLARE_METATYPE(bidlab::engine::EngineConfig)
Q_DECLARE_METATYPE(bidlab::bidding::StrategyParams)
