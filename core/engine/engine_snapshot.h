// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"
#include "core/common/money.h"

#include <cstdint>
#include <optional>

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

// What the engine publishes: a snapshot every tick (100 ms), events as they happen, a summary at the end.
// Plain values, cheap to copy (QList is implicitly shared), carried by queued signals (DESIGN.md, "seams").
namespace bidlab::engine {

enum class EngineState : std::uint8_t { Idle, Starting, Running, Paused, Stopping, Finished, Failed };
QString engineStateName(EngineState state);

// Outcome counters. Every generated request ends as exactly one of bids, noBids, timeouts or shed, each
// counted where it happens (never derived as a remainder):
//   generated == bids + noBids + timeouts + shed   (once nothing is in flight)
struct Counters
{
    qint64 generated = 0; // requests created by the traffic source
    qint64 bids = 0; // answered in time with a bid
    qint64 noBids = 0; // answered in time without a bid
    qint64 timeouts = 0; // answered after tmax, or lost in a dead worker past tmax
    qint64 shed = 0; // refused under back-pressure (every ring full)
    qint64 redispatched = 0; // taken back from a dead worker and sent again (not an outcome)
    // What became of the bids
    qint64 wins = 0; // auctions won; each is one impression
    qint64 losses = 0; // outbid by the market
    qint64 budgetRejected = 0; // the exchange refused the bid: the campaign's budget could not pay
    qint64 impressions = 0;
    qint64 clicks = 0; // valid clicks (after the event pipeline)
    qint64 conversions = 0; // attributed conversions
    Micros spend = 0;
    Micros revenue = 0;
    // The event pipeline
    qint64 eventsProcessed = 0;
    qint64 eventsFiltered = 0; // bots, duplicate clicks, unattributed conversions
    qint64 botEvents = 0;
    qint64 duplicateClicks = 0;
    qint64 unattributedConversions = 0;
    qint64 eventErrors = 0; // failed validation (in the error queue)

    qint64 answered() const { return bids + noBids + timeouts + shed; }
    Counters& operator+=(const Counters& other);
    Counters operator-(const Counters& other) const;
    bool operator==(const Counters&) const = default;
    QJsonObject toJson() const;
    static Counters fromJson(const QJsonObject& json); // missing fields are 0
};

// Ratios at the edge; empty when the denominator is zero (shown as "—"), never inf or NaN.
struct Rates
{
    std::optional<double> qps; // generated per second
    std::optional<double> bidRate; // bids / answered in time
    std::optional<double> winRate; // wins / bids
    std::optional<double> ctr; // clicks / impressions
    std::optional<double> cvr; // conversions / clicks
    std::optional<double> ecpc; // spend / clicks, currency units
    std::optional<double> cpm; // spend / impressions * 1000, currency units
    std::optional<double> roas; // revenue / spend

