// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bidlab::csv {

// RFC 4180 reading: UTF-8 with or without BOM, LF or CRLF, quoted fields with doubled quotes and embedded
// delimiters or newlines. The delimiter is ',' unless detected or given (';' and tab are common).
struct Dialect
{
    char delimiter = ',';
    char quote = '"';
};

// The input without a leading UTF-8 byte-order mark.
std::string_view skipBom(std::string_view data);

// Guesses the delimiter among ',', ';', '\t' and '|' from the first lines of a file: the candidate that
// appears outside quotes the same non-zero number of times on the most lines wins. ',' when unsure.
char detectDelimiter(std::string_view sample);

// Streams records out of a buffer that stays alive while reading. Fields are views into that buffer or,
// for quoted fields that needed unescaping, into the reader's own scratch space; they stay valid until
// the next call to next(). Empty lines are not records and are passed over.
class Reader
{
public:
    explicit Reader(std::string_view data, Dialect dialect = {}, std::int64_t firstLine = 1);

    // Reads the next record. False at the end of the data, or on an unterminated quoted field (then
    // error() says so and names the line where the field began).
    bool next();

    const std::vector<std::string_view>& fields() const { return m_fields; }
    std::size_t size() const { return m_fields.size(); }
    std::string_view operator[](std::size_t i) const { return m_fields[i]; }

    // Physical line (1-based) where the current record starts.
    std::int64_t line() const { return m_recordLine; }
    // Byte offset, in the data, of the next unread record.
    std::size_t offset() const { return m_pos; }
    // Physical line at offset(): the line after the last one read.
    std::int64_t nextLine() const { return m_line; }
    // Passes over empty lines at offset() and returns where the next record starts (the data's size at
    // its end). A chunked reader asks this before next() so that it never reads a record that starts at
    // or past its range's end.
    std::size_t skipEmptyLines();
    const std::string& error() const { return m_error; }

private:
    bool readQuoted(std::string_view& field);

    std::string_view m_data;
    Dialect m_dialect;
    std::size_t m_pos = 0;
    std::int64_t m_line;
    std::int64_t m_recordLine = 0;
    std::vector<std::string_view> m_fields;
    std::deque<std::string> m_unescaped; // stable storage for fields with doubled quotes
    std::size_t m_unescapedUsed = 0;
    std::string m_error;
};

// The first line start at or after `offset` (just after a '\n', found with memchr), or data.size(): where a
// parallel reader cuts a file into byte ranges. Speculative: in a file whose quoted fields hold newlines a
// cut can fall inside such a field. The reader then checks that each range starts where the previous
// range's last record ended (Reader::offset() after reading it) and reads again a range that does not.
std::size_t lineStartAfter(std::string_view data, std::size_t offset);

// Splits a whole file's records (header included) into every record's fields at once: convenient for
// small tables (a few MB). Returns nullopt and sets *error on an unterminated quote.
std::optional<std::vector<std::vector<std::string>>> readAll(std::string_view data, Dialect dialect,
                                                             std::string* error = nullptr);

// Number parsing that is strict (the whole field must be the number, surrounding spaces allowed) and
// locale-independent ('.' decimal point).
namespace detail {
std::optional<std::int64_t> parseIntSlow(std::string_view field);
}

// The text without leading and trailing spaces and tabs.
std::string_view trimSpaces(std::string_view text);

// Reads the decimal digits of text from `pos` into `value` (value * 10 + digit each), up to the first
// non-digit; returns the position after the last digit. The caller bounds the length against overflow.
inline std::size_t readDigits(std::string_view text, std::size_t pos, std::int64_t& value)
{
    for (; pos < text.size(); ++pos) {
        const unsigned digit = static_cast<unsigned char>(text[pos]) - '0';
        if (digit > 9)
            break;
        value = value * 10 + digit;
    }
    return pos;
}

// Plain digits, the common case, inline: no trimming, no sign, no overflow possible below 19 digits.
inline std::optional<std::int64_t> parseInt(std::string_view field)
{
    if (!field.empty() && field.size() < 19) {
        std::int64_t value = 0;
        if (readDigits(field, 0, value) == field.size())
            return value;
    }
    return detail::parseIntSlow(field);
}

std::optional<double> parseDouble(std::string_view field);

} // namespace bidlab::csv
