// SPDX-License-Identifier: MIT
#include "core/common/atomic_file.h"
#include "core/common/money.h"
#include "core/report/cell_value.h"
#include "core/report/report_writers.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>

#include <QByteArray>
#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QIODevice>
#include <QLocale>

// CSV for machines: every value is written exactly and in one fixed, locale-free form, so that a file read
// back (by BidLab's csv::Reader, a spreadsheet or pandas) gives the same numbers the report held.
namespace bidlab::report {

namespace {

constexpr char kDelimiter = ',';
constexpr char kQuote = '"';
constexpr qsizetype kFlushBytes = 1 << 16; // hand rows to the file in chunks of about 64 KiB

using detail::toFiniteDouble;
using detail::toInt64;

// The shortest text that reads back as the same double. Plain decimals for ordinary magnitudes (what people
// and most tools expect), exponent notation only for the extremes where plain digits would run long.
QByteArray shortestDouble(double value)
{
    const double magnitude = std::fabs(value);
    const bool plain = magnitude == 0.0 || (magnitude >= 1e-6 && magnitude < 1e15);
    QByteArray text = QByteArray::number(value, plain ? 'f' : 'g', QLocale::FloatingPointShortest);
    if (text == "-0")
        text = "0";
    return text;
}

// Decimal values with the column's number of places; "-0.00" becomes "0.00".
QByteArray fixedDouble(double value, int decimals)
{
    QByteArray text = QByteArray::number(value, 'f', std::max(0, decimals));
    const auto nonZeroDigit = [](char c) { return c >= '1' && c <= '9'; };
    if (text.startsWith('-') && std::none_of(text.cbegin(), text.cend(), nonZeroDigit))
        text.remove(0, 1);
    return text;
}

// One value as its CSV text (before quoting); empty for an empty value or one that does not fit its kind.
QByteArray fieldText(const QVariant& value, const Column& column)
{
    if (value.isNull() || !value.isValid())
        return {};
    switch (column.kind) {
    case ColumnKind::Text:
        return value.toString().toUtf8();
    case ColumnKind::Integer:
        if (const auto number = toInt64(value))
            return QByteArray::number(*number);
        return {};
    case ColumnKind::Decimal:
        if (const auto number = toFiniteDouble(value))
            return fixedDouble(*number, column.decimals);
        return {};
    case ColumnKind::Money:
        if (const auto micros = toInt64(value))
            return formatMoney(*micros, 6).toLatin1(); // exact: all six decimals
        return {};
    case ColumnKind::Percent: // the fraction itself, at full precision: 0.0123, not 1.23
        if (const auto fraction = toFiniteDouble(value))
            return shortestDouble(*fraction);
        return {};
    case ColumnKind::Date: {
        const QDate date = value.typeId() == QMetaType::QDateTime ? value.toDateTime().toUTC().date() : value.toDate();
        return date.isValid() ? date.toString(Qt::ISODate).toLatin1() : QByteArray();
    }
    case ColumnKind::DateTime: {
        const QDateTime time = value.toDateTime().toUTC();
        if (!time.isValid())
            return {};
        return time.toString(time.time().msec() != 0 ? Qt::ISODateWithMs : Qt::ISODate).toLatin1();
    }
    }
    return {};
}

// RFC 4180: a field is quoted only when it holds the delimiter, a quote, CR or LF; inner quotes are doubled.
// `alone` marks the only field of its record: an empty one is quoted too, or the record would be an empty
// line, which readers skip.
void appendField(QByteArray& out, const QByteArray& text, bool alone)
{
    const bool needsQuotes = text.contains(kDelimiter) || text.contains(kQuote) || text.contains('\r')
        || text.contains('\n') || (alone && text.isEmpty());
    if (!needsQuotes) {
        out += text;
        return;
    }
    out += kQuote;
    for (const char c : text) {
        if (c == kQuote)
            out += kQuote;
        out += c;
    }
    out += kQuote;
}

void appendRecord(QByteArray& out, const QList<QByteArray>& fields)
{
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += kDelimiter;
        appendField(out, fields[i], fields.size() == 1);
    }
    out += "\r\n";
}

bool flush(QIODevice& device, QByteArray& buffer, QString* error)
{
    if (device.write(buffer) != buffer.size()) {
        *error = device.errorString();
        return false;
    }
    buffer.clear();
    return true;
}

// Header and rows; a row shorter than the header is padded with empty fields, extra cells are ignored, so
// every record has as many fields as there are columns.
bool writeTable(QIODevice& device, const Table& table, const QString& path, QString* error)
{
    const qsizetype columnCount = table.columns.size();
    if (columnCount == 0)
        return true; // nothing to write: an empty file
    QByteArray buffer;
    QList<QByteArray> fields(columnCount);
    for (qsizetype c = 0; c < columnCount; ++c)
        fields[c] = table.columns[c].name.toUtf8();
    appendRecord(buffer, fields);
    for (const Row& row : table.rows) {
        for (qsizetype c = 0; c < columnCount; ++c)
            fields[c] = c < row.size() ? fieldText(row[c], table.columns[c]) : QByteArray();
        appendRecord(buffer, fields);
        if (buffer.size() >= kFlushBytes && !flush(device, buffer, error)) {
            *error = QCoreApplication::translate("bidlab", "Cannot write '%1': %2").arg(path, *error);
            return false;
        }
    }
    if (!flush(device, buffer, error)) {
        *error = QCoreApplication::translate("bidlab", "Cannot write '%1': %2").arg(path, *error);
        return false;
    }
    return true;
}

} // namespace

Status writeCsv(const Table& table, const QString& path)
{
    return writeFileAtomically(
        path, [&](QIODevice& device, QString* error) { return writeTable(device, table, path, error); });
}

Status writeCsv(const Report& report, const QString& path, qsizetype tableIndex)
{
    if (report.tables.isEmpty()) {
        return Error { QCoreApplication::translate("bidlab", "Cannot write '%1': the report '%2' has no table.")
                           .arg(path, report.title) };
    }
    if (tableIndex < 0 || tableIndex >= report.tables.size()) {
        return Error { QCoreApplication::translate("bidlab",
                                                   "Cannot write '%1': the report '%2' has no table number %3 "
                                                   "(its tables are numbered 0 to %4).")
                           .arg(path, report.title)
                           .arg(tableIndex)
                           .arg(report.tables.size() - 1) };
    }
    return writeCsv(report.tables[tableIndex], path);
}

} // namespace bidlab::report
