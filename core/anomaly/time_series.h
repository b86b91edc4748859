// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"

#include <string_view>
#include <vector>

#include <QString>
#include <QStringList>

namespace bidlab::anomaly {

// A univariate series read from a `timestamp,value` CSV: one row per step, in file order.
struct TimeSeries
{
    QString source; // the file it came from, for messages
    std::vector<qint64> timesMs; // milliseconds since the Unix epoch (UTC)
    std::vector<double> values;
    QStringList timestampTexts; // as written in the file, for score files that must match labels exactly
    QStringList issues; // one sentence per malformed row that was skipped (file, line, reason)

    qsizetype size() const { return static_cast<qsizetype>(values.size()); }
};

// Reads a CSV with a header naming a `timestamp` column and a `value` column (any case, any order; other
// columns are ignored), or without a header, the first two columns. Timestamps are `YYYY-MM-DD HH:MM:SS`
// (optionally with fractions or a 'T'), or Unix seconds. A malformed row is skipped and described in
// `issues`; a file that cannot be read or has no valid row is an error.
Expected<TimeSeries> readTimeSeriesCsv(const QString& path);
Expected<TimeSeries> parseTimeSeriesCsv(std::string_view data, const QString& source);

// Parses one timestamp as the reader does; nullopt-like false when it is not one.
bool parseTimestamp(std::string_view text, qint64* msSinceEpoch);

} // namespace bidlab::anomaly
