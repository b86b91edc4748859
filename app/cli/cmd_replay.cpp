// SPDX-License-Identifier: MIT
// bidlab-cli replay: replays a logged-auction file (iPinYou, or OpenRTB requests) under a budget-constrained
// strategy, RLB's way (REPLAY.md), and prints the paper's figures and the spending per episode.
#include "app/cli/cli_command.h"
#include "app/cli/cmd_replay_live.h"
#include "core/common/money.h"
#include "core/jobs/job_pool.h"
#include "core/replay/replay_job.h"
#include "core/replay/replay_report.h"
#include "ui/report/report_export.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace bidlab::cli {

namespace {

using namespace replay;

QJsonValue ratioJson(const std::optional<double>& value, double scale = 1.0)
{
    return value ? QJsonValue(*value * scale) : QJsonValue(QJsonValue::Null);
}

QString ratioText(const std::optional<double>& value, double scale = 1.0)
{
    return value ? QString::number(*value * scale, 'f', 2) : QStringLiteral("\u2014");
}

QJsonObject countsJson(const ReplayCounts& counts, std::int64_t budget)
{
    QJsonObject out;
    out.insert(QStringLiteral("auctions"), qint64(counts.auctions));
    out.insert(QStringLiteral("bids"), qint64(counts.bids));
    out.insert(QStringLiteral("impressions"), qint64(counts.impressions));
    out.insert(QStringLiteral("clicks"), qint64(counts.clicks));
    out.insert(QStringLiteral("cost"), qint64(counts.cost));
    if (budget >= 0)
        out.insert(QStringLiteral("budgetUsed"),
                   ratioJson(budget > 0 ? std::optional<double>(double(counts.cost) / double(budget)) : std::nullopt));
    return out;
}

QJsonObject runJson(const ReplayRun& run)
{
    const ReplayCounts& t = run.result.totals;
    QJsonObject out = countsJson(t, -1);
    out.insert(QStringLiteral("campaign"), run.info.campaign);
    out.insert(QStringLiteral("log"), run.logName);
    out.insert(QStringLiteral("strategy"), run.strategy.name);
    out.insert(QStringLiteral("strategyLabel"), strategyLabel(run.strategy));
    if (run.tuning)
        out.insert(QStringLiteral("tuned"),
                   QJsonObject { { QStringLiteral("parameter"), run.tuning->parameter },
                                 { QStringLiteral("value"), run.tuning->best },
                                 { QStringLiteral("clicks"), qint64(run.tuning->bestClicks) },
                                 { QStringLiteral("episodes"), qint64(run.tuning->episodes) } });
    out.insert(QStringLiteral("episodeLength"), run.result.rules.length);
    out.insert(QStringLiteral("c0"), run.params.c0);
    out.insert(QStringLiteral("budget"), qint64(run.result.rules.budget));
    out.insert(QStringLiteral("maxBid"), run.result.rules.maxBid);
    out.insert(QStringLiteral("spend"), formatMoney(spendMicros(t.cost), 6));
    out.insert(QStringLiteral("winRatePercent"), ratioJson(t.winRate(), 100.0));
    out.insert(QStringLiteral("cpm"), ratioJson(t.cpm()));
    out.insert(QStringLiteral("ecpc"), ratioJson(t.ecpc()));
    out.insert(QStringLiteral("valueTableSeconds"), run.tableSeconds);
    out.insert(QStringLiteral("valueTableFromCache"), run.tableFromCache);
    out.insert(QStringLiteral("replaySeconds"), run.replaySeconds);
    out.insert(QStringLiteral("threads"), run.threads);
    QJsonArray episodes;
    for (const ReplayCounts& episode : run.result.episodes)
        episodes.append(countsJson(episode, run.result.rules.budget));
    out.insert(QStringLiteral("episodes"), episodes);
    out.insert(QStringLiteral("notes"), QJsonArray::fromStringList(run.notes));
    return out;
}

void printRun(const ReplayRun& run, bool allEpisodes)
{
    const ReplayCounts& t = run.result.totals;
    const EpisodeRules& rules = run.result.rules;
    QString text = QStringLiteral("%1 on campaign %2, %3: N = %4, c0 = %5, B = %6, bid cap %7\n\n")
                       .arg(strategyLabel(run.strategy), run.info.campaign, run.logName)
                       .arg(rules.length)
                       .arg(run.params.c0, 0, 'g', 10)
                       .arg(rules.budget)
                       .arg(rules.maxBid);
    const auto line = [&text](const QString& name, const QString& value) {
        text += QStringLiteral("  %1 %2\n").arg(name, -13).arg(value);
    };
    line(QStringLiteral("auctions"), QString::number(t.auctions));
    line(QStringLiteral("bids"), QString::number(t.bids));
    line(QStringLiteral("impressions"), QString::number(t.impressions));
    line(QStringLiteral("clicks"), QString::number(t.clicks));
    line(QStringLiteral("cost"), QStringLiteral("%1 (spend %2)").arg(t.cost).arg(formatMoney(spendMicros(t.cost))));
    line(QStringLiteral("win rate"), ratioText(t.winRate(), 100.0) + QStringLiteral(" %"));
    line(QStringLiteral("CPM"), ratioText(t.cpm()));
    line(QStringLiteral("eCPC"), ratioText(t.ecpc()));

    const std::vector<ReplayCounts>& episodes = run.result.episodes;
    const std::size_t shown = allEpisodes ? episodes.size() : std::min<std::size_t>(episodes.size(), 10);
    text += QStringLiteral("\nSpending per episode%1:\n  episode auctions     bids  imps clicks   cost  budget used\n")
                .arg(shown < episodes.size()
                         ? QStringLiteral(" (first %1 of %2; --episodes for all)").arg(shown).arg(episodes.size())
                         : QString());
    for (std::size_t i = 0; i < shown; ++i) {
        const ReplayCounts& e = episodes[i];
        const std::optional<double> used
            = rules.budget > 0 ? std::optional<double>(double(e.cost) / double(rules.budget)) : std::nullopt;
        text += QStringLiteral("  %1 %2 %3 %4 %5 %6 %7 %\n")
                    .arg(i + 1, 7)
                    .arg(e.auctions, 8)
                    .arg(e.bids, 8)
                    .arg(e.impressions, 5)
                    .arg(e.clicks, 6)
                    .arg(e.cost, 6)
                    .arg(ratioText(used, 100.0), 10);
    }
    for (const QString& note : run.notes)
        text += QStringLiteral("\nNote: ") + note;
    if (run.tableFromCache || run.tableSeconds > 0)
        text += QStringLiteral("\nValue table: %1.")
                    .arg(run.tableFromCache ? QStringLiteral("from the cache")
                                            : QStringLiteral("%1 s").arg(run.tableSeconds, 0, 'f', 3));
    text += QStringLiteral("\nReplay: %1 s on %2 thread(s).").arg(run.replaySeconds, 0, 'f', 3).arg(run.threads);
    printOut(text);
}

// info.json beside the log, as in iPinYou's layout (<camp>/info.json next to <camp>/<camp>.validation.txt).
QString defaultInfoPath(const QString& logPath)
{
    const QString beside = QFileInfo(logPath).absoluteDir().filePath(QStringLiteral("info.json"));
    return QFileInfo::exists(beside) ? beside : QString();
}

bool readParams(const QCommandLineParser& parser, ReplayParams& params)
{
    params.logPath = parser.value(QStringLiteral("log"));
    params.infoPath
        = parser.isSet(QStringLiteral("info")) ? parser.value(QStringLiteral("info")) : defaultInfoPath(params.logPath);
    params.strategy.name = parser.value(QStringLiteral("strategy")).toLower();
    if (params.logPath.isEmpty()) {
        printErr(QStringLiteral("bidlab-cli replay: --log FILE is required."));
        return false;
    }
    if (params.infoPath.isEmpty()) {
        printErr(QStringLiteral("bidlab-cli replay: --info FILE is required (no info.json beside the log)."));
        return false;
    }
    const QStringList known = replayStrategyNames();
    if (!known.contains(params.strategy.name)) {
        printErr(QStringLiteral("--strategy: expected one of %1, got '%2'.")
                     .arg(known.join(QStringLiteral(", ")), params.strategy.name));
        return false;
    }
    const auto c0 = parseShare(parser.value(QStringLiteral("c0")));
    if (!c0) {
        printErr(QStringLiteral("--c0: expected a share above 0 and at most 1 such as 1/32 or 0.25, got '%1'.")
                     .arg(parser.value(QStringLiteral("c0"))));
        return false;
    }
    params.c0 = *c0;
    qint64 episode = params.episodeLength;
    qint64 limit = params.maxAuctions;
    qint64 threads = jobs::jobPool()->maxThreadCount();
    double b0 = 0;
    double lambda = 0;
    double ortbC = 0;
    qint64 seed = 1;
    if (!intOption(parser, QStringLiteral("episode"), 1, 1'000'000, &episode)
        || !intOption(parser, QStringLiteral("limit"), 1, std::numeric_limits<qint64>::max(), &limit)
        || !intOption(parser, QStringLiteral("threads"), 1, 256, &threads)
        || !doubleOption(parser, QStringLiteral("b0"), 0, 1e9, &b0)
        || !doubleOption(parser, QStringLiteral("lambda"), 1e-12, 1e6, &lambda)
        || !doubleOption(parser, QStringLiteral("c"), 1e-6, 1e9, &ortbC)
        || !intOption(parser, QStringLiteral("seed"), 0, std::numeric_limits<qint64>::max(), &seed))
        return false;
    if (parser.isSet(QStringLiteral("lambda")))
        params.strategy.lambda = lambda;
    if (parser.isSet(QStringLiteral("c")))
        params.strategy.ortbC = ortbC;
    params.strategy.seed = static_cast<std::uint64_t>(seed);
    params.episodeLength = static_cast<int>(episode);
    params.maxAuctions = limit;
    if (parser.isSet(QStringLiteral("b0")))
        params.strategy.b0 = b0;
    params.tuneLogPath = parser.value(QStringLiteral("tune-log"));
    if (needsTuning(params.strategy) && params.tuneLogPath.isEmpty()) {
        printErr(QStringLiteral("bidlab-cli replay: --strategy %1 needs --%2 or --tune-log FILE.")
                     .arg(params.strategy.name, tunedParameter(params.strategy.name)));
        return false;
    }
    jobs::setJobThreadCount(static_cast<int>(threads));
    return true;
}

int runReplayCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOptions({
        { QStringLiteral("log"),
          QStringLiteral("The auctions: an iPinYou log (test.theta.txt, *.validation.txt) or "
                         "a file of OpenRTB bid requests."),
          QStringLiteral("FILE") },
        { QStringLiteral("info"), QStringLiteral("The campaign's info.json (default: the one beside the log)."),
          QStringLiteral("FILE") },
        { QStringLiteral("strategy"),
          QStringLiteral("%1 (%2 are the engine's own, from core/bidding).")
              .arg(replayStrategyNames().join(QStringLiteral(", ")), engineStrategyNames().join(QStringLiteral(", "))),
          QStringLiteral("NAME"), QStringLiteral("rlb") },
        { QStringLiteral("c0"), QStringLiteral("Budget per episode as a share of the training cost of N auctions."),
          QStringLiteral("SHARE"), QStringLiteral("1/32") },
        { QStringLiteral("episode"), QStringLiteral("Auctions per episode, N."), QStringLiteral("N"),
          QStringLiteral("1000") },
        { QStringLiteral("b0"),
          QStringLiteral("Constant's bid, linear's base bid, random's highest bid, in the log's price unit."),
          QStringLiteral("X") },
        { QStringLiteral("lambda"), QStringLiteral("ORTB's lambda (CTR per currency unit of CPM)."),
          QStringLiteral("X") },
        { QStringLiteral("c"), QStringLiteral("ORTB's c in the price unit (default: median training price)."),
          QStringLiteral("X") },
        { QStringLiteral("tune-log"),
          QStringLiteral("Tune b0 (constant, linear) or lambda (ortb) on this log when not given."),
          QStringLiteral("FILE") },
        { QStringLiteral("seed"), QStringLiteral("Random bits of the random strategy."), QStringLiteral("N"),
          QStringLiteral("1") },
        { QStringLiteral("limit"), QStringLiteral("Replay only the first N auctions (the paper: 350000)."),
          QStringLiteral("N") },
        { QStringLiteral("threads"), QStringLiteral("Threads of the job pool."), QStringLiteral("N") },
        { QStringLiteral("episodes"), QStringLiteral("List every episode, not the first 10.") },
        { QStringLiteral("export"), QStringLiteral("Also write the report to FILE (.csv, .xlsx or .pdf)."),
          QStringLiteral("FILE") },
        { QStringLiteral("live"),
          QStringLiteral("Also replay through the live engine (bidder worker processes) and compare the totals "
                         "(constant, random, linear, ortb).") },
        { QStringLiteral("workers"), QStringLiteral("Worker processes of the live replay (default 2)."),
          QStringLiteral("N"), QStringLiteral("2") },
        { QStringLiteral("json"), QStringLiteral("Print JSON.") },
    });
    int exitCode = kOk;
    if (!parseArguments(parser, arguments,
                        QStringLiteral("Replay logged auctions under a budget-constrained bidding strategy, as in "
                                       "Cai et al., WSDM 2017 (RLB): episodes of N auctions, budget B = int(train "
                                       "cost per auction x c0 x N), win when bid >= price, pay the logged price."),
                        &exitCode))
        return exitCode;
    ReplayParams params;
    if (!readParams(parser, params))
        return kUsage;
    for (const QString& path : { params.logPath, params.infoPath }) {
        if (!QFileInfo(path).isFile()) {
            printErr(QStringLiteral("bidlab-cli replay: %1 does not exist or is not a file.").arg(path));
            return kBadInput;
        }
    }
    const auto run = runReplay(params);
    if (!run) {
        printErr(QStringLiteral("bidlab-cli replay: ") + run.error());
        return kBadInput;
    }
    const bool json = parser.isSet(QStringLiteral("json"));
    if (!json)
        printRun(*run, parser.isSet(QStringLiteral("episodes")));
    QJsonObject live;
    if (parser.isSet(QStringLiteral("live"))) {
        qint64 workers = 2;
        if (!intOption(parser, QStringLiteral("workers"), 1, 16, &workers))
            return kUsage;
        auto played = runLiveReplay(*run, static_cast<int>(workers), json);
        if (!played) {
            printErr(QStringLiteral("bidlab-cli replay --live: ") + played.error());
            return kFailure;
        }
        live = *played;
    }
    if (json) {
        QJsonObject out = runJson(*run);
        if (!live.isEmpty())
            out.insert(QStringLiteral("live"), live);
        printJson(out);
    }
    if (parser.isSet(QStringLiteral("export"))) {
        const Status written = ui::exportReport(replayReport(*run), parser.value(QStringLiteral("export")));
        if (!written) {
            printErr(QStringLiteral("bidlab-cli replay: ") + written.error());
            return kFailure;
        }
    }
    return kOk;
}

const Registrar registrar { { QStringLiteral("replay"),
                              QStringLiteral(
                                  "Replay an auction log (iPinYou, OpenRTB) under RLB, SS-MDP, Mcpc, Lin, ORTB, ..."),
                              runReplayCommand, /*needsGui=*/true } }; // --export to PDF draws charts

} // namespace

} // namespace bidlab::cli
