// SPDX-License-Identifier: MIT
// bidlab-cli bench pipeline: the engine's event pipeline (validation with an error queue, bot filter,
// duplicate-click window, attribution window) on its own, on the event stream the seed's
// RealTimeAdStreamProcessor harness (peers/seed_stream.py) makes: 85% impressions, 10% clicks, 3% conversions,
// 2% events of an unknown type, 5% bot user agents. Events/s on 1 thread and on 2 threads sharded by user, with
// the counts, which must be the same; optionally the seed's processor side by side.
#include "app/cli/cli_command.h"
#include "app/cli/peer_script.h"
#include "core/engine/event_pipeline.h"
#include "core/engine/random.h"
#include "core/lab/cpu_clock.h"
#include "core/lab/machine_info.h"
#include "core/lab/sample_stats.h"

#include <algorithm>
#include <chrono>
#include <span>
#include <thread>

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>

namespace bidlab::cli {

namespace {

using engine::AdEvent;
using engine::AdEventType;
using engine::EventPipeline;

// The seed harness's user agents: 3 browsers, 4 bots.
const std::vector<std::string> kUserAgents {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36",
    "Googlebot/2.1 (+http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0)",
    "my-crawler/1.0",
    "SpiderX/3.1",
};
constexpr int kBrowsers = 3;
constexpr int kAds = 5000; // the seed's ad ids, one campaign each here
constexpr std::uint32_t kUsers = 1'000'000;
constexpr std::int64_t kStartMs = 1'704'067'200'000; // the seed's t0, one event per millisecond as there
constexpr std::uint8_t kUnknownType = 3; // the seed's "heartbeat"

struct StreamSpec
{
    qint64 events = 2'000'000;
    double duplicateShare = 0; // of clicks; the seed's stream has none
    std::uint64_t seed = 7;
};

// Clicks refer to recent impressions (each at most once unless it is a chosen duplicate, which repeats the
// previous click's impression a few milliseconds later), conversions to the latest click, so the pipeline's
// windows see a realistic stream. Deterministic for a seed.
std::vector<AdEvent> makeStream(const StreamSpec& spec)
{
    engine::Rng rng(spec.seed, engine::Stream::Events, 0);
    std::vector<AdEvent> events;
    events.reserve(static_cast<std::size_t>(spec.events));
    std::vector<AdEvent> impressions;
    std::vector<AdEvent> clicks;
    std::size_t nextToClick = 0;
    for (std::int64_t i = 0; i < spec.events; ++i) {
        const double kind = rng.uniform();
        const bool bot = rng.chance(0.05);
        const std::uint32_t agent = rng.below(4);
        AdEvent e {};
        e.timeMs = kStartMs + i;
        e.campaign = static_cast<std::uint16_t>(rng.below(kAds));
        e.user = rng.below(kUsers);
        e.userAgent = bot ? kBrowsers + agent : agent % kBrowsers;
        if (kind < 0.85) {
            e.type = static_cast<std::uint8_t>(AdEventType::Impression);
            e.impressionId = static_cast<std::uint64_t>(i) + 1;
            e.amount = static_cast<Micros>((0.1 + 4.9 * rng.uniform()) * 1000.0); // CPM bid / 1000
            impressions.push_back(e);
        } else if (kind < 0.95) {
            const AdEvent* origin = nullptr;
            if (!clicks.empty() && rng.chance(spec.duplicateShare)) {
                origin = &clicks.back();
            } else {
                // Each impression is clicked at most once: one of the last 1000 not yet clicked.
                nextToClick = std::max(nextToClick, impressions.size() > 1000 ? impressions.size() - 1000 : 0);
                if (nextToClick < impressions.size())
                    origin = &impressions[nextToClick++];
            }
            e.type = static_cast<std::uint8_t>(AdEventType::Click);
            e.impressionId = origin ? origin->impressionId : static_cast<std::uint64_t>(i) + 1;
            e.originMs = origin ? (origin->type == e.type ? origin->originMs : origin->timeMs) : e.timeMs;
            e.user = origin ? origin->user : e.user;
            clicks.push_back(e);
        } else if (kind < 0.98) {
            const AdEvent* click = clicks.empty() ? nullptr : &clicks.back();
            e.type = static_cast<std::uint8_t>(AdEventType::Conversion);
            e.impressionId = click ? click->impressionId : static_cast<std::uint64_t>(i) + 1;
            e.originMs = click ? click->timeMs : e.timeMs;
            e.user = click ? click->user : e.user;
            e.amount = static_cast<Micros>((5.0 + 195.0 * rng.uniform()) * 1e6);
        } else {
            e.type = kUnknownType;
        }
        events.push_back(e);
    }
    return events;
}

EventPipeline::Options pipelineOptions()
{
    EventPipeline::Options options;
    options.campaigns = kAds;
    return options;
}

EventPipeline::Stats& operator+=(EventPipeline::Stats& a, const EventPipeline::Stats& b)
{
    a.processed += b.processed;
    a.accepted += b.accepted;
    a.bots += b.bots;
    a.duplicates += b.duplicates;
    a.unattributed += b.unattributed;
    a.invalid += b.invalid;
    return a;
}

// The stream split by user, each part in stream (time) order: what the consumers of a stream partitioned by
// user upstream (a log partitioned by key) receive. All the pipeline's state is per impression (the
// duplicate window) and an impression has one user, so every event gets the verdict it gets on one thread.
std::vector<std::vector<AdEvent>> partitionByUser(const std::vector<AdEvent>& events, int shards)
{
    std::vector<std::vector<AdEvent>> parts(static_cast<std::size_t>(shards));
    for (std::vector<AdEvent>& part : parts)
        part.reserve(events.size() / parts.size() + events.size() / 100);
    for (const AdEvent& e : events)
        parts[e.user % parts.size()].push_back(e);
    return parts;
}

EventPipeline::Stats runShard(std::span<const AdEvent> events)
{
    EventPipeline pipeline(pipelineOptions(), kUserAgents);
    for (const AdEvent& e : events)
        pipeline.process(e);
    return pipeline.stats();
}

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

struct Timed
{
    double seconds = 0;
    double cpuSeconds = 0; // of the whole process: every shard's thread
    EventPipeline::Stats stats;
};

// One pipeline per shard, each on its own thread (the first on this one).
Timed runSharded(const std::vector<std::span<const AdEvent>>& shards)
{
    std::vector<EventPipeline::Stats> stats(shards.size());
    const std::uint64_t cpu0 = lab::processCpuNs();
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> helpers;
    for (std::size_t k = 1; k < shards.size(); ++k)
        helpers.emplace_back([&, k] { stats[k] = runShard(shards[k]); });
    stats[0] = runShard(shards[0]);
    for (std::thread& t : helpers)
        t.join();
    Timed timed;
    timed.seconds = secondsSince(start);
    timed.cpuSeconds = static_cast<double>(lab::processCpuNs() - cpu0) / 1e9;
    for (const EventPipeline::Stats& s : stats)
        timed.stats += s;
    return timed;
}

QJsonObject countsJson(const EventPipeline::Stats& s)
{
    // "processed" in the seed's sense: the events that pass (the seed's output queue).
    auto v = [](std::int64_t count) { return QJsonValue(static_cast<qint64>(count)); };
    return QJsonObject { { QStringLiteral("judged"), v(s.processed) },
                         { QStringLiteral("processed"), v(s.accepted) },
                         { QStringLiteral("filtered"), v(s.filtered()) },
                         { QStringLiteral("errors"), v(s.invalid) },
                         { QStringLiteral("bots"), v(s.bots) },
                         { QStringLiteral("duplicates"), v(s.duplicates) },
                         { QStringLiteral("unattributed"), v(s.unattributed) } };
}

// Median and best over the repeats, and the time to partition the stream (once, not in the rate); the counts
// of the first repeat (all repeats give the same).
QJsonObject measure(const std::vector<AdEvent>& events, int threads, int repeats, EventPipeline::Stats* counts)
{
    const auto start = std::chrono::steady_clock::now();
    const std::vector<std::vector<AdEvent>> parts
        = threads > 1 ? partitionByUser(events, threads) : std::vector<std::vector<AdEvent>> {};
    const double partitionSeconds = threads > 1 ? secondsSince(start) : 0.0;
    std::vector<std::span<const AdEvent>> shards(parts.begin(), parts.end());
    if (threads == 1)
        shards = { std::span<const AdEvent>(events) };
    QList<double> rates;
    QList<double> perCpu;
    for (int r = 0; r < repeats; ++r) {
        const Timed timed = runSharded(shards);
        if (r == 0)
            *counts = timed.stats;
        rates.push_back(static_cast<double>(events.size()) / timed.seconds);
        perCpu.push_back(timed.cpuSeconds > 0 ? static_cast<double>(events.size()) / timed.cpuSeconds : 0.0);
    }
    const lab::Spread rate = lab::summarize(rates);
    return QJsonObject { { QStringLiteral("threads"), threads },
                         { QStringLiteral("eventsPerSecondMedian"), rate.median },
                         { QStringLiteral("eventsPerSecondBest"), rate.maximum },
                         { QStringLiteral("eventsPerCpuSecondMedian"), lab::summarize(perCpu).median },
                         { QStringLiteral("partitionSeconds"), partitionSeconds },
                         { QStringLiteral("counts"), countsJson(*counts) } };
}

void printTable(const QJsonObject& out)
{
    printOut(QStringLiteral("%1 events (seed_stream.py's mix, %2% duplicate clicks); load %3 before, %4 after")
                 .arg(out.value(QStringLiteral("events")).toInteger())
                 .arg(out.value(QStringLiteral("duplicateShare")).toDouble() * 100)
                 .arg(out.value(QStringLiteral("loadBefore")).toDouble(), 0, 'f', 2)
                 .arg(out.value(QStringLiteral("loadAfter")).toDouble(), 0, 'f', 2));
    printOut(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11")
                 .arg(QStringLiteral("threads"), 7)
                 .arg(QStringLiteral("M events/s"), 11)
                 .arg(QStringLiteral("best"), 8)
                 .arg(QStringLiteral("M/CPU-s"), 8)
                 .arg(QStringLiteral("processed"), 10)
                 .arg(QStringLiteral("filtered"), 9)
                 .arg(QStringLiteral("errors"), 8)
                 .arg(QStringLiteral("bots"), 8)
                 .arg(QStringLiteral("dupl."), 7)
                 .arg(QStringLiteral("unattr."), 8)
                 .arg(QStringLiteral("partition ms"), 13));
    for (const QJsonValue& v : out.value(QStringLiteral("runs")).toArray()) {
        const QJsonObject run = v.toObject();
        const QJsonObject c = run.value(QStringLiteral("counts")).toObject();
        auto count = [&c](const char* key, int width) {
            return QStringLiteral("%1").arg(c.value(QLatin1String(key)).toInteger(), width);
        };
        printOut(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11")
                     .arg(run.value(QStringLiteral("threads")).toInt(), 7)
                     .arg(run.value(QStringLiteral("eventsPerSecondMedian")).toDouble() / 1e6, 11, 'f', 2)
                     .arg(run.value(QStringLiteral("eventsPerSecondBest")).toDouble() / 1e6, 8, 'f', 2)
                     .arg(run.value(QStringLiteral("eventsPerCpuSecondMedian")).toDouble() / 1e6, 8, 'f', 2)
                     .arg(count("processed", 10), count("filtered", 9), count("errors", 8), count("bots", 8),
                          count("duplicates", 7), count("unattributed", 8))
                     .arg(run.value(QStringLiteral("partitionSeconds")).toDouble() * 1e3, 13, 'f', 1));
    }
    printOut(out.value(QStringLiteral("countsMatch")).toBool()
                 ? QStringLiteral("Counts are the same on every thread count.")
                 : QStringLiteral("COUNTS DIFFER between thread counts."));
    const QJsonObject peer = out.value(QStringLiteral("peer")).toObject();
    if (!peer.isEmpty()) {
        const double theirs = peer.value(QStringLiteral("events_per_s")).toDouble();
        const QJsonObject widest = out.value(QStringLiteral("runs")).toArray().last().toObject();
        const double ours = widest.value(QStringLiteral("eventsPerSecondMedian")).toDouble();
        printOut(
            QStringLiteral("peer seed_stream.py (2 worker processes, %1 s): %2 events/s taken, %3 passed/s; "
                           "BidLab on %4 threads judges %5x as many per second (the seed's figure includes moving each "
                           "event through multiprocessing queues).")
                .arg(peer.value(QStringLiteral("duration_s")).toDouble(), 0, 'f', 1)
                .arg(theirs, 0, 'f', 0)
                .arg(peer.value(QStringLiteral("processed_out_per_s")).toDouble(), 0, 'f', 0)
                .arg(widest.value(QStringLiteral("threads")).toInt())
                .arg(theirs > 0 ? ours / theirs : 0.0, 0, 'f', 0));
    }
}

int runBenchPipeline(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOptions({
        { QStringLiteral("events"), QStringLiteral("Events in the stream (default 2,000,000)."), QStringLiteral("N") },
        { QStringLiteral("duplicates"),
          QStringLiteral("Share of clicks that repeat the previous click (default 0, as the seed's stream)."),
          QStringLiteral("SHARE") },
        { QStringLiteral("threads"), QStringLiteral("Most threads, sharded by user (default 2)."),
          QStringLiteral("K") },
        { QStringLiteral("repeat"), QStringLiteral("Runs per thread count (default 7); median and best shown."),
          QStringLiteral("R") },
        { QStringLiteral("peer"), QStringLiteral("The seed's seed_stream.py, run after for comparison."),
          QStringLiteral("SCRIPT") },
        { QStringLiteral("peer-seconds"), QStringLiteral("How long the peer runs (default 10)."), QStringLiteral("S") },
        { QStringLiteral("json"), QStringLiteral("Print JSON.") },
    });
    int exitCode = kOk;
    if (!parseArguments(parser, arguments,
                        QStringLiteral("Measure the engine's event pipeline on its own: events/s through validation, "
                                       "the bot filter, the duplicate-click window and the attribution window, on "
                                       "1..K threads sharded by user, with the counts (which must agree)."),
                        &exitCode))
        return exitCode;
    StreamSpec spec;
    qint64 threads = 2;
    qint64 repeats = 7;
    double peerSeconds = 10;
    if (!intOption(parser, QStringLiteral("events"), 1, 50'000'000, &spec.events)
        || !doubleOption(parser, QStringLiteral("duplicates"), 0, 1, &spec.duplicateShare)
        || !intOption(parser, QStringLiteral("threads"), 1, 64, &threads)
        || !intOption(parser, QStringLiteral("repeat"), 1, 1000, &repeats)
        || !doubleOption(parser, QStringLiteral("peer-seconds"), 1, 600, &peerSeconds))
        return kUsage;

    const std::vector<AdEvent> events = makeStream(spec);
    QJsonObject out { { QStringLiteral("events"), spec.events },
                      { QStringLiteral("duplicateShare"), spec.duplicateShare },
                      { QStringLiteral("cores"), static_cast<int>(std::thread::hardware_concurrency()) },
                      { QStringLiteral("loadBefore"), lab::loadAverage() } };
    QJsonArray runs;
    EventPipeline::Stats first;
    bool match = true;
    for (int t = 1; t <= threads; ++t) {
        EventPipeline::Stats counts;
        runs.append(measure(events, t, static_cast<int>(repeats), &counts));
        if (t == 1)
            first = counts;
        match = match && counts == first;
    }
    out.insert(QStringLiteral("runs"), runs);
    out.insert(QStringLiteral("countsMatch"), match);
    out.insert(QStringLiteral("loadAfter"), lab::loadAverage());
    if (parser.isSet(QStringLiteral("peer"))) {
        // The seed's processor with 2 worker processes, as peers/seed_stream.py runs it.
        const Expected<QJsonObject> peer
            = runPeerScript(QStringLiteral("/usr/bin/python3"),
                            { parser.value(QStringLiteral("peer")), QStringLiteral("--dur"),
                              QString::number(peerSeconds), QStringLiteral("--workers"), QStringLiteral("2") });
        if (!peer) {
            printErr(peer.error());
            return kFailure;
        }
        out.insert(QStringLiteral("peer"), *peer);
    }

    if (parser.isSet(QStringLiteral("json")))
        printJson(out);
    else
        printTable(out);
    if (!match) {
        printErr(QStringLiteral("The counts differ between thread counts: the sharded pipeline is not exact."));
        return kFailure;
    }
    return kOk;
}

const BenchRegistrar registrar { { QStringLiteral("pipeline"),
                                   QStringLiteral("The engine's event pipeline alone: events/s on 1..K threads."),
                                   runBenchPipeline } };

} // namespace

} // namespace bidlab::cli
