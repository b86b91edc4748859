// SPDX-License-Identifier: MIT
// The scenario file: EngineConfig <-> JSON. Money is written in currency units (CPM for prices) and read
// back to the exact micros; every wrong type or value is reported with the field's path.
#include "core/common/atomic_file.h"
#include "core/engine/engine_config.h"

#include <cmath>

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace bidlab::engine {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("Scenario", text);
}

constexpr int kScenarioVersion = 1;

QJsonValue money(Micros micros)
{
    return toUnits(micros);
}

QString maskText(std::uint32_t mask, int bits)
{
    return QStringLiteral("0x%1").arg(mask & ((bits >= 32) ? 0xFFFFFFFFu : ((1u << bits) - 1)), 0, 16);
}

// Reads typed fields of one JSON object and collects errors that name the field by its full path.
class Fields
{
public:
    Fields(const QJsonObject& object, QString path, QStringList* errors)
        : m_object(object)
        , m_path(std::move(path))
        , m_errors(errors)
    { }

    QString at(const QString& key) const { return m_path.isEmpty() ? key : m_path + QLatin1Char('.') + key; }
    bool has(const char* key) const { return m_object.contains(QLatin1String(key)); }
    QJsonValue value(const char* key) const { return m_object.value(QLatin1String(key)); }

    template<class T> void integer(const char* key, T* out) const
    {
        const QJsonValue v = value(key);
        if (v.isUndefined())
            return;
        const double d = v.toDouble(NAN);
        if (!v.isDouble() || d != std::floor(d) || std::fabs(d) > 9.0e15)
            fail(key, tr("a whole number"));
        else
            *out = static_cast<T>(d);
    }
    void number(const char* key, double* out) const
    {
        const QJsonValue v = value(key);
        if (v.isUndefined())
            return;
        if (!v.isDouble() || !std::isfinite(v.toDouble()))
            fail(key, tr("a number"));
        else
            *out = v.toDouble();
    }
    void boolean(const char* key, bool* out) const
    {
        const QJsonValue v = value(key);
        if (v.isUndefined())
            return;
        if (!v.isBool())
            fail(key, tr("true or false"));
        else
            *out = v.toBool();
    }
    void string(const char* key, QString* out) const
    {
        const QJsonValue v = value(key);
        if (v.isUndefined())
            return;
        if (!v.isString())
            fail(key, tr("a string"));
        else
            *out = v.toString();
    }
    // Currency units (a number, or a decimal string for exactness) into micros.
    void micros(const char* key, Micros* out) const
    {
        const QJsonValue v = value(key);
        if (v.isUndefined())
            return;
        std::optional<Micros> parsed;
        if (v.isString())
            parsed = parseMicros(v.toString().toStdString());
        else if (v.isDouble() && std::isfinite(v.toDouble()) && std::fabs(v.toDouble()) < 9.0e12)
            parsed = fromUnits(v.toDouble());
        if (!parsed)
            fail(key, tr("an amount of money (a number in currency units)"));
        else
            *out = *parsed;
    }
    // A bit mask written as an integer or "0x..." string.
    template<class T> void mask(const char* key, T* out) const
    {
        const QJsonValue v = value(key);
        if (v.isUndefined())
            return;
        bool ok = false;
        qulonglong m = 0;
        if (v.isString())
            m = v.toString().toULongLong(&ok, 0);
        else if (v.isDouble() && v.toDouble() >= 0 && v.toDouble() == std::floor(v.toDouble()))
            m = static_cast<qulonglong>(v.toDouble()), ok = true;
        if (!ok || m > static_cast<qulonglong>(static_cast<T>(~T(0))))
            fail(key, tr("a bit mask (a whole number or a \"0x...\" string)"));
        else
            *out = static_cast<T>(m);
    }
    Fields object(const char* key) const
    {
        const QJsonValue v = value(key);
        if (!v.isUndefined() && !v.isObject())
            fail(key, tr("an object"));
        return Fields(v.toObject(), at(QLatin1String(key)), m_errors);
    }
    QJsonArray array(const char* key) const
    {
        const QJsonValue v = value(key);
        if (!v.isUndefined() && !v.isArray())
            fail(key, tr("an array"));
        return v.toArray();
    }
    void fail(const char* key, const QString& expected) const
    {
        *m_errors << tr("'%1' must be %2.").arg(at(QLatin1String(key)), expected);
    }
    QStringList* errors() const { return m_errors; }

private:
    QJsonObject m_object;
    QString m_path;
    QStringList* m_errors;
};

