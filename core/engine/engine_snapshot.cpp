// SPDX-License-Identifier: MIT
#include "core/engine/engine_snapshot.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace bidlab::engine {

namespace {

QJsonValue optionalRatio(const std::optional<double>& value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

// The counters' fields, once, for JSON both ways and for the arithmetic.
template<class F> void forEachCounter(F&& f)
{
    f("generated", &Counters::generated);
    f("bids", &Counters::bids);
    f("noBids", &Counters::noBids);
    f("timeouts", &Counters::timeouts);
    f("shed", &Counters::shed);
    f("redispatched", &Counters::redispatched);
    f("wins", &Counters::wins);
    f("losses", &Counters::losses);
    f("budgetRejected", &Counters::budgetRejected);
    f("impressions", &Counters::impressions);
    f("clicks", &Counters::clicks);
    f("conversions", &Counters::conversions);
    f("spend", &Counters::spend);
    f("revenue", &Counters::revenue);
    f("eventsProcessed", &Counters::eventsProcessed);
    f("eventsFiltered", &Counters::eventsFiltered);
    f("botEvents", &Counters::botEvents);
    f("duplicateClicks", &Counters::duplicateClicks);
    f("unattributedConversions", &Counters::unattributedConversions);
    f("eventErrors", &Counters::eventErrors);
}

LatencySummary latencyFromJson(const QJsonObject& json)
{
    LatencySummary l;
    l.count = json.value(QLatin1String("count")).toInteger();
    l.mean = json.value(QLatin1String("meanNs")).toInteger();
    l.p50 = json.value(QLatin1String("p50Ns")).toInteger();
    l.p90 = json.value(QLatin1String("p90Ns")).toInteger();
    l.p99 = json.value(QLatin1String("p99Ns")).toInteger();
    l.p999 = json.value(QLatin1String("p999Ns")).toInteger();
    l.max = json.value(QLatin1String("maxNs")).toInteger();
    return l;
}

QJsonObject workerToJson(const WorkerRow& w)
{
    return { { QStringLiteral("id"), w.id },
             { QStringLiteral("pid"), w.pid },
             { QStringLiteral("state"), workerStateName(w.state) },
             { QStringLiteral("answered"), w.answered },
             { QStringLiteral("restarts"), w.restarts },
             { QStringLiteral("modelFingerprint"), QString::number(w.modelFingerprint, 16) } };
}

QJsonObject campaignToJson(const CampaignRow& c)
{
    return { { QStringLiteral("id"), c.id },
             { QStringLiteral("name"), c.name },
             { QStringLiteral("dailyBudget"), qint64(c.dailyBudget) },
             { QStringLiteral("spend"), qint64(c.spend) },
             { QStringLiteral("revenue"), qint64(c.revenue) },
             { QStringLiteral("bids"), c.bids },
             { QStringLiteral("wins"), c.wins },
             { QStringLiteral("clicks"), c.clicks },
             { QStringLiteral("conversions"), c.conversions },
             { QStringLiteral("shading"), c.shading } };
}

ArmRow armFromJson(const QJsonObject& a)
{
    ArmRow row;
    row.id = a.value(QLatin1String("id")).toInt();
    row.name = a.value(QLatin1String("name")).toString();
    row.requests = a.value(QLatin1String("requests")).toInteger();
    row.bids = a.value(QLatin1String("bids")).toInteger();
    row.wins = a.value(QLatin1String("wins")).toInteger();
    row.impressions = a.value(QLatin1String("impressions")).toInteger();
    row.clicks = a.value(QLatin1String("clicks")).toInteger();
    row.conversions = a.value(QLatin1String("conversions")).toInteger();
    row.spend = a.value(QLatin1String("spend")).toInteger();
    row.revenue = a.value(QLatin1String("revenue")).toInteger();
    row.users = a.value(QLatin1String("users")).toInteger();
    row.assignedUsers = a.value(QLatin1String("assignedUsers")).toInteger(); // 0 in runs stored before it
    return row;
}

template<class E> E enumFromName(const QString& name, QString (*nameOf)(E), int count, E fallback)
{
    for (int i = 0; i < count; ++i) {
        if (nameOf(static_cast<E>(i)) == name)
            return static_cast<E>(i);
    }
    return fallback;
}

} // namespace

QString engineStateName(EngineState state)
{
    static const char* const names[] = { "idle", "starting", "running", "paused", "stopping", "finished", "failed" };
    return QString::fromLatin1(names[static_cast<int>(state)]);
}

QString workerStateName(WorkerState state)
{
    static const char* const names[] = { "starting", "running", "draining", "restarting", "stopped", "failed" };
    return QString::fromLatin1(names[static_cast<int>(state)]);
}

QString eventKindName(EventKind kind)
{
    static const char* const names[]
        = { "run-started",      "run-finished",   "config-rejected",  "worker-started",      "worker-crashed",
            "worker-restarted", "worker-retired", "worker-stderr",    "worker-unresponsive", "crash-loop",
            "model-deployed",   "model-rejected", "strategy-changed", "setting-changed",     "budget-exhausted",
            "validation-error", "incident",       "warning" };
    return QString::fromLatin1(names[static_cast<int>(kind)]);
}

Counters& Counters::operator+=(const Counters& other)
{
    forEachCounter([&](const char*, auto field) { this->*field += other.*field; });
    return *this;
}

Counters Counters::operator-(const Counters& other) const
{
    Counters d = *this;
    forEachCounter([&](const char*, auto field) { d.*field -= other.*field; });
    return d;
}

Counters Counters::fromJson(const QJsonObject& json)
{
    Counters c;
    forEachCounter([&](const char* key, auto field) { c.*field = json.value(QLatin1String(key)).toInteger(); });
    return c;
}

QJsonObject Counters::toJson() const
{
    QJsonObject json;
    forEachCounter(
        [&](const char* key, auto field) { json.insert(QLatin1String(key), static_cast<qint64>(this->*field)); });
    return json;
}

Rates Rates::of(const Counters& c, double seconds)
{
    Rates r;
    r.qps = ratio(static_cast<double>(c.generated), seconds);
    r.bidRate = ratio(static_cast<double>(c.bids), static_cast<double>(c.bids + c.noBids));
    r.winRate = ratio(static_cast<double>(c.wins), static_cast<double>(c.bids));
    r.ctr = ratio(static_cast<double>(c.clicks), static_cast<double>(c.impressions));
    r.cvr = ratio(static_cast<double>(c.conversions), static_cast<double>(c.clicks));
    r.ecpc = ratio(toUnits(c.spend), static_cast<double>(c.clicks));
    r.cpm = ratio(toUnits(c.spend) * 1000.0, static_cast<double>(c.impressions));
    r.roas = ratio(toUnits(c.revenue), toUnits(c.spend));
    return r;
}

QJsonObject Rates::toJson() const
{
    return {
        { QStringLiteral("qps"), optionalRatio(qps) },         { QStringLiteral("bidRate"), optionalRatio(bidRate) },
        { QStringLiteral("winRate"), optionalRatio(winRate) }, { QStringLiteral("ctr"), optionalRatio(ctr) },
        { QStringLiteral("cvr"), optionalRatio(cvr) },         { QStringLiteral("ecpc"), optionalRatio(ecpc) },
        { QStringLiteral("cpm"), optionalRatio(cpm) },         { QStringLiteral("roas"), optionalRatio(roas) }
    };
}

QJsonObject LatencySummary::toJson() const
{
    return { { QStringLiteral("count"), count }, { QStringLiteral("meanNs"), mean }, { QStringLiteral("p50Ns"), p50 },
             { QStringLiteral("p90Ns"), p90 },   { QStringLiteral("p99Ns"), p99 },   { QStringLiteral("p999Ns"), p999 },
             { QStringLiteral("maxNs"), max } };
}

QJsonObject ArmRow::toJson() const
{
    return { { QStringLiteral("id"), id },
             { QStringLiteral("name"), name },
             { QStringLiteral("requests"), requests },
             { QStringLiteral("bids"), bids },
             { QStringLiteral("wins"), wins },
             { QStringLiteral("impressions"), impressions },
             { QStringLiteral("clicks"), clicks },
             { QStringLiteral("conversions"), conversions },
             { QStringLiteral("spend"), qint64(spend) },
             { QStringLiteral("revenue"), qint64(revenue) },
             { QStringLiteral("users"), users },
             { QStringLiteral("assignedUsers"), assignedUsers } };
}

QJsonObject RunSummary::toJson() const
{
    QJsonArray workerArray, campaignArray, armArray;
    for (const WorkerRow& w : workers)
        workerArray.append(workerToJson(w));
    for (const CampaignRow& c : campaigns)
        campaignArray.append(campaignToJson(c));
    for (const ArmRow& a : arms)
        armArray.append(a.toJson());
    const bool balanced = accountingBalanced();
    const QJsonObject accounting {
        { QStringLiteral("generated"), totals.generated }, { QStringLiteral("bids"), totals.bids },
        { QStringLiteral("noBids"), totals.noBids },       { QStringLiteral("timeouts"), totals.timeouts },
        { QStringLiteral("shed"), totals.shed },           { QStringLiteral("inFlightAtEnd"), inFlightAtEnd },
        { QStringLiteral("balanced"), balanced }
    };
    return { { QStringLiteral("startedAtMs"), startedAtMs },
             { QStringLiteral("seconds"), seconds },
             { QStringLiteral("simStartMs"), simStartMs },
             { QStringLiteral("simEndMs"), simEndMs },
             { QStringLiteral("endState"), engineStateName(endState) },
             { QStringLiteral("endReason"), endReason },
             { QStringLiteral("accounting"), accounting },
             { QStringLiteral("totals"), totals.toJson() },
             { QStringLiteral("rates"), rates.toJson() },
             { QStringLiteral("latency"), latency.toJson() },
             { QStringLiteral("computeLatency"), computeLatency.toJson() },
             { QStringLiteral("workerRestarts"), workerRestarts },
             { QStringLiteral("workers"), workerArray },
             { QStringLiteral("campaigns"), campaignArray },
             { QStringLiteral("arms"), armArray },
             { QStringLiteral("scenario"), scenario } };
}

Expected<RunSummary> RunSummary::fromJson(const QJsonObject& json)
{
    if (!json.value(QLatin1String("totals")).isObject())
        return Error { QCoreApplication::translate("RunSummary", "The run summary has no 'totals' object.") };
    RunSummary s;
    s.startedAtMs = json.value(QLatin1String("startedAtMs")).toInteger();
    s.seconds = json.value(QLatin1String("seconds")).toDouble();
    s.simStartMs = json.value(QLatin1String("simStartMs")).toInteger();
    s.simEndMs = json.value(QLatin1String("simEndMs")).toInteger();
    s.endState
        = enumFromName(json.value(QLatin1String("endState")).toString(), engineStateName, 7, EngineState::Finished);
    s.endReason = json.value(QLatin1String("endReason")).toString();
    s.totals = Counters::fromJson(json.value(QLatin1String("totals")).toObject());
    s.rates = Rates::of(s.totals, s.seconds);
    s.latency = latencyFromJson(json.value(QLatin1String("latency")).toObject());
    s.computeLatency = latencyFromJson(json.value(QLatin1String("computeLatency")).toObject());
    s.workerRestarts = json.value(QLatin1String("workerRestarts")).toInt();
    s.inFlightAtEnd
        = json.value(QLatin1String("accounting")).toObject().value(QLatin1String("inFlightAtEnd")).toInteger();
    for (const QJsonValue& v : json.value(QLatin1String("workers")).toArray()) {
        const QJsonObject w = v.toObject();
        WorkerRow row;
        row.id = w.value(QLatin1String("id")).toInt();
        row.pid = w.value(QLatin1String("pid")).toInteger();
        row.state = enumFromName(w.value(QLatin1String("state")).toString(), workerStateName, 6, WorkerState::Stopped);
        row.answered = w.value(QLatin1String("answered")).toInteger();
        row.restarts = w.value(QLatin1String("restarts")).toInt();
        row.modelFingerprint = w.value(QLatin1String("modelFingerprint")).toString().toULongLong(nullptr, 16);
        s.workers.append(row);
    }
    for (const QJsonValue& v : json.value(QLatin1String("campaigns")).toArray()) {
        const QJsonObject c = v.toObject();
        CampaignRow row;
        row.id = c.value(QLatin1String("id")).toInt();
        row.name = c.value(QLatin1String("name")).toString();
        row.dailyBudget = c.value(QLatin1String("dailyBudget")).toInteger();
        row.spend = c.value(QLatin1String("spend")).toInteger();
        row.revenue = c.value(QLatin1String("revenue")).toInteger();
        row.bids = c.value(QLatin1String("bids")).toInteger();
        row.wins = c.value(QLatin1String("wins")).toInteger();
        row.clicks = c.value(QLatin1String("clicks")).toInteger();
        row.conversions = c.value(QLatin1String("conversions")).toInteger();
        row.shading = c.value(QLatin1String("shading")).toDouble(1.0);
        s.campaigns.append(row);
    }
    for (const QJsonValue& v : json.value(QLatin1String("arms")).toArray())
        s.arms.append(armFromJson(v.toObject()));
    s.scenario = json.value(QLatin1String("scenario")).toObject();
    return s;
}

QJsonObject RunSummary::seriesPointToJson(const SeriesPoint& p)
{
    QJsonObject json = p.counters.toJson();
    json.insert(QStringLiteral("second"), p.second);
    json.insert(QStringLiteral("length"), p.length);
    json.insert(QStringLiteral("p50Ns"), p.p50Ns);
    json.insert(QStringLiteral("p99Ns"), p.p99Ns);
    json.insert(QStringLiteral("p999Ns"), p.p999Ns);
    json.insert(QStringLiteral("workersAlive"), p.workersAlive);
    json.insert(QStringLiteral("targetQps"), p.targetQps);
    return json;
}

void registerEngineMetaTypes()
{
    qRegisterMetaType<EngineSnapshot>();
    qRegisterMetaType<RunSummary>();
    qRegisterMetaType<EngineEvent>();
    qRegisterMetaType<EngineState>();
}

} // namespace bidlab::engine
