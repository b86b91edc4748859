// SPDX-License-Identifier: MIT
#include "core/report/report.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>

#include <QDate>
#include <QDateTime>

namespace bidlab::report {

namespace {

// The integer in a cell, or nothing when the cell holds something that is not a whole number.
std::optional<qint64> toInt64(const QVariant& value)
{
    bool ok = false;
    const qint64 result = value.toLongLong(&ok);
    return ok ? std::optional<qint64>(result) : std::nullopt;
}

// The finite number in a cell: inf and NaN are treated as empty (a report never shows them).
std::optional<double> toFiniteDouble(const QVariant& value)
{
    bool ok = false;
    const double result = value.toDouble(&ok);
    if (!ok || !std::isfinite(result))
        return std::nullopt;
    return result;
}

// QString::number(x, 'f', d) writes "-0.00" for small negative values; a person reads that as zero.
QString fixed(double value, int decimals)
{
    QString text = QString::number(value, 'f', decimals);
    const auto nonZeroDigit = [](QChar c) { return c >= QLatin1Char('1') && c <= QLatin1Char('9'); };
    if (text.startsWith(QLatin1Char('-')) && std::none_of(text.cbegin(), text.cend(), nonZeroDigit))
        text.remove(0, 1);
    return text;
}

// Micros as currency units rounded (half away from zero) to `decimals` places, in integer arithmetic so
// that large amounts stay exact: a double carries only 15-16 significant digits.
QString formatMicros(qint64 micros, int decimals)
{
    decimals = std::clamp(decimals, 0, 6);
    const bool negative = micros < 0;
    // The magnitude as unsigned, so that INT64_MIN does not overflow.
    std::uint64_t magnitude = negative ? std::uint64_t(0) - std::uint64_t(micros) : std::uint64_t(micros);
    std::uint64_t step = 1;
    for (int i = decimals; i < 6; ++i)
        step *= 10;
    magnitude = (magnitude + step / 2) / step; // now in units of 10^-decimals
    std::uint64_t scale = 1;
    for (int i = 0; i < decimals; ++i)
        scale *= 10;
    QString text = QString::number(magnitude / scale);
    if (decimals > 0)
        text += QLatin1Char('.') + QString::number(magnitude % scale).rightJustified(decimals, QLatin1Char('0'));
    if (negative && magnitude != 0)
        text.prepend(QLatin1Char('-'));
    return text;
}

QString formatDate(const QVariant& value)
{
    const QDate date = value.typeId() == QMetaType::QDateTime ? value.toDateTime().toUTC().date() : value.toDate();
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

QString formatDateTime(const QVariant& value)
{
    QDateTime time = value.toDateTime();
    if (!time.isValid())
        return {};
    time = time.toUTC();
    return time.toString(time.time().msec() != 0 ? Qt::ISODateWithMs : Qt::ISODate);
}

} // namespace

QString formatCell(const QVariant& value, const Column& column)
{
    static const QString empty = QStringLiteral("\u2014"); // em dash
    if (value.isNull() || !value.isValid())
        return empty;

    QString text;
    switch (column.kind) {
    case ColumnKind::Text:
        text = value.toString();
        return text;
    case ColumnKind::Integer:
        if (const auto number = toInt64(value))
            text = QString::number(*number);
        else if (const auto real = toFiniteDouble(value))
            text = fixed(*real, 0);
        break;
    case ColumnKind::Decimal:
        if (const auto number = toFiniteDouble(value))
            text = fixed(*number, std::max(0, column.decimals));
        break;
    case ColumnKind::Money:
        if (const auto micros = toInt64(value))
            text = formatMicros(*micros, column.decimals);
        break;
    case ColumnKind::Percent:
        if (const auto fraction = toFiniteDouble(value))
            text = fixed(*fraction * 100.0, std::max(0, column.decimals)) + QStringLiteral(" %");
        break;
    case ColumnKind::Date:
        text = formatDate(value);
        break;
    case ColumnKind::DateTime:
        text = formatDateTime(value);
        break;
    }
    // A value that does not fit its column's kind (or a NaN) is shown as empty rather than as garbage.
    return text.isEmpty() ? empty : text;
}

} // namespace bidlab::report
