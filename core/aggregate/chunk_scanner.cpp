// SPDX-License-Identifier: MIT
#include "core/aggregate/chunk_scanner.h"

#include "core/common/csv_reader.h"

namespace bidlab::aggregate::detail {

namespace {

QString quoted(std::string_view text)
{
    constexpr std::size_t kShown = 40;
    QString shown = QString::fromUtf8(text.data(), qsizetype(std::min(text.size(), kShown)));
    if (text.size() > kShown)
        shown += QStringLiteral("…");
    return QLatin1Char('\'') + shown + QLatin1Char('\'');
}

// A count: a whole number, or one written with a zero fraction ("12.0", as pandas writes integer columns
// that had gaps). Negative counts are absurd.
std::optional<std::int64_t> parseCount(std::string_view text, QString* why)
{
    std::optional<std::int64_t> value = csv::parseInt(text);
    if (!value) {
        const std::optional<Micros> micros = parseMicros(text);
        if (micros && *micros % kMicrosPerUnit == 0)
            value = *micros / kMicrosPerUnit;
    }
    if (!value) {
        *why = QStringLiteral("%1 is not a whole number").arg(quoted(text));
        return std::nullopt;
    }
    if (*value < 0) {
        *why = QStringLiteral("the count %1 is negative").arg(*value);
        return std::nullopt;
    }
    return value;
}

// Amounts in the plain form "123" or "123.4567" (up to six decimals) read here directly, the rest
// (signs, spaces, rounding of longer fractions, overflow) by parseMicros.
std::optional<Micros> parseAmount(std::string_view text)
{
    if (text.empty() || text.size() > 18)
        return parseMicros(text);
    std::int64_t value = 0;
    std::size_t i = csv::readDigits(text, 0, value);
    if (i == 0 || i > 12) // 12 integer digits and 6 decimals stay below 2^63
        return parseMicros(text);
    int decimals = 0;
    if (i < text.size()) {
        if (text[i] != '.' || text.size() - i - 1 > 6)
            return parseMicros(text);
        const std::size_t end = csv::readDigits(text, i + 1, value);
        if (end != text.size())
            return parseMicros(text);
        decimals = int(end - i - 1);
    }
    static constexpr std::array<std::int64_t, 7> scale { 1'000'000, 100'000, 10'000, 1'000, 100, 10, 1 };
    return value * scale[std::size_t(decimals)];
}

class Scanner
{
public:
    Scanner(const ScanPlan& plan, ChunkResult& out)
        : m_plan(plan)
        , m_out(out)
        , m_textIds(plan.texts.size())
        , m_key(plan.dimensions.size())
    {
        m_out.texts.resize(plan.texts.size());
        m_out.accepted.resize(plan.texts.size());
        m_out.groups = GroupTable(plan.dimensions.size());
    }

    void record(const csv::Reader& reader)
    {
        ++m_out.records;
        const std::vector<std::string_view>& fields = reader.fields();
        if (fields.size() != m_plan.fieldCount) {
            bad(reader.line(), -1,
                QStringLiteral("the row has %1 fields, the header %2").arg(fields.size()).arg(m_plan.fieldCount));
            return;
        }
        Sums row;
        row.rows = 1;
        DayNumber day = 0;
        int month = 0;
        int dayOfMonth = 0;
        bool accepted = true;
        QString why;
        for (const UsedField& used : m_plan.fields) {
            const std::string_view text = fields[used.column];
            switch (used.action) {
            case FieldAction::Skip:
                break;
            case FieldAction::Count:
            case FieldAction::Money: {
                if (text.empty()) {
                    ++m_out.emptyValues[used.slot];
                    break;
                }
                std::optional<std::int64_t> value;
                if (used.action == FieldAction::Count) {
                    value = parseCount(text, &why);
                } else if (!(value = parseAmount(text))) {
                    why = QStringLiteral("%1 is not an amount").arg(quoted(text));
                }
                if (!value)
                    return bad(reader.line(), int(used.column), why);
                row.values[used.slot] = *value;
                break;
            }
            case FieldAction::Date: {
                const std::optional<DayNumber> parsed = parseDate(text, m_plan.dateFormat);
                if (!parsed)
                    return bad(reader.line(), int(used.column),
                               QStringLiteral("%1 is not a date in the format %2")
                                   .arg(quoted(text), dateFormatTitle(m_plan.dateFormat)));
                day = *parsed;
                break;
            }
            case FieldAction::Month: {
                const std::optional<int> parsed = parseMonth(text);
                if (!parsed)
                    return bad(reader.line(), int(used.column), QStringLiteral("%1 is not a month").arg(quoted(text)));
                month = *parsed;
                break;
            }
            case FieldAction::Day: {
                const std::optional<std::int64_t> parsed = csv::parseInt(text);
                if (!parsed || *parsed < 1 || *parsed > 31)
                    return bad(reader.line(), int(used.column),
                               QStringLiteral("%1 is not a day of the month").arg(quoted(text)));
                dayOfMonth = int(*parsed);
                break;
            }
            case FieldAction::Text: {
                bool added = false;
                const std::uint32_t id = m_out.texts[used.slot].intern(text, &added);
                std::vector<std::uint8_t>& flags = m_out.accepted[used.slot];
                if (added)
                    flags.push_back(m_plan.texts[used.slot].accepts(text) ? 1 : 0);
                accepted = accepted && flags[id];
                m_textIds[used.slot] = id;
                break;
            }
            }
        }
        if (m_plan.dateSource == DateSource::MonthDay) {
            const std::optional<DayNumber> parsed = dayNumber(m_plan.year, month, dayOfMonth);
            if (!parsed)
                return bad(
                    reader.line(), -1,
                    QStringLiteral("there is no day %1 in month %2 of %3").arg(dayOfMonth).arg(month).arg(m_plan.year));
            day = *parsed;
        }
        if (m_plan.dateRange && (day < m_plan.from || day > m_plan.to))
            accepted = false;
        if (!accepted) {
            ++m_out.filteredOut;
            return;
        }
        for (std::size_t d = 0; d < m_plan.dimensions.size(); ++d) {
            const DimensionSource& source = m_plan.dimensions[d];
            switch (source.kind) {
            case DimensionKind::Text:
                m_key[d] = m_textIds[source.slot];
                break;
            case DimensionKind::Date:
                m_key[d] = static_cast<std::uint32_t>(day);
                break;
            case DimensionKind::Week:
                m_key[d] = static_cast<std::uint32_t>(weekStart(day));
                break;
            case DimensionKind::Month:
                m_key[d] = static_cast<std::uint32_t>(monthStart(day));
                break;
            }
        }
        m_out.groups.find(m_key.data()).add(row);
    }

    void bad(std::int64_t line, int column, const QString& reason)
    {
        ++m_out.badRows;
        if (m_out.firstBadRows.size() < std::size_t(kMaxListedBadRows))
            m_out.firstBadRows.push_back({ line, column, reason });
    }

private:
    const ScanPlan& m_plan;
    ChunkResult& m_out;
    std::vector<std::uint32_t> m_textIds;
    std::vector<std::uint32_t> m_key;
};

} // namespace

ChunkResult scanChunk(const ScanPlan& plan, std::string_view data, std::size_t begin, std::size_t rangeEnd,
                      std::size_t expectedGroups)
{
    ChunkResult out;
    Scanner scanner(plan, out);
    out.groups.reserve(expectedGroups);
    csv::Reader reader(data.substr(begin), { plan.delimiter, '"' }, 1);
    const std::size_t limit = rangeEnd - begin;
    out.begin = begin + reader.skipEmptyLines();
    out.firstLine = reader.nextLine();
    while (reader.skipEmptyLines() < limit && reader.next())
        scanner.record(reader);
    if (!reader.error().empty()) {
        // The rest of the data is one unterminated quoted field: nothing after it can be read.
        ++out.records;
        scanner.bad(reader.line(), -1,
                    QStringLiteral("a quoted field opens in this row and never closes, so the rest of the file "
                                   "cannot be read"));
    }
    out.end = begin + reader.offset();
    out.endLine = reader.nextLine();
    return out;
}

} // namespace bidlab::aggregate::detail
