// SPDX-License-Identifier: MIT
#pragma once

#include <cmath>
#include <optional>

#include <QVariant>

// How the report writers read a cell's QVariant: one reading for CSV, XLSX, PDF and the screen.
namespace bidlab::report::detail {

// The integer in a cell, or nothing when the cell holds something that is not a whole number.
inline std::optional<qint64> toInt64(const QVariant& value)
{
    bool ok = false;
    const qint64 result = value.toLongLong(&ok);
    return ok ? std::optional<qint64>(result) : std::nullopt;
}

// The finite number in a cell: inf and NaN are treated as empty (a report never shows them).
inline std::optional<double> toFiniteDouble(const QVariant& value)
{
    bool ok = false;
    const double result = value.toDouble(&ok);
    if (!ok || !std::isfinite(result))
        return std::nullopt;
    return result;
}

} // namespace bidlab::report::detail
