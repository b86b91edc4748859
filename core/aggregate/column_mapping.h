// SPDX-License-Identifier: MIT
#pragma once

#include "core/aggregate/date_value.h"

#include <array>
#include <optional>

#include <QString>
#include <QStringList>
#include <QVariantMap>

// Which column of a file plays which part in an aggregation. Columns are named by their header, so that a
// mapping kept for one file layout applies to every file of that layout. The UI keeps mappings in QSettings
// (keyed by layoutKey()); core only converts them to and from QVariantMap.
namespace bidlab::aggregate {

enum class Role {
    Campaign,
    Device,
    Placement,
    Date, // a full date column
    Month, // or a month column (names or numbers) ...
    Day, // ... with a day-of-month column, and a year given by the user
    Impressions,
    Clicks,
    Conversions,
    Cost,
    Revenue,
};
inline constexpr int kRoleCount = 11;
inline constexpr std::array<Role, kRoleCount> kAllRoles { Role::Campaign,    Role::Device, Role::Placement,
                                                          Role::Date,        Role::Month,  Role::Day,
                                                          Role::Impressions, Role::Clicks, Role::Conversions,
                                                          Role::Cost,        Role::Revenue };

QString roleKey(Role role); // "campaign", "impressions", ...
QString roleTitle(Role role); // "Campaign", "Impressions", ...
std::optional<Role> roleFromKey(const QString& key);

struct ColumnMapping
{
    std::array<QString, kRoleCount> columns; // the header of the column in each role; empty: none
    DateFormat dateFormat = DateFormat::Auto;
    int year = 0; // the year of Month/Day columns, for files that have none (0: not given)

    const QString& column(Role role) const { return columns[static_cast<std::size_t>(role)]; }
    void setColumn(Role role, const QString& header) { columns[static_cast<std::size_t>(role)] = header; }
    bool has(Role role) const { return !column(role).isEmpty(); }

    QVariantMap toVariantMap() const;
    static ColumnMapping fromVariantMap(const QVariantMap& map);
    bool operator==(const ColumnMapping& other) const = default;
};

// The mapping a person would pick from the header names alone ("displays" are impressions, "Spent" is cost,
// "# of Website Clicks" are clicks, ...). Each header serves at most one role.
ColumnMapping guessMapping(const QStringList& headers);

// A short stable key of a header row (names compared without case, spaces or punctuation), under which a
// mapping is remembered for every file of that layout.
QString layoutKey(const QStringList& headers);

// A header reduced to lower-case letters and digits: "# of Impressions" -> "ofimpressions".
QString normalizedHeader(const QString& header);

} // namespace bidlab::aggregate
