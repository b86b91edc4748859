// SPDX-License-Identifier: MIT
#include "core/common/csv_reader.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <map>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace bidlab::csv {

std::string_view trimSpaces(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

namespace {

// Finds the first delimiter or '\n' at or after `pos`, or `size`. It classifies 64 bytes at a time with
// SSE2 into a bit mask and keeps the mask, so that the fields of a record share one scan and the end of a
// field costs neither a per-byte branch nor, mostly, a mispredicted one.
class FieldEndFinder
{
public:
    FieldEndFinder(const char* data, std::size_t size, char delimiter)
        : m_data(data)
        , m_size(size)
        , m_delimiter(delimiter)
    { }

    std::size_t find(std::size_t pos)
    {
#if defined(__SSE2__)
        if (pos - m_block < 64) {
            const std::uint64_t rest = m_mask >> (pos - m_block);
            if (rest != 0)
                return pos + static_cast<std::size_t>(__builtin_ctzll(rest));
            pos = m_block + 64;
        }
        while (pos + 64 <= m_size) {
            m_block = pos;
            m_mask = classify(m_data + pos);
            if (m_mask != 0)
                return pos + static_cast<std::size_t>(__builtin_ctzll(m_mask));
            pos += 64;
        }
#endif
        while (pos < m_size && m_data[pos] != m_delimiter && m_data[pos] != '\n')
            ++pos;
        return pos;
    }

private:
#if defined(__SSE2__)
    std::uint64_t classify(const char* p) const
    {
        const __m128i delimiter = _mm_set1_epi8(m_delimiter);
        const __m128i newline = _mm_set1_epi8('\n');
        std::uint64_t mask = 0;
        for (int i = 0; i < 4; ++i) {
            const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
            const auto hits = static_cast<std::uint32_t>(
                _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(bytes, delimiter), _mm_cmpeq_epi8(bytes, newline))));
            mask |= std::uint64_t(hits) << (16 * i);
        }
        return mask;
    }
#endif

    const char* m_data;
    std::size_t m_size;
    char m_delimiter;
    std::size_t m_block = static_cast<std::size_t>(-1) - 64; // no block yet: pos - m_block >= 64
    std::uint64_t m_mask = 0;
};

} // namespace

std::string_view skipBom(std::string_view data)
{
    if (data.size() >= 3 && data.substr(0, 3) == "\xEF\xBB\xBF")
        data.remove_prefix(3);
    return data;
}

char detectDelimiter(std::string_view sample)
{
    constexpr std::array<char, 4> candidates { ',', ';', '\t', '|' };
    std::array<std::map<int, int>, 4> linesByCount; // per candidate: count per line -> number of lines
    std::array<int, 4> counts {};
    bool quoted = false;
    int lines = 0;
    auto endLine = [&] {
        for (std::size_t c = 0; c < candidates.size(); ++c) {
            if (counts[c] > 0)
                ++linesByCount[c][counts[c]];
            counts[c] = 0;
        }
        ++lines;
    };
    for (std::size_t i = 0; i < sample.size() && lines < 50; ++i) {
        const char ch = sample[i];
        if (ch == '"') {
            quoted = !quoted;
        } else if (!quoted && ch == '\n') {
            endLine();
        } else if (!quoted) {
            for (std::size_t c = 0; c < candidates.size(); ++c)
                counts[c] += ch == candidates[c];
        }
    }
    endLine();

    char best = ',';
    int bestLines = 0;
    for (std::size_t c = 0; c < candidates.size(); ++c) {
        for (const auto& [count, nLines] : linesByCount[c]) {
            if (nLines > bestLines) {
                bestLines = nLines;
                best = candidates[c];
            }
        }
    }
    return best;
}

Reader::Reader(std::string_view data, Dialect dialect, std::int64_t firstLine)
    : m_data(data)
    , m_dialect(dialect)
    , m_line(firstLine)
{ }