bidding::StrategyParams readStrategy(const Fields& f)
{
    bidding::StrategyParams s;
    QString name = bidding::strategyName(s.kind);
    f.string("name", &name);
    if (const auto kind = bidding::strategyFromName(name))
        s.kind = *kind;
    else
        *f.errors() << tr("'%1' must be one of %2 (got '%3').")
                           .arg(f.at(QStringLiteral("name")), bidding::strategyNames().join(QStringLiteral(", ")),
                                name);
    f.micros("bidStepCpm", &s.bidStepCpm);
    f.micros("baseBidCpm", &s.baseBidCpm);
    f.micros("maxBidCpm", &s.maxBidCpm);
    f.micros("randomMinCpm", &s.randomMinCpm);
    f.micros("randomMaxCpm", &s.randomMaxCpm);
    f.number("averageCtr", &s.averageCtr);
    f.micros("ortbC", &s.ortbCCpm);
    f.number("ortbLambda", &s.ortbLambda);
    f.integer("ortbForm", &s.ortbForm);
    f.boolean("shading", &s.shading);
    return s;
}

CampaignConfig readCampaign(const Fields& f)
{
    CampaignConfig c;
    f.string("name", &c.name);
    f.micros("dailyBudget", &c.dailyBudget);
    f.micros("maxBidCpm", &c.maxBidCpm);
    f.micros("valuePerConversion", &c.valuePerConversion);
    f.number("conversionRate", &c.conversionRate);
    f.number("bidMultiplier", &c.bidMultiplier);
    f.mask("hourMask", &c.hourMask);
    f.mask("interestMask", &c.interestMask);
    f.mask("deviceMask", &c.deviceMask);
    f.mask("ageBandMask", &c.ageBandMask);
    f.mask("sizeClassMask", &c.sizeClassMask);
    f.integer("frequencyCap", &c.frequencyCap);
    f.number("creativeQuality", &c.creativeQuality);
    return c;
}

QJsonObject campaignToJson(const CampaignConfig& c)
{
    return { { QStringLiteral("name"), c.name },
             { QStringLiteral("dailyBudget"), money(c.dailyBudget) },
             { QStringLiteral("maxBidCpm"), money(c.maxBidCpm) },
             { QStringLiteral("valuePerConversion"), money(c.valuePerConversion) },
             { QStringLiteral("conversionRate"), c.conversionRate },
             { QStringLiteral("bidMultiplier"), c.bidMultiplier },
             { QStringLiteral("hourMask"), maskText(c.hourMask, 24) },
             { QStringLiteral("interestMask"), maskText(c.interestMask, 16) },
             { QStringLiteral("deviceMask"), maskText(c.deviceMask, 3) },
             { QStringLiteral("ageBandMask"), maskText(c.ageBandMask, 6) },
             { QStringLiteral("sizeClassMask"), maskText(c.sizeClassMask, 7) },
             { QStringLiteral("frequencyCap"), c.frequencyCap },
             { QStringLiteral("creativeQuality"), c.creativeQuality } };
}

WorldConfig readWorld(const Fields& f)
{
    WorldConfig w;
    f.integer("campaignCount", &w.campaignCount);
    const QJsonArray campaigns = f.array("campaigns");
    for (qsizetype i = 0; i < campaigns.size(); ++i) {
        const QString at = f.at(QStringLiteral("campaigns[%1]").arg(i));
        if (!campaigns.at(i).isObject()) {
            *f.errors() << tr("'%1' must be an object.").arg(at);
            continue;
        }
        w.campaigns.push_back(readCampaign(Fields(campaigns.at(i).toObject(), at, f.errors())));
    }
    f.integer("users", &w.users);
    f.integer("publishers", &w.publishers);
    f.number("botShare", &w.botShare);
    f.number("budgetScale", &w.budgetScale);
    f.boolean("evenPacing", &w.evenPacing);
    f.number("requestsPerSimSecond", &w.requestsPerSimSecond);
    if (f.has("simStart")) {
        const QDateTime start = QDateTime::fromString(f.value("simStart").toString(), Qt::ISODate);
        if (!start.isValid())
            f.fail("simStart", tr("a date and time in ISO 8601 (\"2024-01-01T00:00:00Z\")"));
        else
            w.simStartMs = start.toMSecsSinceEpoch();
    }
    f.number("marketPriceScale", &w.marketPriceScale);
    const Fields events = f.object("events");
    events.number("clickDelayMeanSeconds", &w.clickDelayMeanSeconds);
    events.number("conversionDelayMeanSeconds", &w.conversionDelayMeanSeconds);
    events.integer("attributionWindowSeconds", &w.attributionWindowSeconds);
    events.integer("duplicateWindowSeconds", &w.duplicateWindowSeconds);
    events.number("duplicateClickShare", &w.duplicateClickShare);
    events.number("invalidEventShare", &w.invalidEventShare);
    return w;
}