    static Rates of(const Counters& c, double seconds);
    QJsonObject toJson() const;
};

// Latency percentiles in nanoseconds (from a log-linear histogram, ≤ 1 % relative error).
struct LatencySummary
{
    qint64 count = 0;
    qint64 mean = 0;
    qint64 p50 = 0;
    qint64 p90 = 0;
    qint64 p99 = 0;
    qint64 p999 = 0;
    qint64 max = 0;
    QJsonObject toJson() const;
};

enum class WorkerState : std::uint8_t { Starting, Running, Draining, Restarting, Stopped, Failed };
QString workerStateName(WorkerState state);

struct WorkerRow
{
    int id = 0; // slot number, 0-based
    qint64 pid = 0;
    WorkerState state = WorkerState::Starting;
    double requestsPerSecond = 0.0; // this tick
    qint64 meanLatencyNs = 0; // end to end, this tick
    qint64 p99LatencyNs = 0;
    qint64 inFlight = 0; // requests in its ring now
    qint64 answered = 0; // since the run started
    int restarts = 0;
    quint64 modelFingerprint = 0; // modelFingerprint() of the model it bids with; 0 until it has loaded one
};

struct CampaignRow
{
    int id = 0;
    QString name;
    Micros dailyBudget = 0;
    Micros spentToday = 0;
    Micros spend = 0; // whole run
    Micros revenue = 0;
    qint64 bids = 0;
    qint64 wins = 0;
    qint64 clicks = 0;
    qint64 conversions = 0;
    bool exhausted = false; // today's budget is gone
    bool pacedOut = false; // ahead of its even-pacing schedule
    double shading = 1.0; // first-price shading factor in use
};

struct ArmRow
{
    int id = 0;
    QString name;
    qint64 requests = 0;
    qint64 bids = 0;
    qint64 wins = 0;
    qint64 impressions = 0;
    qint64 clicks = 0;
    qint64 conversions = 0;
    Micros spend = 0;
    Micros revenue = 0;
    qint64 users = 0; // distinct users who saw at least one of the arm's impressions (exact)
    qint64 assignedUsers = 0; // distinct users the split sent at least one request of the arm (exact)
    QJsonObject toJson() const;
};

// One row per second of the run: what the run history stores and the dashboard re-draws.
struct SeriesPoint
{
    int second = 0;
    double length = 1.0; // seconds covered: 1, less for the last, partial one
    Counters counters; // during this second
    qint64 p50Ns = 0;
    qint64 p99Ns = 0;
    qint64 p999Ns = 0;
    int workersAlive = 0;
    qint64 targetQps = 0; // 0 = unlimited
};

struct EngineSnapshot
{
    qint64 tick = 0;
    double elapsedSeconds = 0.0; // wall clock since start
    double tickSeconds = 0.0; // length of this tick
    qint64 simTimeMs = 0; // the world clock
    EngineState state = EngineState::Idle;
    qint64 targetQps = 0; // 0 = unlimited
    int workerCount = 0; // wanted
    Counters tickCounters; // this tick
    Counters totals; // since start
    Rates rates; // this tick
    Rates totalRates; // since start
    LatencySummary latency; // end to end (request created -> response read), this tick
    LatencySummary computeLatency; // the workers' own compute time, this tick
    QList<WorkerRow> workers;
    QList<CampaignRow> campaigns;
    QList<ArmRow> arms;
    std::optional<SeriesPoint> second; // on the tick that closes a second of the run: that second's row
};

struct RunSummary
{
    QJsonObject scenario; // EngineConfig::toJson() of the run (with live changes: the config at the end)
    qint64 startedAtMs = 0; // wall clock, ms since the epoch
    double seconds = 0.0;
    qint64 simStartMs = 0;
    qint64 simEndMs = 0;
    EngineState endState = EngineState::Finished; // Finished or Failed
    QString endReason; // why it ended ("duration reached", "stopped", an error sentence)
    Counters totals;
    Rates rates;
    LatencySummary latency;
    LatencySummary computeLatency;
    QList<WorkerRow> workers;
    QList<CampaignRow> campaigns;
    QList<ArmRow> arms;
    QList<SeriesPoint> series;
    int workerRestarts = 0;
    qint64 inFlightAtEnd = 0; // 0 after a clean drain

    // generated == bids + noBids + timeouts + shed, and nothing left in flight.
    bool accountingBalanced() const { return inFlightAtEnd == 0 && totals.generated == totals.answered(); }
    QJsonObject toJson() const; // everything but the series (seriesPointToJson for those)
    static Expected<RunSummary> fromJson(const QJsonObject& json); // the inverse (series left empty)
    static QJsonObject seriesPointToJson(const SeriesPoint& point);
};

enum class EventSeverity : std::uint8_t { Info, Warning, Error };
enum class EventKind : std::uint8_t {
    RunStarted,
    RunFinished,
    ConfigRejected, // a field of the config is invalid (text names it)
    WorkerStarted,
    WorkerCrashed, // died unexpectedly; count = requests it had in flight
    WorkerRestarted,
    WorkerRetired, // drained and stopped after setWorkerCount
    WorkerStderr, // a line the worker wrote to stderr
    WorkerUnresponsive, // no progress with requests in flight: killed
    CrashLoop, // gave up restarting a worker
    ModelDeployed,
    ModelRejected,
    StrategyChanged,
    SettingChanged, // QPS, worker count, pause/resume
    BudgetExhausted,
    ValidationError, // the event pipeline's error queue: reason + record
    Incident,
    Warning,
};
QString eventKindName(EventKind kind);

struct EngineEvent
{
    qint64 timeMs = 0; // wall clock, ms since the epoch
    double elapsedSeconds = 0.0; // since the run started
    EventSeverity severity = EventSeverity::Info;
    EventKind kind = EventKind::Warning;
    int worker = -1; // slot, when it is about one
    int campaign = -1;
    qint64 count = 0; // kind-specific (requests in flight of a crashed worker, ...)
    QString text; // a whole sentence
    qint64 sinceKillNs = 0; // WorkerCrashed / WorkerRestarted after killWorker(): time since the kill
};

// Registers the types above for queued signals (called by Engine; safe to call more than once).
void registerEngineMetaTypes();

} // namespace bidlab::engine

Q_DECLARE_METATYPE(bidlab::engine::EngineSnapshot)
Q_DECLARE_METATYPE(bidlab::engine::RunSummary)
Q_DECLARE_METATYPE(bidlab::engine::EngineEvent)
Q_DECLARE_METATYPE(bidlab::engine::EngineState)