bool Reader::readQuoted(std::string_view& field)
{
    // m_pos is just after the opening quote.
    const std::size_t start = m_pos;
    std::string* unescaped = nullptr;
    std::size_t copiedUpTo = start;
    while (true) {
        const std::size_t q = m_data.find(m_dialect.quote, m_pos);
        if (q == std::string_view::npos) {
            m_error = "unterminated quoted field starting on line " + std::to_string(m_recordLine);
            m_pos = m_data.size();
            return false;
        }
        m_line += std::count(m_data.begin() + static_cast<std::ptrdiff_t>(m_pos),
                             m_data.begin() + static_cast<std::ptrdiff_t>(q), '\n');
        if (q + 1 < m_data.size() && m_data[q + 1] == m_dialect.quote) { // doubled quote: one literal quote
            if (!unescaped) {
                if (m_unescapedUsed == m_unescaped.size())
                    m_unescaped.emplace_back();
                unescaped = &m_unescaped[m_unescapedUsed++];
                unescaped->clear();
            }
            unescaped->append(m_data.substr(copiedUpTo, q + 1 - copiedUpTo));
            m_pos = q + 2;
            copiedUpTo = m_pos;
            continue;
        }
        if (unescaped) {
            unescaped->append(m_data.substr(copiedUpTo, q - copiedUpTo));
            field = *unescaped;
        } else {
            field = m_data.substr(start, q - start);
        }
        m_pos = q + 1;
        // Anything between the closing quote and the delimiter is kept, as lenient readers do.
        return true;
    }
}

std::size_t Reader::skipEmptyLines()
{
    while (m_pos < m_data.size() && (m_data[m_pos] == '\n' || m_data[m_pos] == '\r')) {
        if (m_data[m_pos] == '\n')
            ++m_line;
        ++m_pos;
    }
    return m_pos;
}

bool Reader::next()
{
    m_fields.clear();
    m_unescapedUsed = 0;
    if (skipEmptyLines() >= m_data.size()) // empty lines are not records
        return false;

    m_recordLine = m_line;
    FieldEndFinder finder(m_data.data(), m_data.size(), m_dialect.delimiter);
    while (true) {
        // The field as pointer and size in registers: a string_view local that readQuoted() writes through
        // would live on the stack and be reloaded whole, which stalls store forwarding on every field.
        const char* fieldData = nullptr;
        std::size_t fieldSize = 0;
        if (m_data[m_pos] == m_dialect.quote) {
            ++m_pos;
            std::string_view quoted;
            if (!readQuoted(quoted))
                return false;
            fieldData = quoted.data();
            fieldSize = quoted.size();
        }
        // The end of the field (for a quoted field: any stray characters after the quote).
        const std::size_t end = finder.find(m_pos);
        if (fieldData == nullptr) {
            std::size_t fieldEnd = end;
            if (fieldEnd > m_pos && m_data[fieldEnd - 1] == '\r' && (end == m_data.size() || m_data[end] == '\n'))
                --fieldEnd;
            fieldData = m_data.data() + m_pos;
            fieldSize = fieldEnd - m_pos;
        }
        m_fields.emplace_back(fieldData, fieldSize);
        if (end >= m_data.size()) {
            m_pos = m_data.size();
            return true;
        }
        m_pos = end + 1;
        if (m_data[end] == '\n') {
            ++m_line;
            return true;
        }
    }
}

std::size_t lineStartAfter(std::string_view data, std::size_t offset)
{
    if (offset == 0 || offset >= data.size())
        return std::min(offset, data.size());
    if (data[offset - 1] == '\n')
        return offset;
    const void* newline = std::memchr(data.data() + offset, '\n', data.size() - offset);
    return newline ? std::size_t(static_cast<const char*>(newline) - data.data()) + 1 : data.size();
}

std::optional<std::vector<std::vector<std::string>>> readAll(std::string_view data, Dialect dialect, std::string* error)
{
    std::vector<std::vector<std::string>> rows;
    Reader reader(skipBom(data), dialect);
    while (reader.next())
        rows.emplace_back(reader.fields().begin(), reader.fields().end());
    if (!reader.error().empty()) {
        if (error)
            *error = reader.error();
        return std::nullopt;
    }
    return rows;
}

std::optional<std::int64_t> detail::parseIntSlow(std::string_view field)
{
    field = trimSpaces(field);
    if (!field.empty() && field.front() == '+')
        field.remove_prefix(1);
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (field.empty() || ec != std::errc() || end != field.data() + field.size())
        return std::nullopt;
    return value;
}

std::optional<double> parseDouble(std::string_view field)
{
    field = trimSpaces(field);
    if (!field.empty() && field.front() == '+')
        field.remove_prefix(1);
    double value = 0;
    const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (field.empty() || ec != std::errc() || end != field.data() + field.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

} // namespace bidlab::csv