QJsonObject worldToJson(const WorldConfig& w)
{
    QJsonArray campaigns;
    for (const CampaignConfig& c : w.campaigns)
        campaigns.append(campaignToJson(c));
    QJsonObject json { { QStringLiteral("campaignCount"), w.campaignCount },
                       { QStringLiteral("users"), w.users },
                       { QStringLiteral("publishers"), w.publishers },
                       { QStringLiteral("botShare"), w.botShare },
                       { QStringLiteral("budgetScale"), w.budgetScale },
                       { QStringLiteral("evenPacing"), w.evenPacing },
                       { QStringLiteral("requestsPerSimSecond"), w.requestsPerSimSecond },
                       { QStringLiteral("simStart"),
                         QDateTime::fromMSecsSinceEpoch(w.simStartMs, Qt::UTC).toString(Qt::ISODateWithMs) },
                       { QStringLiteral("marketPriceScale"), w.marketPriceScale },
                       { QStringLiteral("events"),
                         QJsonObject { { QStringLiteral("clickDelayMeanSeconds"), w.clickDelayMeanSeconds },
                                       { QStringLiteral("conversionDelayMeanSeconds"), w.conversionDelayMeanSeconds },
                                       { QStringLiteral("attributionWindowSeconds"), w.attributionWindowSeconds },
                                       { QStringLiteral("duplicateWindowSeconds"), w.duplicateWindowSeconds },
                                       { QStringLiteral("duplicateClickShare"), w.duplicateClickShare },
                                       { QStringLiteral("invalidEventShare"), w.invalidEventShare } } } };
    if (!w.campaigns.empty())
        json.insert(QStringLiteral("campaigns"), campaigns);
    return json;
}

} // namespace

QJsonObject strategyToJson(const bidding::StrategyParams& s)
{
    return { { QStringLiteral("name"), bidding::strategyName(s.kind) },
             { QStringLiteral("bidStepCpm"), money(s.bidStepCpm) },
             { QStringLiteral("baseBidCpm"), money(s.baseBidCpm) },
             { QStringLiteral("maxBidCpm"), money(s.maxBidCpm) },
             { QStringLiteral("randomMinCpm"), money(s.randomMinCpm) },
             { QStringLiteral("randomMaxCpm"), money(s.randomMaxCpm) },
             { QStringLiteral("averageCtr"), s.averageCtr },
             { QStringLiteral("ortbC"), money(s.ortbCCpm) },
             { QStringLiteral("ortbLambda"), s.ortbLambda },
             { QStringLiteral("ortbForm"), s.ortbForm },
             { QStringLiteral("shading"), s.shading } };
}

Expected<bidding::StrategyParams> strategyFromJson(const QJsonObject& json, const QString& field)
{
    QStringList errors;
    const bidding::StrategyParams params = readStrategy(Fields(json, field, &errors));
    if (!errors.isEmpty())
        return Error { errors.join(QLatin1Char('\n')) };
    return params;
}

QJsonObject EngineConfig::toJson() const
{
    QJsonArray armArray;
    for (const ArmConfig& arm : arms)
        armArray.append(QJsonObject { { QStringLiteral("name"), arm.name },
                                      { QStringLiteral("weight"), arm.weight },
                                      { QStringLiteral("strategy"), strategyToJson(arm.strategy) } });
    QJsonObject json {
        { QStringLiteral("format"), QStringLiteral("bidlab-scenario") },
        { QStringLiteral("version"), kScenarioVersion },
        { QStringLiteral("name"), name },
        { QStringLiteral("workers"), workers },
        { QStringLiteral("targetQps"), unlimitedQps ? QJsonValue(QStringLiteral("unlimited")) : QJsonValue(targetQps) },
        { QStringLiteral("strategy"), strategyToJson(strategy) },
        { QStringLiteral("auction"), auctionTypeName(auction) },
        { QStringLiteral("tmaxMs"), tmaxMs },
        { QStringLiteral("seed"), QString::number(seed) },
        { QStringLiteral("traffic"),
          QJsonObject { { QStringLiteral("kind"), traffic.kind },
                        { QStringLiteral("path"), traffic.path },
                        { QStringLiteral("options"), traffic.options } } },
        { QStringLiteral("model"), modelPath },
        { QStringLiteral("outcomeLog"), outcomeLogPath },
        { QStringLiteral("deterministic"), deterministic },
        { QStringLiteral("exactBudgets"), exactBudgets },
        { QStringLiteral("durationSeconds"), durationSeconds },
        { QStringLiteral("maxRequests"), maxRequests },
        { QStringLiteral("supervision"),
          QJsonObject { { QStringLiteral("crashLoopLimit"), crashLoopLimit },
                        { QStringLiteral("crashLoopWindowSeconds"), crashLoopWindowSeconds },
                        { QStringLiteral("workerNice"), workerNice },
                        { QStringLiteral("workerExecutable"), workerExecutable } } },
        { QStringLiteral("world"), worldToJson(world) },
    };
    if (!arms.empty())
        json.insert(QStringLiteral("arms"), armArray);
    return json;
}

