// SPDX-License-Identifier: MIT
#include "core/report/report.h"

#include "core/common/money.h"
#include "core/report/cell_value.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>

#include <QDate>
#include <QDateTime>

namespace bidlab::report {

namespace {

using detail::toFiniteDouble;
using detail::toInt64;

// QString::number(x, 'f', d) writes "-0.00" for small negative values; a person reads that as zero.
QString fixed(double value, int decimals)
{
    QString text = QString::number(value, 'f', decimals);
    const auto nonZeroDigit = [](QChar c) { return c >= QLatin1Char('1') && c <= QLatin1Char('9'); };
    if (text.startsWith(QLatin1Char('-')) && std::none_of(text.cbegin(), text.cend(), nonZeroDigit))
        text.remove(0, 1);
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
            text = formatMoney(*micros, column.decimals);
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
