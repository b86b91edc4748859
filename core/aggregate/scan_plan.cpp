// SPDX-License-Identifier: MIT
#include "core/aggregate/scan_plan.h"

#include <algorithm>

namespace bidlab::aggregate::detail {

namespace {

int headerIndex(const QStringList& headers, const QString& name)
{
    const int exact = static_cast<int>(headers.indexOf(name));
    if (exact >= 0)
        return exact;
    const QString wanted = normalizedHeader(name);
    for (int i = 0; i < headers.size(); ++i) {
        if (normalizedHeader(headers[i]) == wanted)
            return i;
    }
    return -1;
}

// The column of a role, or -1; an error when the mapping names a header the file lacks.
Expected<int> roleColumn(const ColumnMapping& mapping, Role role, const QStringList& headers)
{
    if (!mapping.has(role))
        return -1;
    const int index = headerIndex(headers, mapping.column(role));
    if (index < 0)
        return Error { QStringLiteral("The mapping gives the column '%1' as %2, but the file has no such column "
                                      "(its columns: %3).")
                           .arg(mapping.column(role), roleTitle(role).toLower(), headers.join(QStringLiteral(", "))) };
    return index;
}

} // namespace

Expected<ScanPlan> makeScanPlan(const AggregateParams& params, const QStringList& headers, char delimiter,
                                const std::vector<std::string_view>& dateSamples)
{
    ScanPlan plan;
    plan.delimiter = delimiter;
    plan.fieldCount = static_cast<std::size_t>(headers.size());
    plan.headers = headers;
    plan.mapping = params.mapping;

    std::array<int, kRoleCount> columns {};
    for (Role role : kAllRoles) {
        const Expected<int> column = roleColumn(params.mapping, role, headers);
        if (!column)
            return Error { column.error() };
        columns[static_cast<std::size_t>(role)] = *column;
    }
    const auto columnOf = [&](Role role) { return columns[static_cast<std::size_t>(role)]; };
    std::vector<UsedField> used;
    const auto use = [&](int column, FieldAction action, int slot) {
        used.push_back({ static_cast<std::uint32_t>(column), action, static_cast<std::uint8_t>(slot) });
    };

    constexpr std::array<Role, kMeasureCount> measureRoles { Role::Impressions, Role::Clicks, Role::Conversions,
                                                             Role::Cost, Role::Revenue };
    for (int m = 0; m < kMeasureCount; ++m) {
        const int column = columnOf(measureRoles[static_cast<std::size_t>(m)]);
        plan.measured[static_cast<std::size_t>(m)] = column >= 0;
        if (column >= 0)
            use(column, m < 3 ? FieldAction::Count : FieldAction::Money, m);
    }

    if (columnOf(Role::Date) >= 0) {
        plan.dateSource = DateSource::Column;
        use(columnOf(Role::Date), FieldAction::Date, 0);
        plan.dateFormat = params.mapping.dateFormat;
        if (plan.dateFormat == DateFormat::Auto) {
            const std::optional<DateFormat> detected = detectDateFormat(dateSamples);
            if (!detected)
                return Error { QStringLiteral("The dates of column '%1' are in no known format (first value: '%2'); "
                                              "choose the format in the mapping.")
                                   .arg(params.mapping.column(Role::Date),
                                        dateSamples.empty()
                                            ? QString()
                                            : QString::fromUtf8(dateSamples.front().data(),
                                                                qsizetype(dateSamples.front().size()))) };
            plan.dateFormat = *detected;
        }
        plan.mapping.dateFormat = plan.dateFormat;
    } else if (columnOf(Role::Month) >= 0 && columnOf(Role::Day) >= 0) {
        if (params.mapping.year < 1 || params.mapping.year > 9999)
            return Error { QStringLiteral("The file has month and day columns ('%1', '%2') but no year: give the year "
                                          "in the mapping.")
                               .arg(params.mapping.column(Role::Month), params.mapping.column(Role::Day)) };
        plan.dateSource = DateSource::MonthDay;
        plan.year = params.mapping.year;
        use(columnOf(Role::Month), FieldAction::Month, 0);
        use(columnOf(Role::Day), FieldAction::Day, 0);
    }

    // Text columns: every text dimension and every filtered column gets one slot.
    const auto textSlot = [&](int column) {
        for (std::size_t s = 0; s < plan.texts.size(); ++s) {
            if (plan.texts[s].column == static_cast<std::uint32_t>(column))
                return static_cast<int>(s);
        }
        plan.texts.push_back({ static_cast<std::uint32_t>(column), false, false, {} });
        use(column, FieldAction::Text, static_cast<int>(plan.texts.size() - 1));
        return static_cast<int>(plan.texts.size() - 1);
    };
    const auto textColumn = [&](const QString& name) -> Expected<int> {
        if (const std::optional<Role> role = roleFromKey(name);
            role && (*role == Role::Campaign || *role == Role::Device || *role == Role::Placement)) {
            if (columnOf(*role) < 0)
                return Error { QStringLiteral("The dimension '%1' needs a %1 column: map one.").arg(name) };
            return columnOf(*role);
        }
        const int index = headerIndex(headers, name);
        if (index < 0)
            return Error { QStringLiteral("There is no dimension or column '%1' (dimensions: campaign, device, "
                                          "placement, date, week, month, or a column: %2).")
                               .arg(name, headers.join(QStringLiteral(", "))) };
        return index;
    };

    for (const QString& name : params.dimensions) {
        Dimension info;
        info.name = name;
        const qsizetype time = timeDimensions().indexOf(name.toLower());
        if (time >= 0) {
            if (plan.dateSource == DateSource::None)
                return Error { QStringLiteral("The dimension '%1' needs dates: map a date column, or month and day "
                                              "columns with a year.")
                                   .arg(name) };
            info.kind = time == 0 ? DimensionKind::Date : time == 1 ? DimensionKind::Week : DimensionKind::Month;
            plan.dimensions.push_back({ info.kind, 0 });
        } else {
            const Expected<int> column = textColumn(name);
            if (!column)
                return Error { column.error() };
            info.column = headers[*column];
            plan.dimensions.push_back({ DimensionKind::Text, static_cast<std::uint8_t>(textSlot(*column)) });
        }
        for (const Dimension& earlier : std::as_const(plan.dimensionInfo)) {
            if (earlier.name.compare(name, Qt::CaseInsensitive) == 0)
                return Error { QStringLiteral("The dimension '%1' is listed twice.").arg(name) };
        }
        plan.dimensionInfo << info;
    }
    if (plan.dimensions.size() > 8)
        return Error { QStringLiteral("At most 8 dimensions can be grouped at once.") };

    for (const DimensionFilter& filter : params.filters) {
        if (timeDimensions().contains(filter.dimension.toLower()))
            return Error {
                QStringLiteral("Filter dates with the date range, not with a filter on '%1'.").arg(filter.dimension)
            };
        const Expected<int> column = textColumn(filter.dimension);
        if (!column)
            return Error { column.error() };
        TextSlot& slot = plan.texts[static_cast<std::size_t>(textSlot(*column))];
        if (slot.filtered)
            return Error {
                QStringLiteral("The column '%1' has two filters; give one with all its values.").arg(headers[*column])
            };
        slot.filtered = true;
        slot.exclude = filter.exclude;
        for (const QString& value : filter.values)
            slot.values.insert(value.toStdString());
    }

    if (params.from || params.to) {
        if (plan.dateSource == DateSource::None)
            return Error { QStringLiteral("A date range needs dates: map a date column, or month and day columns "
                                          "with a year.") };
        plan.dateRange = true;
        plan.from = params.from ? fromQDate(*params.from) : std::numeric_limits<DayNumber>::min();
        plan.to = params.to ? fromQDate(*params.to) : std::numeric_limits<DayNumber>::max();
        if (plan.from > plan.to)
            return Error { QStringLiteral("The date range ends (%1) before it starts (%2).")
                               .arg(params.to->toString(Qt::ISODate), params.from->toString(Qt::ISODate)) };
    }

    std::sort(used.begin(), used.end(), [](const UsedField& a, const UsedField& b) { return a.column < b.column; });
    for (std::size_t i = 1; i < used.size(); ++i) {
        if (used[i].column == used[i - 1].column && used[i].action != used[i - 1].action)
            return Error {
                QStringLiteral("The column '%1' is mapped to two roles.").arg(headers[int(used[i].column)])
            };
    }
    plan.fields = std::move(used);
    return plan;
}

} // namespace bidlab::aggregate::detail
