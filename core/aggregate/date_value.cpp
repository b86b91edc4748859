// SPDX-License-Identifier: MIT
#include "core/aggregate/date_value.h"

#include "core/common/csv_reader.h"

#include <array>

namespace bidlab::aggregate {

namespace {

// Days from civil, after Howard Hinnant's public-domain algorithm (proleptic Gregorian calendar).
constexpr DayNumber daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

// Civil from days, the inverse (same source): the year and month of a day number.
constexpr void civilFromDays(DayNumber z, int& year, int& month)
{
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = yoe + era * 400 + (month <= 2);
}

constexpr bool isLeap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

// Reads 1..maxDigits digits at text[pos]; advances pos.
std::optional<int> digits(std::string_view text, std::size_t& pos, std::size_t minDigits, std::size_t maxDigits)
{
    int value = 0;
    std::size_t n = 0;
    while (pos < text.size() && n < maxDigits && text[pos] >= '0' && text[pos] <= '9') {
        value = value * 10 + (text[pos] - '0');
        ++pos;
        ++n;
    }
    if (n < minDigits)
        return std::nullopt;
    return value;
}

bool separator(std::string_view text, std::size_t& pos)
{
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '/' || text[pos] == '.')) {
        ++pos;
        return true;
    }
    return false;
}

// Three numbers separated by one of -/. with the given digit counts; nothing may follow.
bool threeParts(std::string_view text, std::array<int, 3>& parts, std::array<std::size_t, 3> minDigits,
                std::array<std::size_t, 3> maxDigits)
{
    std::size_t pos = 0;
    for (int i = 0; i < 3; ++i) {
        if (i > 0 && !separator(text, pos))
            return false;
        const auto value = digits(text, pos, minDigits[i], maxDigits[i]);
        if (!value)
            return false;
        parts[i] = *value;
    }
    return pos == text.size();
}

} // namespace

QString dateFormatKey(DateFormat format)
{
    switch (format) {
    case DateFormat::Auto:
        return QStringLiteral("auto");
    case DateFormat::Iso:
        return QStringLiteral("iso");
    case DateFormat::YearMonthDay:
        return QStringLiteral("ymd");
    case DateFormat::DayMonthYear:
        return QStringLiteral("dmy");
    case DateFormat::MonthDayYear:
        return QStringLiteral("mdy");
    case DateFormat::Compact:
        return QStringLiteral("compact");
    }
    return {};
}

std::optional<DateFormat> dateFormatFromKey(const QString& key)
{
    for (DateFormat f : { DateFormat::Auto, DateFormat::Iso, DateFormat::YearMonthDay, DateFormat::DayMonthYear,
                          DateFormat::MonthDayYear, DateFormat::Compact }) {
        if (dateFormatKey(f).compare(key, Qt::CaseInsensitive) == 0)
            return f;
    }
    return std::nullopt;
}

QString dateFormatTitle(DateFormat format)
{
    switch (format) {
    case DateFormat::Auto:
        return QStringLiteral("Detect");
    case DateFormat::Iso:
        return QStringLiteral("2024-01-31 (ISO)");
    case DateFormat::YearMonthDay:
        return QStringLiteral("2024/01/31");
    case DateFormat::DayMonthYear:
        return QStringLiteral("31.01.2024 (day first)");
    case DateFormat::MonthDayYear:
        return QStringLiteral("1/31/2024 (month first)");
    case DateFormat::Compact:
        return QStringLiteral("20240131");
    }
    return {};
}

