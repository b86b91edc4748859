// SPDX-License-Identifier: MIT
#pragma once

#include "core/aggregate/aggregate_params.h"
#include "core/aggregate/aggregate_result.h"
#include "core/common/expected.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

// What the scan does with each field of a row, decided once per file from the parameters and the header:
// the hot loop then only follows this plan. Internal to core/aggregate.
namespace bidlab::aggregate::detail {

enum class FieldAction : std::uint8_t { Skip, Count, Money, Date, Month, Day, Text };

struct UsedField
{
    std::uint32_t column = 0;
    FieldAction action = FieldAction::Skip;
    std::uint8_t slot = 0; // the measure (Count, Money) or the text slot (Text)
};

// A column whose values are interned: a text dimension, a filtered column, or both.
struct TextSlot
{
    std::uint32_t column = 0;
    bool filtered = false;
    bool exclude = false;
    std::unordered_set<std::string> values; // of the filter
    bool accepts(std::string_view value) const
    {
        if (!filtered)
            return true;
        return values.contains(std::string(value)) != exclude;
    }
};

struct DimensionSource
{
    DimensionKind kind = DimensionKind::Text;
    std::uint8_t slot = 0; // Text: the text slot
};

enum class DateSource { None, Column, MonthDay };

struct ScanPlan
{
    char delimiter = ',';
    std::size_t fieldCount = 0;
    QStringList headers;
    std::vector<UsedField> fields; // in column order
    std::vector<TextSlot> texts;
    std::vector<DimensionSource> dimensions;
    QList<Dimension> dimensionInfo;
    std::array<bool, kMeasureCount> measured {};
    DateSource dateSource = DateSource::None;
    DateFormat dateFormat = DateFormat::Iso;
    int year = 0;
    bool dateRange = false;
    DayNumber from = 0;
    DayNumber to = 0;
    ColumnMapping mapping; // as resolved
};

// Checks the parameters against the header and builds the plan. `dateSamples` are the first values of the
// date column, to detect its format when the mapping says Auto. Errors name the parameter at fault.
Expected<ScanPlan> makeScanPlan(const AggregateParams& params, const QStringList& headers, char delimiter,
                                const std::vector<std::string_view>& dateSamples);

} // namespace bidlab::aggregate::detail
