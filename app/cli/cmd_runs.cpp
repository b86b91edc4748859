// SPDX-License-Identifier: MIT
// bidlab-cli runs: the run history (SQLite). `runs` lists, `runs show ID [--json]` prints one, `runs delete ID`
// removes one.
#include "app/cli/cli_command.h"
#include "core/store/run_store.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonArray>

namespace bidlab::cli {

namespace {

using namespace bidlab::store;

QJsonObject infoToJson(const RunInfo& r)
{
    return { { QStringLiteral("id"), r.id },
             { QStringLiteral("name"), r.name },
             { QStringLiteral("startedAt"), QDateTime::fromMSecsSinceEpoch(r.startedAtMs).toString(Qt::ISODate) },
             { QStringLiteral("seconds"), r.seconds },
             { QStringLiteral("endState"), r.endState },
             { QStringLiteral("strategy"), r.strategy },
             { QStringLiteral("workers"), r.workers },
             { QStringLiteral("generated"), r.generated },
             { QStringLiteral("spend"), formatMoney(r.spend, 6) },
             { QStringLiteral("revenue"), formatMoney(r.revenue, 6) } };
}

bool parseId(const QString& text, qint64* id)
{
    bool ok = false;
    *id = text.toLongLong(&ok);
    if (!ok || *id <= 0) {
        printErr(QStringLiteral("bidlab-cli runs: expected a run id (a positive whole number), got '%1'.").arg(text));
        return false;
    }
    return true;
}

int listRuns(const RunStore& runs, bool json)
{
    Expected<QList<RunInfo>> list = runs.list();
    if (!list) {
        printErr(list.error());
        return kFailure;
    }
    if (json) {
        QJsonArray array;
        for (const RunInfo& r : *list)
            array.append(infoToJson(r));
        printJson({ { QStringLiteral("store"), runs.path() }, { QStringLiteral("runs"), array } });
        return kOk;
    }
    if (list->isEmpty()) {
        printOut(QStringLiteral("No runs in %1.").arg(runs.path()));
        return kOk;
    }
    QString text = QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8\n")
                       .arg(QStringLiteral("id"), 5)
                       .arg(QStringLiteral("started"), -19)
                       .arg(QStringLiteral("seconds"), 8)
                       .arg(QStringLiteral("state"), -8)
                       .arg(QStringLiteral("strategy"), -8)
                       .arg(QStringLiteral("workers"), 7)
                       .arg(QStringLiteral("requests"), 12)
                       .arg(QStringLiteral("spend"), 12);
    for (const RunInfo& r : *list)
        text += QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8\n")
                    .arg(r.id, 5)
                    .arg(QDateTime::fromMSecsSinceEpoch(r.startedAtMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                         -19)
                    .arg(QString::number(r.seconds, 'f', 1), 8)
                    .arg(r.endState, -8)
                    .arg(r.strategy, -8)
                    .arg(r.workers, 7)
                    .arg(r.generated, 12)
                    .arg(formatMoney(r.spend), 12);
    printOut(text);
    return kOk;
}

int showRun(const RunStore& runs, qint64 id, bool json)
{
    Expected<StoredRun> run = runs.load(id);
    if (!run) {
        printErr(run.error());
        return kBadInput;
    }
    QJsonObject out = run->summary.toJson();
    out.insert(QStringLiteral("run"), infoToJson(run->info));
    QJsonArray series;
    for (const engine::SeriesPoint& p : run->summary.series)
        series.append(engine::RunSummary::seriesPointToJson(p));
    out.insert(QStringLiteral("series"), series);
    if (json) {
        printJson(out);
        return kOk;
    }
    const engine::Counters& t = run->summary.totals;
    printOut(QStringLiteral("run %1  %2  %3 s  %4 (%5)\n"
                            "generated %6 = bids %7 + no-bids %8 + timeouts %9 + shed %10\n"
                            "wins %11  impressions %12  clicks %13  conversions %14  spend %15  revenue %16\n"
                            "%17 seconds of series; --json prints everything")
                 .arg(id)
                 .arg(QDateTime::fromMSecsSinceEpoch(run->info.startedAtMs).toString(Qt::ISODate))
                 .arg(run->info.seconds, 0, 'f', 1)
                 .arg(run->info.endState, run->summary.endReason)
                 .arg(t.generated)
                 .arg(t.bids)
                 .arg(t.noBids)
                 .arg(t.timeouts)
                 .arg(t.shed)
                 .arg(t.wins)
                 .arg(t.impressions)
                 .arg(t.clicks)
                 .arg(t.conversions)
                 .arg(formatMoney(t.spend), formatMoney(t.revenue))
                 .arg(run->summary.series.size()));
    return kOk;
}

int runRuns(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("Nothing (list), 'show ID' or 'delete ID'."));
    parser.addOption({ QStringLiteral("store"),
                       QStringLiteral("The run history database (default: the data folder's runs.sqlite)."),
                       QStringLiteral("FILE") });
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Print JSON.") });
    int exitCode = kOk;
    if (!parseArguments(parser, arguments, QStringLiteral("List, show or delete stored simulation runs."), &exitCode))
        return exitCode;
    RunStore runs(parser.isSet(QStringLiteral("store")) ? parser.value(QStringLiteral("store"))
                                                        : RunStore::defaultPath());
    const bool json = parser.isSet(QStringLiteral("json"));
    const QStringList args = parser.positionalArguments();
    if (args.isEmpty())
        return listRuns(runs, json);
    const QString action = args.first();
    if ((action == QLatin1String("show") || action == QLatin1String("delete")) && args.size() == 2) {
        qint64 id = 0;
        if (!parseId(args.at(1), &id))
            return kUsage;
        if (action == QLatin1String("show"))
            return showRun(runs, id, json);
        if (Status removed = runs.remove(id); !removed) {
            printErr(removed.error());
            return kBadInput;
        }
        printOut(QStringLiteral("Run %1 deleted.").arg(id));
        return kOk;
    }
    printErr(
        QStringLiteral("bidlab-cli runs: expected nothing, 'show ID' or 'delete ID'.\nTry 'bidlab-cli runs --help'."));
    return kUsage;
}

const Registrar registrar { { QStringLiteral("runs"), QStringLiteral("List, show or delete stored simulation runs."),
                              runRuns } };

} // namespace

} // namespace bidlab::cli
