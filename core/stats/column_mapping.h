// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"

#include <array>
#include <optional>

#include <QMap>
#include <QString>
#include <QStringList>

// Which column of an A/B table means what, found by header: "# of Impressions", "impressions" and
// "Impressions (total)" all name the exposures. The user can name any column for any role.
namespace bidlab::stats {

enum class Role {
    Arm, // which arm a row belongs to (control, test, B, ...)
    Experiment, // which experiment; absent: the whole table is one experiment
    User, // one row per user: the unit id (rows of the same user are added up)
    Date, // one row per day and arm: the days are the units of day-level tests
    Exposures, // impressions, users, visitors: the trials of CTR
    Clicks,
    Conversions, // conversions, purchases, or a 0/1 (yes/no) answer per user
    Declined, // a "no" answer per user: a user with neither yes nor no did not respond
    Revenue, // money
    RevenueSquares, // sum over users of revenue^2, in aggregated tables: the variance of revenue per user
    Cost, // money: spend
};
inline constexpr int kRoleCount = 11;

QString roleKey(Role role); // "exposures", for --map and settings
std::optional<Role> roleFromKey(const QString& key);
QString roleLabel(Role role); // "exposures (impressions, users)"
QStringList roleKeys();

// A header as a comparable name: bracketed units dropped ("Spend [USD]"), lower case, letters and digits
// only, filler words ("# of", "number of", "total") dropped: "# of Website Clicks" -> "websiteclicks".
QString normalizeHeader(const QString& header);

// The column index of each role (-1: absent) in one header.
struct ColumnMap
{
    std::array<int, kRoleCount> index;

    ColumnMap() { index.fill(-1); }
    int operator[](Role role) const { return index[std::size_t(role)]; }
    bool has(Role role) const { return (*this)[role] >= 0; }
};

// The roles' columns in `header`: the chosen ones (see mapColumns), then by header name among the columns
// left; absent roles and chosen columns that are not there are -1. No checks: for showing what matching finds.
ColumnMap findColumns(const QStringList& header, const QMap<Role, QString>& chosen = {});

// Finds the roles in `header`. `chosen` maps roles to header texts the user picked (matched without regard
// to case and surrounding spaces; an empty text leaves the role out). Fails with a sentence naming the file
// when a chosen column is missing, when no column names the arm, or when no column holds a metric.
Expected<ColumnMap> mapColumns(const QStringList& header, const QMap<Role, QString>& chosen, const QString& fileName);

} // namespace bidlab::stats
