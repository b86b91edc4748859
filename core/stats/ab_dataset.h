// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/money.h"
#include "core/stats/column_mapping.h"

#include <cstdint>
#include <vector>

#include <QList>
#include <QString>
#include <QStringList>

// A/B tables once loaded: experiments, their arms with totals, and, where the table had them, the units
// (users or days) that tests of means and the bootstrap need.
namespace bidlab::stats {

enum class TableShape {
    Aggregated, // rows of counts per experiment and arm (several rows of one arm are added up)
    PerUnit, // one row per user, added up on load; the users are kept
    Daily, // one row per arm and day; the days are kept as units
};

QString shapeLabel(TableShape shape); // "one row per user"

// One arm's units as columns (users of a per-unit table, days of a daily one).
struct UnitColumns
{
    std::vector<std::int64_t> exposures;
    std::vector<std::int64_t> clicks;
    std::vector<std::int64_t> conversions;
    std::vector<Micros> revenue;
    std::vector<Micros> cost;

    std::size_t size() const { return exposures.size(); }
};

struct Arm
{
    QString name;
    // The units the split sent here, which the sample-ratio check compares: users of a per-unit table, the
    // exposures of aggregated and daily tables.
    std::int64_t assigned = 0;
    std::int64_t exposures = 0; // per-unit tables without an exposures column: users who responded (or all)
    std::int64_t clicks = 0;
    std::int64_t conversions = 0;
    Micros revenue = 0;
    Micros cost = 0;
    double revenueSquares = 0; // currency units^2, from an aggregated table's column
    std::int64_t nonResponders = 0; // per-unit yes/no tables: users who answered neither
    UnitColumns units;
};

struct Experiment
{
    QString name;
    std::vector<Arm> arms; // arms[0] is the control
};

// A row that was left out, and why.
struct RowProblem
{
    QString file; // file name without the folder
    std::int64_t line = 0;
    QString reason; // "'# of Impressions' is empty"

    QString message() const; // "control_group.csv, line 6: '# of Impressions' is empty; the row was left out."
};

struct Dataset
{
    TableShape shape = TableShape::Aggregated;
    QStringList files;
    ColumnMap columns; // of the first file
    QStringList headers; // the first file's header
    std::vector<Experiment> experiments;
    std::int64_t rows = 0; // data rows read
    std::int64_t rejectedRows = 0;
    std::vector<RowProblem> problems; // the first kMaxProblems of them
    QStringList notes; // non-responders, users in several arms, control arms chosen by default

    static constexpr std::size_t kMaxProblems = 1000;

    bool has(Role role) const { return columns.has(role); }
    // "arm ← 'Campaign Name', exposures ← '# of Impressions', …"
    QString mappingText() const;
};

} // namespace bidlab::stats
