// SPDX-License-Identifier: MIT
#pragma once

#include "core/aggregate/aggregate_params.h"
#include "core/aggregate/date_value.h"
#include "core/common/money.h"

#include <array>
#include <cstdint>
#include <vector>

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace bidlab::aggregate {

// The measures summed per group: counts and money (micros), exact integers, so that any thread count and
// any chunking give the same sums.
enum class Measure { Impressions, Clicks, Conversions, Cost, Revenue };
inline constexpr int kMeasureCount = 5;

struct Sums
{
    qint64 rows = 0;
    std::array<qint64, kMeasureCount> values {}; // by Measure; Cost and Revenue in micros

    qint64 operator[](Measure m) const { return values[static_cast<std::size_t>(m)]; }
    void add(const Sums& other)
    {
        rows += other.rows;
        for (std::size_t i = 0; i < values.size(); ++i)
            values[i] += other.values[i];
    }
    bool operator==(const Sums&) const = default;
};

enum class DimensionKind { Text, Date, Week, Month };

struct Dimension
{
    QString name; // as asked: "campaign", "date", "Banner"
    DimensionKind kind = DimensionKind::Text;
    QString column; // the header it is read from ("" for nothing: the date's columns are in the mapping)
};

// One group: a key per dimension (for a text dimension the index of its value in `values`, which is sorted
// in natural order; for a time dimension the day number of the day, the week's Monday or the month's first),
// so that keys sort the way a person reads them.
struct Group
{
    std::vector<std::int64_t> key;
    Sums sums;
};

// A row of the rollup: the first `level` dimensions are set, the rest are summed over (level 0 is the grand
// total).
struct RollupRow
{
    int level = 0;
    std::vector<std::int64_t> key; // `level` entries
    Sums sums;
};

struct BadRow
{
    qint64 line = 0; // physical line of the file, 1-based (the header is line 1)
    QString column; // the header of the field at fault; empty for the whole row
    QString reason; // a sentence
};

struct AggregateResult
{
    // The input.
    QString path;
    qint64 fileBytes = 0; // on disk
    qint64 dataBytes = 0; // CSV bytes scanned (the uncompressed size for gzip)
    bool compressed = false;
    char delimiter = ',';
    QStringList headers;
    ColumnMapping mapping; // as used (date format resolved)
    AggregateParams params;

    // The answer.
    QList<Dimension> dimensions;
    QList<QStringList> values; // per text dimension its sorted values; empty for time dimensions
    std::vector<Group> groups; // every group of all dimensions, sorted by key
    Sums total;
    std::array<bool, kMeasureCount> measured {}; // which measures the file has (mapped)

    // What happened to the rows.
    qint64 records = 0; // data rows read (bad ones included)
    qint64 filteredOut = 0; // good rows outside the filters
    qint64 badRowCount = 0;
    QList<BadRow> badRows; // the first kMaxListedBadRows, in file order
    std::array<qint64, kMeasureCount> emptyValues {}; // empty measure fields, read as 0

    // How it ran.
    double seconds = 0;
    int threadsRequested = 0;
    int threadsUsed = 0;
    int chunks = 0;
    int chunksRescanned = 0; // chunks whose speculative start fell inside a quoted field

    // The display text of a group's key in one dimension: the value, or the date ("2024-01-31"), week
    // ("2024-W05") or month ("2024-01").
    QString keyText(int dimension, std::int64_t key) const;
    // Subtotals by every prefix of the dimensions and the grand total, each after its rows: the SQL
    // GROUP BY ROLLUP order.
    std::vector<RollupRow> rollup() const;
    // The rows of one level only (level 0: the total; dimensions.size(): the groups).
    std::vector<RollupRow> level(int level) const;
    // Sums over all dimensions but `dimension`, sorted by key.
    std::vector<RollupRow> marginal(int dimension) const;
};

inline constexpr int kMaxListedBadRows = 100;

QString measureKey(Measure measure); // "impressions", ...
QString measureTitle(Measure measure); // "Impressions", ...

// "camp 2" before "camp 10": digit runs compare by value.
bool naturalLess(const QString& a, const QString& b);

} // namespace bidlab::aggregate

Q_DECLARE_METATYPE(bidlab::aggregate::AggregateResult)
