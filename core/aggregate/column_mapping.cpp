// SPDX-License-Identifier: MIT
#include "core/aggregate/column_mapping.h"

#include <QCryptographicHash>
#include <QSet>

namespace bidlab::aggregate {

namespace {

struct RoleNames
{
    Role role;
    const char* key;
    const char* title;
    // Normalized header names in order of preference, then words a header may contain.
    QStringList exact;
    QStringList contains;
};

const std::array<RoleNames, kRoleCount>& roleNames()
{
    static const std::array<RoleNames, kRoleCount> names { {
        { Role::Campaign,
          "campaign",
          "Campaign",
          { QStringLiteral("campaignid"), QStringLiteral("campaign"), QStringLiteral("campaignname"),
            QStringLiteral("campaignnumber"), QStringLiteral("xyzcampaignid") },
          { QStringLiteral("campaign") } },
        { Role::Device,
          "device",
          "Device",
          { QStringLiteral("device"), QStringLiteral("devicetype"), QStringLiteral("platform") },
          { QStringLiteral("device") } },
        { Role::Placement,
          "placement",
          "Placement",
          { QStringLiteral("placement"), QStringLiteral("site"), QStringLiteral("sitedomain"), QStringLiteral("adslot"),
            QStringLiteral("slot") },
          { QStringLiteral("placement") } },
        { Role::Date,
          "date",
          "Date",
          { QStringLiteral("date"), QStringLiteral("eventdate"), QStringLiteral("reportdate"),
            QStringLiteral("datetime"), QStringLiteral("timestamp") },
          { QStringLiteral("date") } },
        { Role::Month, "month", "Month", { QStringLiteral("month") }, {} },
        { Role::Day, "day", "Day of month", { QStringLiteral("day"), QStringLiteral("dayofmonth") }, {} },
        { Role::Impressions,
          "impressions",
          "Impressions",
          { QStringLiteral("impressions"), QStringLiteral("displays"), QStringLiteral("ofimpressions"),
            QStringLiteral("imps"), QStringLiteral("impr") },
          { QStringLiteral("impression") } },
        { Role::Clicks,
          "clicks",
          "Clicks",
          { QStringLiteral("clicks"), QStringLiteral("ofwebsiteclicks"), QStringLiteral("websiteclicks"),
            QStringLiteral("linkclicks") },
          { QStringLiteral("click") } },
        { Role::Conversions,
          "conversions",
          "Conversions",
          { QStringLiteral("conversions"), QStringLiteral("totalconversion"), QStringLiteral("totalconversions"),
            QStringLiteral("postclickconversions"), QStringLiteral("ofpurchase"), QStringLiteral("purchases") },
          { QStringLiteral("conversion") } },
        { Role::Cost,
          "cost",
          "Cost",
          { QStringLiteral("cost"), QStringLiteral("spend"), QStringLiteral("spent"), QStringLiteral("spendusd"),
            QStringLiteral("amountspent") },
          { QStringLiteral("cost"), QStringLiteral("spend") } },
        { Role::Revenue,
          "revenue",
          "Revenue",
          { QStringLiteral("revenue"), QStringLiteral("sales"), QStringLiteral("salesamount"),
            QStringLiteral("postclicksalesamount") },
          { QStringLiteral("revenue") } },
    } };
    return names;
}

const RoleNames& namesOf(Role role)
{
    return roleNames()[static_cast<std::size_t>(role)];
}

} // namespace

QString roleKey(Role role)
{
    return QString::fromLatin1(namesOf(role).key);
}

QString roleTitle(Role role)
{
    return QString::fromLatin1(namesOf(role).title);
}

std::optional<Role> roleFromKey(const QString& key)
{
    for (const RoleNames& names : roleNames()) {
        if (key.compare(QLatin1String(names.key), Qt::CaseInsensitive) == 0)
            return names.role;
    }
    return std::nullopt;
}

QString normalizedHeader(const QString& header)
{
    QString out;
    out.reserve(header.size());
    for (const QChar c : header) {
        if (c.isLetterOrNumber())
            out += c.toLower();
    }
    return out;
}

QVariantMap ColumnMapping::toVariantMap() const
{
    QVariantMap map;
    for (Role role : kAllRoles) {
        if (has(role))
            map.insert(roleKey(role), column(role));
    }
    map.insert(QStringLiteral("dateFormat"), dateFormatKey(dateFormat));
    if (year > 0)
        map.insert(QStringLiteral("year"), year);
    return map;
}

ColumnMapping ColumnMapping::fromVariantMap(const QVariantMap& map)
{
    ColumnMapping mapping;
    for (Role role : kAllRoles)
        mapping.setColumn(role, map.value(roleKey(role)).toString());
    mapping.dateFormat
        = dateFormatFromKey(map.value(QStringLiteral("dateFormat")).toString()).value_or(DateFormat::Auto);
    mapping.year = map.value(QStringLiteral("year"), 0).toInt();
    return mapping;
}

ColumnMapping guessMapping(const QStringList& headers)
{
    QStringList normalized;
    for (const QString& header : headers)
        normalized << normalizedHeader(header);
    ColumnMapping mapping;
    QSet<int> used;
    const auto take = [&](Role role, int index) {
        mapping.setColumn(role, headers[index]);
        used.insert(index);
    };
    // Exact names first for every role, so that "cost" is never taken by a "cost_per_click" guess.
    for (const RoleNames& names : roleNames()) {
        for (const QString& wanted : names.exact) {
            const int index = static_cast<int>(normalized.indexOf(wanted));
            if (index >= 0 && !used.contains(index)) {
                take(names.role, index);
                break;
            }
        }
    }
    for (const RoleNames& names : roleNames()) {
        if (mapping.has(names.role))
            continue;
        for (int i = 0; i < normalized.size() && !mapping.has(names.role); ++i) {
            for (const QString& word : names.contains) {
                if (!used.contains(i) && normalized[i].contains(word)) {
                    take(names.role, i);
                    break;
                }
            }
        }
    }
    // A date column makes month/day columns unnecessary, and a lone "day" column is not a date.
    if (mapping.has(Role::Date)) {
        mapping.setColumn(Role::Month, {});
        mapping.setColumn(Role::Day, {});
    } else if (!mapping.has(Role::Month)) {
        mapping.setColumn(Role::Day, {});
    }
    return mapping;
}

QString layoutKey(const QStringList& headers)
{
    QStringList normalized;
    for (const QString& header : headers)
        normalized << normalizedHeader(header);
    const QByteArray digest
        = QCryptographicHash::hash(normalized.join(QLatin1Char('|')).toUtf8(), QCryptographicHash::Sha1);
    return QString::fromLatin1(digest.toHex().left(16));
}

} // namespace bidlab::aggregate
