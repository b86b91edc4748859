// SPDX-License-Identifier: MIT
#pragma once

#include "core/aggregate/column_mapping.h"

#include <optional>

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace bidlab::aggregate {

// Keeps (or, with exclude, drops) the rows whose dimension has one of the values.
struct DimensionFilter
{
    QString dimension; // a dimension name as in AggregateParams::dimensions (not a time dimension)
    QStringList values;
    bool exclude = false;
    bool operator==(const DimensionFilter&) const = default;
};

// Everything that defines one aggregation of one file.
struct AggregateParams
{
    QString path; // CSV, or gzip-compressed CSV (detected by content)
    char delimiter = 0; // 0: detected from the first lines
    ColumnMapping mapping;
    // Group-by dimensions, in order: "campaign", "device", "placement" (the mapped columns), "date", "week",
    // "month" (from the mapped date), or any header name. Empty: the grand total only.
    QStringList dimensions;
    std::optional<QDate> from; // inclusive date range; needs a date
    std::optional<QDate> to;
    QList<DimensionFilter> filters;
    int threads = 0; // scanning threads; 0: the pool's size
    qint64 chunkBytes = 0; // bytes per scanned chunk; 0: chosen from the file size (tests use small ones)
};

// The names of the derived time dimensions.
inline const QStringList& timeDimensions()
{
    static const QStringList names { QStringLiteral("date"), QStringLiteral("week"), QStringLiteral("month") };
    return names;
}

} // namespace bidlab::aggregate
