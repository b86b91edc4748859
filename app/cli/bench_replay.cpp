// SPDX-License-Identifier: MIT
// bidlab-cli bench replay: the RLB value table (N = 1000, c0 = 1/32, the shared campaign with the largest
// budget), the replay of 1,000,000 logged auctions per strategy, and OpenRTB request parsing in MB/s.
#include "app/cli/cli_command.h"
#include "core/jobs/job_pool.h"
#include "core/openrtb/request_file.h"
#include "core/openrtb/request_parser.h"
#include "core/replay/auction_log.h"
#include "core/replay/campaign_info.h"
#include "core/replay/replay_evaluator.h"
#include "core/replay/replay_job.h"
#include "core/replay/strategy_factory.h"
#include "core/replay/value_table.h"

#include <algorithm>
#include <functional>

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSysInfo>
#include <QThread>
#include <QThreadPool>

namespace bidlab::cli {

namespace {

using namespace replay;

QString sharedData(const QCommandLineParser& parser)
{
    if (parser.isSet(QStringLiteral("data")))
        return parser.value(QStringLiteral("data"));
    const QString env = qEnvironmentVariable("BIDLAB_SHARED_DATA");
    for (const QString& candidate : { env, QStringLiteral("../shared/data"), QStringLiteral("/work/shared/data") }) {
        if (!candidate.isEmpty() && QDir(candidate).exists(QStringLiteral("ipinyou")))
            return candidate;
    }
    return {};
}

// The best and the median of `repeats` timings of `work`, in seconds; `after` runs untimed after each.
std::pair<double, double> timeIt(int repeats, const std::function<void()>& work,
                                 const std::function<void()>& after = {})
{
    std::vector<double> seconds;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer clock;
        clock.start();
        work();
        seconds.push_back(static_cast<double>(clock.nsecsElapsed()) / 1e9);
        if (after)
            after();
    }
    std::sort(seconds.begin(), seconds.end());
    return { seconds.front(), seconds[seconds.size() / 2] };
}

struct Campaign
{
    double c0 = 1.0 / 32;
    CampaignInfo info;
    AuctionLog log;
    EpisodeRules rules;
};

// The campaign whose budget per episode (N = 1000, c0) is the largest.
Expected<Campaign> largestBudget(const QString& data, double c0)
{
    Campaign best;
    best.c0 = c0;
    const QDir folder(data + QStringLiteral("/ipinyou"));
    for (const QString& name : folder.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        auto info = readCampaignInfo(folder.filePath(name + QStringLiteral("/info.json")));
        if (!info)
            continue;
        const std::int64_t budget = episodeBudget(*info, c0, 1000);
        if (budget > best.rules.budget) {
            best.info = std::move(info).value();
            best.rules = { 1000, budget, best.info.maxPrice() };
        }
    }
    if (best.rules.budget == 0)
        return Error { QStringLiteral("No iPinYou campaign under %1.").arg(folder.path()) };
    const QString camp = best.info.campaign;
    auto log = readAuctionLog(folder.filePath(camp + QLatin1Char('/') + camp + QStringLiteral(".validation.txt")));
    if (!log)
        return Error { log.error() };
    best.log = std::move(log).value();
    return best;
}

ValueTableInput tableInput(const Campaign& c)
{
    return { c.rules.length, static_cast<int>(c.rules.budget), c.info.averageCtr(), c.rules.maxBid,
             MarketPrice::fromCounts(c.info.priceCounts) };
}

QJsonObject benchTable(const Campaign& c, int repeats, QString& text)
{
    QJsonObject out;
    text += QStringLiteral("RLB value table, campaign %1, N = 1000, c0 = %4, B = %2 (%3 entries):\n")
                .arg(c.info.campaign)
                .arg(c.rules.budget)
                .arg(1000 * (c.rules.budget + 1))
                .arg(c.c0, 0, 'g', 6);
    for (const int threads : { 1, 2 }) {
        QThreadPool pool;
        pool.setMaxThreadCount(threads);
        const ValueTableInput input = tableInput(c);
        const auto [best, median]
            = timeIt(repeats, [&] { (void)computeValueTable(input, threads > 1 ? &pool : nullptr); });
        text += QStringLiteral("  %1 thread(s): best %2 s, median %3 s\n")
                    .arg(threads)
                    .arg(best, 0, 'f', 3)
                    .arg(median, 0, 'f', 3);
        out.insert(QStringLiteral("threads%1BestSeconds").arg(threads), best);
        out.insert(QStringLiteral("threads%1MedianSeconds").arg(threads), median);
    }
    out.insert(QStringLiteral("campaign"), c.info.campaign);
    out.insert(QStringLiteral("budget"), qint64(c.rules.budget));
    return out;
}

QJsonObject benchReplay(const Campaign& c, int repeats, QString& text)
{
    // 1,000,000 auctions: the validation log ten times over.
    std::vector<LoggedAuction> auctions;
    auctions.reserve(1'000'000);
    while (auctions.size() < 1'000'000)
        auctions.insert(auctions.end(), c.log.auctions.begin(), c.log.auctions.end());
    auctions.resize(1'000'000);
    auto table = computeValueTable(tableInput(c), jobs::jobPool());
    const auto shared = std::make_shared<const ValueTable>(std::move(table).value());
    QJsonObject out;
    text += QStringLiteral("Replay of 1,000,000 logged auctions (campaign %1, value table ready):\n")
                .arg(c.info.campaign);
    for (const QString& name : replayStrategyNames()) {
        // Fixed parameters for the strategies that are otherwise tuned: speed does not depend on them.
        StrategySpec spec;
        spec.name = name;
        if (tunedParameter(name) == QLatin1String("b0"))
            spec.b0 = 45;
        if (tunedParameter(name) == QLatin1String("lambda"))
            spec.lambda = 5e-4;
        auto strategy = makeStrategy(spec, { c.info, c.rules, shared });
        QJsonObject row;
        QString line = QStringLiteral("  %1").arg(name, -8);
        for (const int threads : { 1, 2 }) {
            QThreadPool pool;
            pool.setMaxThreadCount(threads);
            const auto [best, median] = timeIt(
                repeats, [&] { (void)replay::replay(auctions, **strategy, c.rules, threads > 1 ? &pool : nullptr); });
            line += QStringLiteral("  %1 thread(s): %2 s (%3 M auctions/s)")
                        .arg(threads)
                        .arg(best, 0, 'f', 3)
                        .arg(1.0 / best, 0, 'f', 1);
            row.insert(QStringLiteral("threads%1BestSeconds").arg(threads), best);
            row.insert(QStringLiteral("threads%1MedianSeconds").arg(threads), median);
        }
        text += line + QLatin1Char('\n');
        out.insert(name, row);
    }
    return out;
}

QJsonObject benchOpenRtb(const QString& data, int repeats, QString& report)
{
    // Every shared request, compacted to one line each, repeated to about 64 MB of JSON Lines.
    const QDir folder(data + QStringLiteral("/openrtb/bid-requests"));
    QByteArray lines;
    for (const QString& name : folder.entryList({ QStringLiteral("*.json") })) {
        QFile file(folder.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            lines += file.readAll().simplified() + '\n';
    }
    QJsonObject out;
    if (lines.isEmpty()) {
        report += QStringLiteral("OpenRTB: no requests under %1.\n").arg(folder.path());
        return out;
    }
    QByteArray corpus;
    while (corpus.size() < 64 * 1024 * 1024)
        corpus += lines;
    const std::string_view text(corpus.constData(), static_cast<std::size_t>(corpus.size()));
    corpus += QByteArray(static_cast<qsizetype>(openrtb::RequestParser::kPadding), ' '); // readable padding
    const double megabytes = static_cast<double>(text.size()) / 1e6;

    // A bidder's view: one request at a time, parsed into its record and dropped.
    std::size_t requests = 0;
    openrtb::RequestParser parser;
    const auto [streamBest, streamMedian] = timeIt(repeats, [&] {
        requests = 0;
        for (std::size_t pos = 0; pos < text.size();) {
            const std::size_t end = text.find('\n', pos);
            requests += parser.parsePadded(text.substr(pos, end - pos)).ok();
            pos = end + 1;
        }
    });
    // A file load: every record kept, with its line, errors and warnings (freeing them is not timed).
    std::optional<openrtb::RequestFile> kept;
    const auto [loadBest, loadMedian] = timeIt(
        repeats, [&] { kept = openrtb::parseRequests(text, QStringLiteral("bench")); }, [&] { kept.reset(); });
    report += QStringLiteral("OpenRTB request parsing (JSON Lines, %1 MB, %2 requests, one thread):\n"
                             "  one request at a time: %3 MB/s best, %4 MB/s median (%5 requests/s)\n"
                             "  whole file, every record kept: %6 MB/s best, %7 MB/s median\n")
                  .arg(megabytes, 0, 'f', 1)
                  .arg(requests)
                  .arg(megabytes / streamBest, 0, 'f', 0)
                  .arg(megabytes / streamMedian, 0, 'f', 0)
                  .arg(static_cast<double>(requests) / streamBest, 0, 'f', 0)
                  .arg(megabytes / loadBest, 0, 'f', 0)
                  .arg(megabytes / loadMedian, 0, 'f', 0);
    out.insert(QStringLiteral("megabytes"), megabytes);
    out.insert(QStringLiteral("requests"), qint64(requests));
    out.insert(QStringLiteral("streamBestMBps"), megabytes / streamBest);
    out.insert(QStringLiteral("streamMedianMBps"), megabytes / streamMedian);
    out.insert(QStringLiteral("fileBestMBps"), megabytes / loadBest);
    out.insert(QStringLiteral("fileMedianMBps"), megabytes / loadMedian);
    return out;
}

int runBenchReplay(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOptions({
        { QStringLiteral("what"), QStringLiteral("table, replay, openrtb or all."), QStringLiteral("WHAT"),
          QStringLiteral("all") },
        { QStringLiteral("repeats"), QStringLiteral("Timings per figure (best and median are printed)."),
          QStringLiteral("N"), QStringLiteral("5") },
        { QStringLiteral("data"), QStringLiteral("The shared data folder (ipinyou/, openrtb/)."),
          QStringLiteral("DIR") },
        { QStringLiteral("c0"), QStringLiteral("The budget share of the value table and the replay."),
          QStringLiteral("SHARE"), QStringLiteral("1/32") },
        { QStringLiteral("json"), QStringLiteral("Print JSON.") },
    });
    int exitCode = kOk;
    if (!parseArguments(parser, arguments, QStringLiteral("Benchmark the replay and the OpenRTB parser."), &exitCode))
        return exitCode;
    qint64 repeats = 5;
    if (!intOption(parser, QStringLiteral("repeats"), 1, 1000, &repeats))
        return kUsage;
    const QString what = parser.value(QStringLiteral("what"));
    if (!QStringList { QStringLiteral("table"), QStringLiteral("replay"), QStringLiteral("openrtb"),
                       QStringLiteral("all") }
             .contains(what)) {
        printErr(QStringLiteral("--what: expected table, replay, openrtb or all, got '%1'.").arg(what));
        return kUsage;
    }
    const auto c0 = parseShare(parser.value(QStringLiteral("c0")));
    if (!c0) {
        printErr(
            QStringLiteral("--c0: expected a share such as 1/32, got '%1'.").arg(parser.value(QStringLiteral("c0"))));
        return kUsage;
    }
    const QString data = sharedData(parser);
    if (data.isEmpty()) {
        printErr(QStringLiteral("bidlab-cli bench replay: the shared data folder was not found; give --data DIR."));
        return kBadInput;
    }
    QJsonObject json;
    json.insert(QStringLiteral("cpu"), QSysInfo::currentCpuArchitecture());
    json.insert(QStringLiteral("cores"), QThread::idealThreadCount());
    json.insert(QStringLiteral("loadBefore"), loadAverage());
    QString text
        = QStringLiteral("Machine: %1 cores, load average %2\n\n").arg(QThread::idealThreadCount()).arg(loadAverage());
    const bool all = what == QLatin1String("all");
    if (all || what == QLatin1String("table") || what == QLatin1String("replay")) {
        const auto campaign = largestBudget(data, *c0);
        if (!campaign) {
            printErr(campaign.error());
            return kBadInput;
        }
        if (all || what == QLatin1String("table"))
            json.insert(QStringLiteral("valueTable"), benchTable(*campaign, static_cast<int>(repeats), text));
        if (all || what == QLatin1String("replay"))
            json.insert(QStringLiteral("replay"), benchReplay(*campaign, static_cast<int>(repeats), text));
    }
    if (all || what == QLatin1String("openrtb"))
        json.insert(QStringLiteral("openrtb"), benchOpenRtb(data, static_cast<int>(repeats), text));
    json.insert(QStringLiteral("loadAfter"), loadAverage());
    if (parser.isSet(QStringLiteral("json")))
        printJson(json);
    else
        printOut(text + QStringLiteral("\nLoad average after: %1").arg(loadAverage()));
    return kOk;
}

const BenchRegistrar registrar { { QStringLiteral("replay"),
                                   QStringLiteral("RLB value table, 1M-auction replay, OpenRTB parsing speed."),
                                   runBenchReplay } };

} // namespace

} // namespace bidlab::cli
