// SPDX-License-Identifier: MIT
#include "core/openrtb/json_walk.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace bidlab::openrtb::detail {

namespace {

using simdjson::dom::element_type;

bool wrongType(const Path& at, Diagnostics& diagnostics, const char* expected, Element value)
{
    return diagnostics.fail(at, std::string("must be ") + expected + ", not " + describe(value.type()));
}

// A JSON number as a double, whether simdjson stored it as an integer or not.
bool numberOf(Element value, double& out)
{
    switch (value.type()) {
    case element_type::INT64:
        out = static_cast<double>(value.get_int64().value_unsafe());
        return true;
    case element_type::UINT64:
        out = static_cast<double>(value.get_uint64().value_unsafe());
        return true;
    case element_type::DOUBLE:
        out = value.get_double().value_unsafe();
        return true;
    default:
        return false;
    }
}

} // namespace

std::string Path::text() const
{
    if (!parent)
        return "(the document)";
    std::vector<const Path*> chain;
    for (const Path* p = this; p && p->parent; p = p->parent)
        chain.push_back(p);
    std::string out;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        if ((*it)->index >= 0) {
            out += '[';
            out += std::to_string((*it)->index);
            out += ']';
        } else {
            if (!out.empty())
                out += '.';
            out += (*it)->key;
        }
    }
    return out;
}

bool Diagnostics::fail(const Path& at, std::string_view message)
{
    if (m_error.empty()) {
        m_error = at.text();
        m_error += ' ';
        m_error += message;
    }
    return false;
}

void Diagnostics::warn(const Path& at, std::string_view message)
{
    std::string text = at.text();
    text += ' ';
    text += message;
    m_warnings.push_back(std::move(text));
}

const char* describe(element_type type)
{
    switch (type) {
    case element_type::ARRAY:
        return "an array";
    case element_type::OBJECT:
        return "an object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
        return "a number";
    case element_type::STRING:
        return "a string";
    case element_type::BOOL:
        return "true/false";
    case element_type::NULL_VALUE:
        return "null";
    }
    return "an unknown value";
}

std::string numberText(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.10g", value);
    return buffer;
}

bool read(Element value, const Path& at, Diagnostics& diagnostics, std::string& out)
{
    if (value.is_null())
        return true;
    std::string_view text;
    if (value.get_string().get(text) != simdjson::SUCCESS)
        return wrongType(at, diagnostics, "a string", value);
    out.assign(text.data(), text.size());
    return true;
}

bool read(Element value, const Path& at, Diagnostics& diagnostics, int& out, int min, int max)
{
    if (value.is_null())
        return true;
    double number = 0;
    if (!numberOf(value, number))
        return wrongType(at, diagnostics, "a whole number", value);
    if (number != std::floor(number))
        return diagnostics.fail(at, "must be a whole number, not " + numberText(number));
    if (number < min || number > max)
        return diagnostics.fail(
            at, "must be from " + std::to_string(min) + " to " + std::to_string(max) + ", not " + numberText(number));
    out = static_cast<int>(number);
    return true;
}

bool read(Element value, const Path& at, Diagnostics& diagnostics, double& out, double min, double max)
{
    if (value.is_null())
        return true;
    double number = 0;
    if (!numberOf(value, number))
        return wrongType(at, diagnostics, "a number", value);
    if (!(number >= min && number <= max))
        return diagnostics.fail(
            at, "must be from " + numberText(min) + " to " + numberText(max) + ", not " + numberText(number));
    out = number;
    return true;
}

bool readFlag(Element value, const Path& at, Diagnostics& diagnostics, bool& out)
{
    if (value.is_null())
        return true;
    if (value.type() == element_type::BOOL) {
        out = value.get_bool().value_unsafe();
        return true;
    }
    int flag = 0;
    if (!read(value, at, diagnostics, flag, 0, 1))
        return false;
    out = flag == 1;
    return true;
}

bool read(Element value, const Path& at, Diagnostics& diagnostics, std::vector<std::string>& out)
{
    out.clear();
    return forEachItem(value, at, diagnostics, [&](Element item, const Path& path) {
        std::string text;
        if (!read(item, path, diagnostics, text))
            return false;
        out.push_back(std::move(text));
        return true;
    });
}

bool read(Element value, const Path& at, Diagnostics& diagnostics, std::vector<int>& out, int min, int max)
{
    out.clear();
    return forEachItem(value, at, diagnostics, [&](Element item, const Path& path) {
        int number = 0;
        if (!read(item, path, diagnostics, number, min, max))
            return false;
        out.push_back(number);
        return true;
    });
}

bool readPrice(Element value, const Path& at, Diagnostics& diagnostics, Micros& out)
{
    if (value.is_null())
        return true;
    double units = 0;
    if (!numberOf(value, units))
        return wrongType(at, diagnostics, "a number", value);
    if (units < 0)
        return diagnostics.fail(at, "must not be negative, not " + numberText(units));
    // Checked on the micros, so that every accepted price is written back and read again unchanged.
    constexpr Micros kLimit = 1'000'000'000 * kMicrosPerUnit;
    const Micros micros = units < 1e9 ? fromUnits(units) : kLimit;
    if (micros >= kLimit)
        return diagnostics.fail(at, "is absurdly large: " + numberText(units) + " per thousand impressions");
    out = micros;
    return true;
}

bool readCurrency(Element value, const Path& at, Diagnostics& diagnostics, std::string& out)
{
    std::string code;
    if (!read(value, at, diagnostics, code))
        return false;
    if (value.is_null())
        return true;
    const bool valid
        = code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!valid)
        return diagnostics.fail(at,
                                "must be a three-letter ISO-4217 currency code such as \"USD\", not \"" + code + '"');
    out = std::move(code);
    return true;
}

std::string locateSyntaxError(std::string_view text, simdjson::error_code code)
{
    // nlohmann's SAX parser builds nothing and stops at the first error, whose message names the place:
    // "parse error at line 3, column 14: syntax error while parsing object key - ...".
    struct Locator : nlohmann::json::json_sax_t
    {
        std::string message;
        bool null() override { return true; }
        bool boolean(bool) override { return true; }
        bool number_integer(number_integer_t) override { return true; }
        bool number_unsigned(number_unsigned_t) override { return true; }
        bool number_float(number_float_t, const string_t&) override { return true; }
        bool string(string_t&) override { return true; }
        bool binary(binary_t&) override { return true; }
        bool start_object(std::size_t) override { return true; }
        bool key(string_t&) override { return true; }
        bool end_object() override { return true; }
        bool start_array(std::size_t) override { return true; }
        bool end_array() override { return true; }
        bool parse_error(std::size_t, const std::string&, const nlohmann::json::exception& e) override
        {
            message = e.what();
            return false;
        }
    } locator;
    nlohmann::json::sax_parse(text.begin(), text.end(), &locator);
    std::string& what = locator.message;
    if (what.empty()) // nlohmann accepted what simdjson did not (nesting too deep, ...): say what simdjson says
        return std::string("is not valid JSON: ") + simdjson::error_message(code);
    const auto bracket = what.find("] "); // drop "[json.exception.parse_error.101] "
    if (bracket != std::string::npos)
        what.erase(0, bracket + 2);
    return "is not valid JSON: " + what;
}

} // namespace bidlab::openrtb::detail
