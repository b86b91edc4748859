// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/money.h"

#include <cstdint>
#include <simdjson.h>
#include <string>
#include <string_view>
#include <vector>

// Reading a simdjson DOM with the field path of every value at hand, so that a failure says exactly where:
// "imp[0].banner.format[1].w must be a whole number, not a string". Internal to core/openrtb.
namespace bidlab::openrtb::detail {

using Element = simdjson::dom::element;

// A location in a document as a chain of stack frames; nothing is allocated until a message needs the text.
struct Path
{
    const Path* parent = nullptr;
    std::string_view key; // empty for an array item
    std::int64_t index = -1;

    Path field(std::string_view name) const { return { this, name, -1 }; }
    Path item(std::int64_t i) const { return { this, {}, i }; }
    // "imp[0].banner.w"; "(the document)" for the root.
    std::string text() const;
};

// The first failure of one document, and the warnings on the way.
class Diagnostics
{
public:
    // Records the failure (only the first one counts) and returns false.
    bool fail(const Path& at, std::string_view message);
    void warn(const Path& at, std::string_view message);

    bool failed() const { return !m_error.empty(); }
    const std::string& error() const { return m_error; }
    std::vector<std::string>& warnings() { return m_warnings; }

private:
    std::string m_error;
    std::vector<std::string> m_warnings;
};

// "a string", "an object", ... for messages.
const char* describe(simdjson::dom::element_type type);
// A number as messages show it: "-0.5", "123.456", "1e+300".
std::string numberText(double value);

// Typed reads. Each returns false after recording a failure at `at` when the value has the wrong type or is
// out of range; JSON null counts as absent and leaves `out` as it was.
bool read(Element value, const Path& at, Diagnostics& diagnostics, std::string& out);
bool read(Element value, const Path& at, Diagnostics& diagnostics, int& out, int min, int max);
bool read(Element value, const Path& at, Diagnostics& diagnostics, double& out, double min, double max);
// OpenRTB's booleans are the integers 0 and 1 (true/false are accepted as well).
bool readFlag(Element value, const Path& at, Diagnostics& diagnostics, bool& out);
bool read(Element value, const Path& at, Diagnostics& diagnostics, std::vector<std::string>& out);
bool read(Element value, const Path& at, Diagnostics& diagnostics, std::vector<int>& out, int min, int max);
// A price in currency units per thousand impressions, as CPM micros: finite, not negative, below 10^9 units.
bool readPrice(Element value, const Path& at, Diagnostics& diagnostics, Micros& out);
// An ISO-4217 code: three ASCII capital letters.
bool readCurrency(Element value, const Path& at, Diagnostics& diagnostics, std::string& out);

// Calls onField(key, value, path) for each member of an object (false from onField stops). A value that is
// not an object (or null) is a failure.
template<class OnField> bool forEachField(Element value, const Path& at, Diagnostics& diagnostics, OnField&& onField)
{
    if (value.is_null())
        return true;
    simdjson::dom::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS)
        return diagnostics.fail(at, std::string("must be an object, not ") + describe(value.type()));
    for (const auto field : object) {
        const Path path = at.field(field.key);
        if (!onField(field.key, field.value, path))
            return false;
    }
    return true;
}

// Calls onItem(value, path) for each item of an array. A value that is not an array (or null) is a failure.
template<class OnItem> bool forEachItem(Element value, const Path& at, Diagnostics& diagnostics, OnItem&& onItem)
{
    if (value.is_null())
        return true;
    simdjson::dom::array array;
    if (value.get_array().get(array) != simdjson::SUCCESS)
        return diagnostics.fail(at, std::string("must be an array, not ") + describe(value.type()));
    std::int64_t index = 0;
    for (const Element item : array) {
        const Path path = at.item(index++);
        if (!onItem(item, path))
            return false;
    }
    return true;
}

// Where a syntax error is, for messages: "line 3, column 14: syntax error ...". simdjson names the kind of
// error but not its place, so the (rare) failing text is read again by nlohmann-json, which knows the place.
std::string locateSyntaxError(std::string_view text, simdjson::error_code code);

} // namespace bidlab::openrtb::detail