Expected<EngineConfig> EngineConfig::fromJson(const QJsonObject& json)
{
    QStringList errors;
    const Fields f(json, QString(), &errors);
    if (f.has("format") && f.value("format").toString() != QLatin1String("bidlab-scenario"))
        return Error { tr("This is not a BidLab scenario ('format' is not \"bidlab-scenario\").") };
    if (f.has("version") && f.value("version").toInt(-1) > kScenarioVersion)
        return Error { tr("Scenario version %1 is newer than this BidLab reads (%2).")
                           .arg(f.value("version").toInt())
                           .arg(kScenarioVersion) };
    EngineConfig c;
    f.string("name", &c.name);
    f.integer("workers", &c.workers);
    if (f.value("targetQps").isString()) {
        if (f.value("targetQps").toString() != QLatin1String("unlimited"))
            f.fail("targetQps", tr("a number of requests per second or \"unlimited\""));
        c.unlimitedQps = true;
    } else {
        f.integer("targetQps", &c.targetQps);
    }
    if (f.has("strategy"))
        c.strategy = readStrategy(f.object("strategy"));
    const QJsonArray arms = f.array("arms");
    for (qsizetype i = 0; i < arms.size(); ++i) {
        const Fields arm(arms.at(i).toObject(), QStringLiteral("arms[%1]").arg(i), &errors);
        ArmConfig a;
        arm.string("name", &a.name);
        arm.number("weight", &a.weight);
        a.strategy = readStrategy(arm.object("strategy"));
        c.arms.push_back(a);
    }
    if (f.has("auction")) {
        const QString auction = f.value("auction").toString();
        if (auction == QLatin1String("first"))
            c.auction = AuctionType::FirstPrice;
        else if (auction == QLatin1String("second"))
            c.auction = AuctionType::SecondPrice;
        else
            f.fail("auction", tr("\"first\" or \"second\""));
    }
    f.integer("tmaxMs", &c.tmaxMs);
    if (f.has("seed")) {
        bool ok = false;
        const QJsonValue seed = f.value("seed");
        c.seed = seed.isString() ? seed.toString().toULongLong(&ok) : 0;
        if (seed.isDouble() && seed.toDouble() >= 0 && seed.toDouble() == std::floor(seed.toDouble()))
            c.seed = static_cast<quint64>(seed.toDouble()), ok = true;
        if (!ok)
            f.fail("seed", tr("a whole number"));
    }
    if (f.has("traffic")) {
        const Fields traffic = f.object("traffic");
        traffic.string("kind", &c.traffic.kind);
        traffic.string("path", &c.traffic.path);
        c.traffic.options = traffic.value("options").toObject();
    }
    f.string("model", &c.modelPath);
    f.string("outcomeLog", &c.outcomeLogPath);
    f.boolean("deterministic", &c.deterministic);
    f.boolean("exactBudgets", &c.exactBudgets);
    f.number("durationSeconds", &c.durationSeconds);
    f.integer("maxRequests", &c.maxRequests);
    const Fields supervision = f.object("supervision");
    supervision.integer("crashLoopLimit", &c.crashLoopLimit);
    supervision.integer("crashLoopWindowSeconds", &c.crashLoopWindowSeconds);
    supervision.integer("workerNice", &c.workerNice);
    supervision.string("workerExecutable", &c.workerExecutable);
    if (f.has("world"))
        c.world = readWorld(f.object("world"));
    if (!errors.isEmpty())
        return Error { errors.join(QLatin1Char('\n')) };
    return c;
}

Status EngineConfig::save(const QString& path) const
{
    const QByteArray bytes = QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
    return writeFileAtomically(path, [&bytes](QIODevice& out, QString*) { return out.write(bytes) == bytes.size(); });
}

Expected<EngineConfig> EngineConfig::load(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error { tr("Cannot read the scenario file '%1': %2").arg(path, file.errorString()) };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error { tr("The scenario file '%1' is not valid JSON (at byte %2: %3).")
                           .arg(path)
                           .arg(parseError.offset)
                           .arg(parseError.errorString()) };
    if (!doc.isObject())
        return Error { tr("The scenario file '%1' must hold a JSON object.").arg(path) };
    Expected<EngineConfig> config = fromJson(doc.object());
    if (!config)
        return Error { tr("The scenario file '%1' has errors:\n%2").arg(path, config.error()) };
    return config;
}

} // namespace bidlab::engine