std::optional<DayNumber> dayNumber(int year, int month, int day)
{
    static constexpr std::array<int, 12> lengths { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
        return std::nullopt;
    const bool leap = isLeap(year);
    const int length = lengths[static_cast<std::size_t>(month - 1)] + (month == 2 && leap);
    if (day > length)
        return std::nullopt;
    // Days before the year (leap days counted up to year - 1), before the month, and into it.
    static constexpr std::array<int, 12> before { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
    const unsigned y = unsigned(year - 1);
    const int leapDays = int(y / 4 - y / 100 + y / 400) - 477; // 477 leap days before 1970
    return 365 * (year - 1970) + leapDays + before[static_cast<std::size_t>(month - 1)] + (month > 2 && leap) + day - 1;
}

std::optional<DayNumber> parseDate(std::string_view text, DateFormat format)
{
    if (format != DateFormat::Iso || text.size() < 10 || text[0] == ' ' || text[0] == '\t')
        text = csv::trimSpaces(text);
    std::array<int, 3> p {};
    switch (format) {
    case DateFormat::Auto:
        return std::nullopt;
    case DateFormat::Iso: {
        // The fixed form YYYY-MM-DD, optionally followed by a time: what almost every log holds.
        if (text.size() >= 10 && text[4] == '-' && text[7] == '-'
            && (text.size() == 10 || text[10] == ' ' || text[10] == 'T')) {
            const auto digit = [&](std::size_t i) { return unsigned(static_cast<unsigned char>(text[i])) - '0'; };
            const unsigned d[8] = { digit(0), digit(1), digit(2), digit(3), digit(5), digit(6), digit(8), digit(9) };
            for (unsigned x : d) {
                if (x > 9)
                    return std::nullopt;
            }
            return dayNumber(int(d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3]), int(d[4] * 10 + d[5]),
                             int(d[6] * 10 + d[7]));
        }
        return std::nullopt;
    }
    case DateFormat::YearMonthDay:
        if (!threeParts(text, p, { 4, 1, 1 }, { 4, 2, 2 }))
            return std::nullopt;
        return dayNumber(p[0], p[1], p[2]);
    case DateFormat::DayMonthYear:
        if (!threeParts(text, p, { 1, 1, 4 }, { 2, 2, 4 }))
            return std::nullopt;
        return dayNumber(p[2], p[1], p[0]);
    case DateFormat::MonthDayYear:
        if (!threeParts(text, p, { 1, 1, 4 }, { 2, 2, 4 }))
            return std::nullopt;
        return dayNumber(p[2], p[0], p[1]);
    case DateFormat::Compact: {
        std::size_t pos = 0;
        if (text.size() != 8)
            return std::nullopt;
        const auto y = digits(text, pos, 4, 4);
        const auto m = digits(text, pos, 2, 2);
        const auto d = digits(text, pos, 2, 2);
        if (!y || !m || !d)
            return std::nullopt;
        return dayNumber(*y, *m, *d);
    }
    }
    return std::nullopt;
}

std::optional<int> parseMonth(std::string_view text)
{
    text = csv::trimSpaces(text);
    if (!text.empty() && text.size() <= 2 && text.front() >= '0' && text.front() <= '9') {
        std::size_t pos = 0;
        const auto value = digits(text, pos, 1, 2);
        if (value && pos == text.size() && *value >= 1 && *value <= 12)
            return value;
        return std::nullopt;
    }
    static constexpr std::array<std::string_view, 12> names { "january",   "february", "march",    "april",
                                                              "may",       "june",     "july",     "august",
                                                              "september", "october",  "november", "december" };
    if (text.size() < 3 || text.size() > 9)
        return std::nullopt;
    std::array<char, 9> lower {};
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        lower[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    const std::string_view word(lower.data(), text.size());
    for (std::size_t m = 0; m < names.size(); ++m) {
        // The full name or its first three letters ("Sept" too).
        if (word == names[m] || (word.size() >= 3 && names[m].substr(0, word.size()) == word))
            return static_cast<int>(m) + 1;
    }
    return std::nullopt;
}

std::optional<DateFormat> detectDateFormat(const std::vector<std::string_view>& samples)
{
    bool dayFirstSeen = false; // some first part > 12: day first
    bool monthFirstSeen = false; // some second part > 12: month first
    bool dotted = false; // 31.01.2024 is European: day first when the values do not tell
    for (std::string_view s : samples) {
        dotted = dotted || s.find('.') != std::string_view::npos;
        std::array<int, 3> p {};
        if (threeParts(csv::trimSpaces(s), p, { 1, 1, 4 }, { 2, 2, 4 })) {
            dayFirstSeen = dayFirstSeen || p[0] > 12;
            monthFirstSeen = monthFirstSeen || p[1] > 12;
        }
    }
    const bool monthFirst = monthFirstSeen || (!dayFirstSeen && !dotted);
    const std::array<DateFormat, 5> order { DateFormat::Iso, DateFormat::YearMonthDay,
                                            monthFirst ? DateFormat::MonthDayYear : DateFormat::DayMonthYear,
                                            monthFirst ? DateFormat::DayMonthYear : DateFormat::MonthDayYear,
                                            DateFormat::Compact };
    // The format that reads the most values wins; a few bad values (a typo, "2024-02-30") must not hide
    // it, so it needs to read four in five.
    std::optional<DateFormat> best;
    std::size_t bestCount = 0;
    std::size_t nonEmpty = 0;
    for (std::string_view s : samples)
        nonEmpty += !csv::trimSpaces(s).empty();
    for (DateFormat format : order) {
        if (format == DateFormat::MonthDayYear && dayFirstSeen)
            continue;
        std::size_t count = 0;
        for (std::string_view s : samples)
            count += !csv::trimSpaces(s).empty() && parseDate(s, format).has_value();
        if (count > bestCount) {
            best = format;
            bestCount = count;
        }
    }
    if (best && bestCount * 5 >= nonEmpty * 4)
        return best;
    return std::nullopt;
}

QDate toQDate(DayNumber day)
{
    return QDate(1970, 1, 1).addDays(day);
}

DayNumber fromQDate(const QDate& date)
{
    return static_cast<DayNumber>(QDate(1970, 1, 1).daysTo(date));
}

DayNumber weekStart(DayNumber day)
{
    // 1970-01-01 was a Thursday: (day + 3) mod 7 is the weekday counted from Monday.
    const int weekday = ((day + 3) % 7 + 7) % 7;
    return day - weekday;
}

DayNumber monthStart(DayNumber day)
{
    int year = 0;
    int month = 0;
    civilFromDays(day, year, month);
    return daysFromCivil(year, month, 1);
}

} // namespace bidlab::aggregate
