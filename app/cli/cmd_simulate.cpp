// SPDX-License-Identifier: MIT
// bidlab-cli simulate: a run of the multi-process bidding engine, headless. A line per second, a summary at
// the end (JSON with --json) with the accounting; the run goes into the run history.
#include "app/cli/cli_command.h"
#include "app/cli/simulate_arms.h"
#include "core/anomaly/live_monitor.h"
#include "core/common/money.h"
#include "core/engine/engine.h"
#include "core/store/run_store.h"

#include <cmath>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QSocketNotifier>

namespace bidlab::cli {

namespace {

using namespace bidlab::engine;

QString ratioText(const std::optional<double>& value, double scale = 1.0, int decimals = 2, const char* unit = "")
{
    return value ? QString::number(*value * scale, 'f', decimals) + QLatin1String(unit) : QStringLiteral("—");
}

QString micros(qint64 ns)
{
    return ns < 10'000 ? QStringLiteral("%1us").arg(ns / 1000.0, 0, 'f', 1) : QStringLiteral("%1us").arg(ns / 1000);
}

QString secondLine(const SeriesPoint& p)
{
    const Rates r = Rates::of(p.counters, p.length);
    return QStringLiteral("%1s  qps %2  bid %3  win %4  p50 %5  p99 %6  spend %7  ROAS %8  timeouts %9  shed %10")
        .arg(p.second + 1, 4)
        .arg(static_cast<qint64>(std::llround(r.qps.value_or(0.0))), 9)
        .arg(ratioText(r.bidRate, 100, 1, "%"), 6)
        .arg(ratioText(r.winRate, 100, 1, "%"), 6)
        .arg(micros(p.p50Ns), 7)
        .arg(micros(p.p99Ns), 8)
        .arg(formatMoney(p.counters.spend), 10)
        .arg(ratioText(r.roas), 6)
        .arg(p.counters.timeouts)
        .arg(p.counters.shed);
}

void printSummary(const RunSummary& s, qint64 runId)
{
    const Counters& t = s.totals;
    QString text;
    text += QStringLiteral("\n%1 after %2 s (%3)\n")
                .arg(engineStateName(s.endState), QString::number(s.seconds, 'f', 1), s.endReason);
    text += QStringLiteral("accounting  generated %1 = bids %2 + no-bids %3 + timeouts %4 + shed %5  [%6]\n")
                .arg(t.generated)
                .arg(t.bids)
                .arg(t.noBids)
                .arg(t.timeouts)
                .arg(t.shed)
                .arg(s.accountingBalanced() ? QStringLiteral("balanced") : QStringLiteral("NOT BALANCED"));
    text += QStringLiteral("auctions    wins %1  losses %2  budget-rejected %3  re-dispatched %4  worker restarts %5\n")
                .arg(t.wins)
                .arg(t.losses)
                .arg(t.budgetRejected)
                .arg(t.redispatched)
                .arg(s.workerRestarts);
    text += QStringLiteral("outcomes    impressions %1  clicks %2  conversions %3  spend %4  revenue %5\n")
                .arg(t.impressions)
                .arg(t.clicks)
                .arg(t.conversions)
                .arg(formatMoney(t.spend), formatMoney(t.revenue));
    text += QStringLiteral("rates       qps %1  bid rate %2  win rate %3  CTR %4  CVR %5  eCPC %6  CPM %7  ROAS %8\n")
                .arg(ratioText(s.rates.qps, 1, 0), ratioText(s.rates.bidRate, 100, 2, "%"),
                     ratioText(s.rates.winRate, 100, 2, "%"), ratioText(s.rates.ctr, 100, 3, "%"),
                     ratioText(s.rates.cvr, 100, 2, "%"), ratioText(s.rates.ecpc, 1, 4), ratioText(s.rates.cpm, 1, 3),
                     ratioText(s.rates.roas, 1, 3));
    text += QStringLiteral("events      processed %1  filtered %2 (bots %3, duplicate clicks %4, unattributed %5)  "
                           "errors %6\n")
                .arg(t.eventsProcessed)
                .arg(t.eventsFiltered)
                .arg(t.botEvents)
                .arg(t.duplicateClicks)
                .arg(t.unattributedConversions)
                .arg(t.eventErrors);
    text += QStringLiteral(
                "latency     end to end p50 %1  p90 %2  p99 %3  p99.9 %4  max %5;  worker compute p50 %6  p99 %7\n")
                .arg(micros(s.latency.p50), micros(s.latency.p90), micros(s.latency.p99), micros(s.latency.p999),
                     micros(s.latency.max), micros(s.computeLatency.p50), micros(s.computeLatency.p99));
    if (s.arms.size() > 1) {
        for (const ArmRow& a : s.arms)
            text += QStringLiteral(
                        "arm %1  requests %2  impressions %3  clicks %4  conversions %5  spend %6  revenue %7  "
                        "users %8\n")
                        .arg(a.name)
                        .arg(a.requests)
                        .arg(a.impressions)
                        .arg(a.clicks)
                        .arg(a.conversions)
                        .arg(formatMoney(a.spend), formatMoney(a.revenue))
                        .arg(a.users);
    }
    if (runId > 0)
        text += QStringLiteral("stored as run %1 (bidlab-cli runs show %1)\n").arg(runId);
    printOut(text);
}

// SIGINT/SIGTERM -> a stop that drains (self-pipe: the handler only writes a byte).
int g_signalPipe[2] = { -1, -1 };
void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const ssize_t n = write(g_signalPipe[1], &c, 1);
}

bool applyOptions(const QCommandLineParser& parser, EngineConfig* config, int* exitCode)
{
    const auto fail = [exitCode](int code) {
        *exitCode = code;
        return false;
    };
    qint64 value = 0;
    if (parser.isSet(QStringLiteral("workers"))) {
        if (!intOption(parser, QStringLiteral("workers"), EngineConfig::kMinWorkers, EngineConfig::kMaxWorkers, &value))
            return fail(kUsage);
        config->workers = static_cast<int>(value);
    }
    if (parser.isSet(QStringLiteral("qps"))) {
        if (parser.value(QStringLiteral("qps")) == QLatin1String("unlimited")) {
            config->unlimitedQps = true;
        } else {
            if (!intOption(parser, QStringLiteral("qps"), EngineConfig::kMinQps, EngineConfig::kMaxQps, &value))
                return fail(kUsage);
            config->unlimitedQps = false;
            config->targetQps = value;
        }
    }
    if (parser.isSet(QStringLiteral("seconds"))) {
        double seconds = 0;
        if (!doubleOption(parser, QStringLiteral("seconds"), 0.0, 1e7, &seconds))
            return fail(kUsage);
        config->durationSeconds = seconds;
    }
    if (parser.isSet(QStringLiteral("max-requests"))) {
        if (!intOption(parser, QStringLiteral("max-requests"), 0, std::numeric_limits<qint64>::max(), &value))
            return fail(kUsage);
        config->maxRequests = value;
    }
    if (parser.isSet(QStringLiteral("seed"))) {
        bool ok = false;
        config->seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok) {
            printErr(QStringLiteral("--seed: expected a whole number from 0 to 2^64-1, got '%1'.")
                         .arg(parser.value(QStringLiteral("seed"))));
            return fail(kUsage);
        }
    }
    if (parser.isSet(QStringLiteral("strategy"))) {
        const auto kind = bidding::strategyFromName(parser.value(QStringLiteral("strategy")));
        if (!kind) {
            printErr(QStringLiteral("--strategy: expected one of %1, got '%2'.")
                         .arg(bidding::strategyNames().join(QStringLiteral(", ")),
                              parser.value(QStringLiteral("strategy"))));
            return fail(kUsage);
        }
        config->strategy.kind = *kind;
    }
    if (parser.isSet(QStringLiteral("max-bid"))) {
        const std::optional<Micros> cap = parseMicros(parser.value(QStringLiteral("max-bid")).toStdString());
        if (!cap || *cap < 0) {
            printErr(QStringLiteral("--max-bid: expected a CPM of 0 or more (0: the campaigns' own caps), got '%1'.")
                         .arg(parser.value(QStringLiteral("max-bid"))));
            return fail(kUsage);
        }
        config->strategy.maxBidCpm = *cap;
    }
    if (parser.isSet(QStringLiteral("auction"))) {
        const QString auction = parser.value(QStringLiteral("auction"));
        if (auction != QLatin1String("first") && auction != QLatin1String("second")) {
            printErr(QStringLiteral("--auction: expected first or second, got '%1'.").arg(auction));
            return fail(kUsage);
        }
        config->auction = auction == QLatin1String("first") ? AuctionType::FirstPrice : AuctionType::SecondPrice;
    }
    if (parser.isSet(QStringLiteral("tmax-ms"))) {
        if (!intOption(parser, QStringLiteral("tmax-ms"), 1, 10'000, &value))
            return fail(kUsage);
        config->tmaxMs = static_cast<int>(value);
    }
    if (parser.isSet(QStringLiteral("arm"))) {
        config->arms.clear();
        for (const QString& text : parser.values(QStringLiteral("arm"))) {
            Expected<ArmConfig> arm = parseArmOption(text, config->strategy);
            if (!arm) {
                printErr(arm.error());
                return fail(kUsage);
            }
            config->arms.push_back(std::move(arm).value());
        }
    }
    if (parser.isSet(QStringLiteral("deterministic")))
        config->deterministic = true;
    if (parser.isSet(QStringLiteral("model")))
        config->modelPath = parser.value(QStringLiteral("model"));
    if (parser.isSet(QStringLiteral("log-csv")))
        config->outcomeLogPath = parser.value(QStringLiteral("log-csv"));
    return true;
}

// --incident KIND@SECONDS, each.
bool parseIncidents(const QCommandLineParser& parser, QList<std::pair<IncidentKind, double>>* incidents)
{
    for (const QString& value : parser.values(QStringLiteral("incident"))) {
        const QString kindText = value.section(QLatin1Char('@'), 0, 0);
        bool ok = false;
        const double seconds = value.section(QLatin1Char('@'), 1).toDouble(&ok);
        const std::optional<IncidentKind> kind = incidentFromName(kindText);
        if (!kind || !ok || !value.contains(QLatin1Char('@')) || seconds < 0 || !std::isfinite(seconds)) {
            printErr(QStringLiteral("--incident: expected KIND@SECONDS with KIND one of %1 and SECONDS a number of "
                                    "seconds from 0, got '%2'.")
                         .arg(incidentNames().join(QStringLiteral(", ")), value));
            return false;
        }
        incidents->append({ *kind, seconds });
    }
    return true;
}

QJsonArray alertsJson(const anomaly::LiveMonitor& monitor)
{
    QJsonArray alerts;
    for (const store::StoredAlert& a : anomaly::storedAlerts(monitor.alerts()))
        alerts.append(QJsonObject { { QStringLiteral("rule"), a.rule },
                                    { QStringLiteral("metric"), a.metric },
                                    { QStringLiteral("severity"), a.severity },
                                    { QStringLiteral("startMs"), a.startMs },
                                    { QStringLiteral("raisedMs"), a.raisedMs },
                                    { QStringLiteral("endMs"), a.endMs },
                                    { QStringLiteral("peakScore"), a.peakScore },
                                    { QStringLiteral("value"), a.value },
                                    { QStringLiteral("incident"), a.incident },
                                    { QStringLiteral("incidentStartMs"), a.incidentStartMs } });
    return alerts;
}

void printAlerts(const anomaly::LiveMonitor& monitor)
{
    QString text;
    for (const anomaly::LiveIncident& i : monitor.incidents())
        text += QStringLiteral("incident    %1 at %2 s\n").arg(incidentName(i.kind)).arg(i.startMs / 1000.0, 0, 'f', 1);
    text += QStringLiteral("alerts      %1\n").arg(monitor.alerts().size());
    for (const anomaly::LiveAlert& a : monitor.alerts())
        text += QStringLiteral("  ") + anomaly::describeAlert(a) + QLatin1Char('\n');
    printOut(text);
}

int runSimulate(const QStringList& arguments)
{
    QCommandLineParser parser;
    const auto option = [&](const char* name, const char* help, const char* valueName = nullptr) {
        if (valueName)
            parser.addOption({ QString::fromLatin1(name), QString::fromLatin1(help), QString::fromLatin1(valueName) });
        else
            parser.addOption({ QString::fromLatin1(name), QString::fromLatin1(help) });
    };
    option("scenario", "Start from this scenario file (JSON); the options below override it.", "FILE");
    option("from-run", "Start from the scenario of a stored run (bidlab-cli runs); the options below override it.",
           "ID");
    option("workers", "Bidder worker processes, 1..16 (default 2).", "N");
    option("qps", "Target requests per second, 100..5000000, or 'unlimited' (default 10000).", "Q");
    option("seconds", "Length of the run (in deterministic mode: of the virtual clock); 0 = until Ctrl+C.", "S");
    option("max-requests", "Stop after this many requests (0 = no limit).", "N");
    option("seed", "Seed of the world and the traffic (default 1).", "X");
    option("strategy", "Bid strategy: seed, constant, random, linear, ortb.", "NAME");
    option("max-bid", "No bid above this CPM, whatever a campaign's own cap (default 0: the campaigns' caps).", "CPM");
    parser.addOption({ QStringLiteral("arm"),
                       QStringLiteral("An A/B arm (repeat, 2..%1 arms; the first is the control), users split by a "
                                      "hash: NAME:KEY=VALUE,... with keys %2; unset keys are the run's strategy.")
                           .arg(EngineConfig::kMaxArms)
                           .arg(armOptionKeys()),
                       QStringLiteral("SPEC") });
    option("auction", "Auction type: first or second (default second).", "TYPE");
    option("tmax-ms", "A response later than this is a timeout (default 100).", "T");
    option("deterministic", "Virtual clock, lock-step batches: the same seed gives the same totals.");
    option("model", "A CTR model file (bidlab-ctr-model JSON) for the workers.", "FILE");
    option("log-csv", "Write the per-minute, per-campaign outcome log to this CSV file.", "FILE");
    option("save-scenario", "Write the run's scenario (after the options) to this file.", "FILE");
    option("store", "The run history database (default: the data folder's runs.sqlite).", "FILE");
    option("no-store", "Do not record the run in the run history.");
    option("incident",
           "Inject an incident once the run has lasted SECONDS: traffic-spike, bot-attack, slow-worker, "
           "market-price-jump or crash-loop (repeatable).",
           "KIND@SECONDS");
    option("alerts",
           "Watch the run with the live alert rules; print each alert as it is raised and all at the end "
           "(also stored with the run). Implied by --incident.");
    option("quiet", "No line per second.");
    option("json", "Print the summary as JSON.");
    int exitCode = kOk;
    if (!parseArguments(parser, arguments,
                        QStringLiteral("Run the multi-process bidding simulation headless and print its figures."),
                        &exitCode))
        return exitCode;

    EngineConfig config;
    if (!parser.isSet(QStringLiteral("max-requests")))
        config.durationSeconds = 10; // unless the scenario says otherwise
    const QString storePath = parser.isSet(QStringLiteral("store")) ? parser.value(QStringLiteral("store"))
                                                                    : store::RunStore::defaultPath();
    if (parser.isSet(QStringLiteral("scenario"))) {
        Expected<EngineConfig> loaded = EngineConfig::load(parser.value(QStringLiteral("scenario")));
        if (!loaded) {
            printErr(loaded.error());
            return kBadInput;
        }
        config = std::move(loaded).value();
    } else if (parser.isSet(QStringLiteral("from-run"))) {
        qint64 id = 0;
        if (!intOption(parser, QStringLiteral("from-run"), 1, std::numeric_limits<qint64>::max(), &id))
            return kUsage;
        Expected<store::StoredRun> run = store::RunStore(storePath).load(id);
        Expected<EngineConfig> loaded = run ? EngineConfig::fromJson(run->summary.scenario) : Error { run.error() };
        if (!loaded) {
            printErr(QStringLiteral("Cannot re-run run %1: %2").arg(id).arg(loaded.error()));
            return kBadInput;
        }
        config = std::move(loaded).value();
    }
    if (!applyOptions(parser, &config, &exitCode))
        return exitCode;
    const QStringList errors = config.validate();
    if (!errors.isEmpty()) {
        printErr(QStringLiteral("bidlab-cli simulate: the configuration is not valid:\n  ")
                 + errors.join(QStringLiteral("\n  ")));
        const bool fileProblem = std::any_of(errors.begin(), errors.end(),
                                             [](const QString& e) { return e.startsWith(QLatin1String("'model'")); });
        return fileProblem ? kBadInput : kUsage;
    }
    if (parser.isSet(QStringLiteral("save-scenario"))) {
        if (Status saved = config.save(parser.value(QStringLiteral("save-scenario"))); !saved) {
            printErr(saved.error());
            return kFailure;
        }
    }

    QList<std::pair<IncidentKind, double>> incidents;
    if (!parseIncidents(parser, &incidents))
        return kUsage;

    const bool json = parser.isSet(QStringLiteral("json"));
    const bool quiet = parser.isSet(QStringLiteral("quiet")) || json;
    Engine engine;
    RunSummary summary;
    bool finished = false;
    QObject::connect(&engine, &Engine::snapshot, [quiet](const EngineSnapshot& s) {
        if (!quiet && s.second)
            printOut(secondLine(*s.second));
    });
    anomaly::LiveMonitor monitor;
    const bool watch = parser.isSet(QStringLiteral("alerts")) || !incidents.isEmpty();
    if (watch) {
        monitor.attach(&engine);
        for (const auto& [kind, seconds] : incidents)
            monitor.scheduleIncident(kind, seconds);
        if (!json)
            QObject::connect(&monitor, &anomaly::LiveMonitor::alertRaised, [](const anomaly::LiveAlert& a) {
                printErr(QStringLiteral("ALERT ") + anomaly::describeAlert(a));
            });
    }
    QObject::connect(&engine, &Engine::event, [json](const EngineEvent& e) {
        if ((e.severity != EventSeverity::Info || qEnvironmentVariableIsSet("BIDLAB_VERBOSE"))
            && e.kind != EventKind::RunFinished && !json)
            printErr(QStringLiteral("[%1s] %2").arg(e.elapsedSeconds, 0, 'f', 1).arg(e.text));
    });
    QObject::connect(&engine, &Engine::finished, [&](const RunSummary& s) {
        summary = s;
        finished = true;
        QCoreApplication::quit();
    });

    bool interrupted = false;
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) == 0) {
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
    }
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, [&] {
        char c = 0;
        [[maybe_unused]] const ssize_t n = read(g_signalPipe[0], &c, 1);
        interrupted = true;
        printErr(QStringLiteral("Stopping: draining the requests in flight..."));
        engine.stop();
    });

    if (Status started = engine.start(config); !started) {
        printErr(started.error());
        return kFailure;
    }
    if (!quiet)
        printOut(QStringLiteral("simulate: %1 workers, %2, strategy %3, %4-price, tmax %5 ms, seed %6%7")
                     .arg(config.workers)
                     .arg(config.unlimitedQps ? QStringLiteral("unlimited QPS")
                                              : QStringLiteral("%1 QPS").arg(config.targetQps))
                     .arg(bidding::strategyName(config.strategy.kind), auctionTypeName(config.auction))
                     .arg(config.tmaxMs)
                     .arg(config.seed)
                     .arg(config.deterministic ? QStringLiteral(", deterministic") : QString()));
    if (!finished)
        QCoreApplication::exec();

    qint64 runId = 0;
    if (!parser.isSet(QStringLiteral("no-store"))) {
        store::RunStore runs(storePath);
        Expected<qint64> saved
            = runs.save(summary, watch ? anomaly::storedAlerts(monitor.alerts()) : QList<store::StoredAlert> {});
        if (saved)
            runId = *saved;
        else
            printErr(QStringLiteral("The run could not be recorded in the run history: %1").arg(saved.error()));
    }
    if (json) {
        QJsonObject out = summary.toJson();
        out.insert(QStringLiteral("runId"), runId);
        QJsonArray series;
        for (const SeriesPoint& p : summary.series)
            series.append(RunSummary::seriesPointToJson(p));
        out.insert(QStringLiteral("series"), series);
        if (watch)
            out.insert(QStringLiteral("alerts"), alertsJson(monitor));
        printJson(out);
    } else {
        printSummary(summary, runId);
        if (watch)
            printAlerts(monitor);
    }
    if (interrupted)
        return kInterrupted;
    return summary.endState == EngineState::Finished && summary.accountingBalanced() ? kOk : kFailure;
}

const Registrar registrar { { QStringLiteral("simulate"),
                              QStringLiteral("Run the multi-process bidding simulation headless."), runSimulate } };

} // namespace

} // namespace bidlab::cli
