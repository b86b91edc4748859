// SPDX-License-Identifier: MIT
#include "core/stats/column_mapping.h"

#include "core/stats/translation.h"

#include <QRegularExpression>

namespace bidlab::stats {

namespace {

struct RoleInfo
{
    Role role;
    const char* key;
    const char* label;
    // Normalized header names, best first.
    std::vector<const char*> names;
};

// In the order roles claim columns: the arm before the experiment, since a per-user table's "experiment"
// column (SmartAd: control / exposed) is its arm, while a table with both calls its arm "arm" or "variant".
const std::array<RoleInfo, kRoleCount>& roles()
{
    static const std::array<RoleInfo, kRoleCount> table { {
        { Role::Arm,
          "arm",
          QT_TRANSLATE_NOOP("Stats", "arm (control, test, …)"),
          { "arm", "variant", "variation", "group", "abgroup", "testgroup", "bucket", "treatment", "cohort", "armname",
            "variantname", "groupname", "campaignname", "version", "experiment" } },
        { Role::Experiment,
          "experiment",
          QT_TRANSLATE_NOOP("Stats", "experiment"),
          { "experiment", "experimentid", "experimentname", "test", "testid", "testname", "abtest", "campaign",
            "campaignid" } },
        { Role::User,
          "user",
          QT_TRANSLATE_NOOP("Stats", "user (one row per user)"),
          { "user", "userid", "uid", "visitor", "visitorid", "customer", "customerid", "clientid", "auctionid",
            "deviceid", "sessionid", "unit", "unitid" } },
        { Role::Date,
          "date",
          QT_TRANSLATE_NOOP("Stats", "date (one row per day)"),
          { "date", "day", "reportdate", "ds" } },
        { Role::Exposures,
          "exposures",
          QT_TRANSLATE_NOOP("Stats", "exposures (impressions, users)"),
          { "exposures", "impressions", "imps", "users", "visitors", "displays", "views", "sessions", "participants",
            "samples", "trials", "assigned", "nobs", "n" } },
        { Role::Clicks,
          "clicks",
          QT_TRANSLATE_NOOP("Stats", "clicks"),
          { "clicks", "websiteclicks", "linkclicks", "click" } },
        { Role::Conversions,
          "conversions",
          QT_TRANSLATE_NOOP("Stats", "conversions (or a yes/no answer)"),
          { "conversions", "conversion", "converted", "purchases", "purchase", "orders", "order", "signups",
            "successes", "success", "yes" } },
        { Role::Declined, "declined", QT_TRANSLATE_NOOP("Stats", "declined (a \"no\" answer)"), { "no", "declined" } },
        { Role::Revenue,
          "revenue",
          QT_TRANSLATE_NOOP("Stats", "revenue"),
          { "revenue", "conversionvalue", "value", "sales", "salesamount", "gmv", "amount", "income" } },
        { Role::RevenueSquares,
          "revenue_squares",
          QT_TRANSLATE_NOOP("Stats", "sum of squared revenue per user"),
          { "revenuesquares", "revenuesumsquares", "revenuesumofsquares", "revenuesumsq", "revenuesq", "revenuesquared",
            "sumsqrevenue", "revenuess" } },
        { Role::Cost,
          "cost",
          QT_TRANSLATE_NOOP("Stats", "cost (spend)"),
          { "cost", "spend", "spent", "adspend", "mediacost" } },
    } };
    return table;
}

const RoleInfo& info(Role role)
{
    for (const RoleInfo& r : roles()) {
        if (r.role == role)
            return r;
    }
    return roles().front();
}

QString quotedList(const QStringList& items)
{
    QStringList quoted;
    for (const QString& item : items)
        quoted << QLatin1Char('\'') + item + QLatin1Char('\'');
    return quoted.join(QStringLiteral(", "));
}

} // namespace

QString roleKey(Role role)
{
    return QString::fromLatin1(info(role).key);
}

std::optional<Role> roleFromKey(const QString& key)
{
    const QString wanted = key.trimmed().toLower().replace(QLatin1Char('-'), QLatin1Char('_'));
    for (const RoleInfo& r : roles()) {
        if (wanted == QLatin1String(r.key))
            return r.role;
    }
    return std::nullopt;
}

QString roleLabel(Role role)
{
    return detail::tr(info(role).label);
}

QStringList roleKeys()
{
    QStringList keys;
    for (const RoleInfo& r : roles())
        keys << QString::fromLatin1(r.key);
    return keys;
}

QString normalizeHeader(const QString& header)
{
    static const QRegularExpression bracketed(QStringLiteral("[\\[(][^\\])]*[\\])]"));
    static const QRegularExpression separators(QStringLiteral("[^a-z0-9]+"));
    static const QStringList filler { QStringLiteral("of"), QStringLiteral("number"), QStringLiteral("num"),
                                      QStringLiteral("nb"), QStringLiteral("total"),  QStringLiteral("count"),
                                      QStringLiteral("the") };
    QString text = header;
    text.remove(bracketed);
    const QStringList words = text.toLower().split(separators, Qt::SkipEmptyParts);
    QString name;
    for (const QString& word : words) {
        if (!filler.contains(word) || words.size() == 1)
            name += word;
    }
    return name;
}

namespace {

int columnNamed(const QStringList& header, const QString& name)
{
    for (qsizetype i = 0; i < header.size(); ++i) {
        if (header[i].trimmed().compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return int(i);
    }
    return -1;
}

} // namespace

ColumnMap findColumns(const QStringList& header, const QMap<Role, QString>& chosen)
{
    ColumnMap map;
    std::vector<bool> used(std::size_t(header.size()), false);
    // The user's choices first, so that the header matching never takes a column the user gave to another role.
    for (auto it = chosen.cbegin(); it != chosen.cend(); ++it) {
        const int i = it.value().trimmed().isEmpty() ? -1 : columnNamed(header, it.value());
        map.index[std::size_t(it.key())] = i;
        if (i >= 0)
            used[std::size_t(i)] = true;
    }
    QStringList normalized;
    for (const QString& h : header)
        normalized << normalizeHeader(h);
    for (const RoleInfo& r : roles()) {
        if (chosen.contains(r.role))
            continue;
        for (const char* name : r.names) {
            const qsizetype i = normalized.indexOf(QLatin1String(name));
            if (i >= 0 && !used[std::size_t(i)]) {
                map.index[std::size_t(r.role)] = int(i);
                used[std::size_t(i)] = true;
                break;
            }
        }
    }
    return map;
}

Expected<ColumnMap> mapColumns(const QStringList& header, const QMap<Role, QString>& chosen, const QString& fileName)
{
    for (auto it = chosen.cbegin(); it != chosen.cend(); ++it) {
        if (!it.value().trimmed().isEmpty() && columnNamed(header, it.value()) < 0) {
            return Error { detail::tr("%1 has no column '%2' (chosen for the %3); its columns are %4.")
                               .arg(fileName, it.value().trimmed(), roleLabel(it.key()), quotedList(header)) };
        }
    }
    const ColumnMap map = findColumns(header, chosen);
    if (!map.has(Role::Arm)) {
        return Error { detail::tr("%1: no column says which arm a row belongs to (looked for "
                                  "'arm', 'variant', 'group', 'experiment', …); its columns are "
                                  "%2. Name the arm's column (bidlab-cli: --map arm=COLUMN).")
                           .arg(fileName, quotedList(header)) };
    }
    const bool hasMetric = map.has(Role::Exposures) || map.has(Role::Clicks) || map.has(Role::Conversions)
        || map.has(Role::Revenue) || map.has(Role::Cost);
    if (!hasMetric) {
        return Error { detail::tr("%1: no column holds exposures, clicks, conversions, revenue "
                                  "or cost; its columns are %2.")
                           .arg(fileName, quotedList(header)) };
    }
    return map;
}

} // namespace bidlab::stats
