// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include <QDate>
#include <QString>

// Dates of ad logs as day numbers (days since 1970-01-01), parsed without locale or allocation: the scan
// parses one per row.
namespace bidlab::aggregate {

using DayNumber = std::int32_t;

// The written forms a date column can take. Separators '-', '/' and '.' are accepted in the day/month forms.
enum class DateFormat {
    Auto, // detected from the first values
    Iso, // 2024-01-31, also 2024-01-31 12:00:00 and 2024-01-31T12:00:00Z (the time is ignored)
    YearMonthDay, // 2024/01/31, 2024.01.31
    DayMonthYear, // 31.01.2024, 31/1/2024
    MonthDayYear, // 1/31/2024
    Compact, // 20240131
};

QString dateFormatKey(DateFormat format); // "auto", "iso", "ymd", "dmy", "mdy", "compact"
std::optional<DateFormat> dateFormatFromKey(const QString& key);
QString dateFormatTitle(DateFormat format); // "2024-01-31 (ISO)", for menus

// The day of a civil date, or nullopt when there is no such day (Feb 30th, month 13, year outside 1..9999).
std::optional<DayNumber> dayNumber(int year, int month, int day);
std::optional<DayNumber> parseDate(std::string_view text, DateFormat format);
// A month by name or abbreviation in English ("April", "apr", case-insensitive) or by number ("4", "04").
std::optional<int> parseMonth(std::string_view text);

// The format that reads every sample (empty samples ignored), preferring day-first or month-first by the
// values (a first part above 12 is a day); nullopt when none reads them all.
std::optional<DateFormat> detectDateFormat(const std::vector<std::string_view>& samples);

QDate toQDate(DayNumber day);
DayNumber fromQDate(const QDate& date);
DayNumber weekStart(DayNumber day); // the Monday of the ISO week
DayNumber monthStart(DayNumber day); // the first of the month

} // namespace bidlab::aggregate
