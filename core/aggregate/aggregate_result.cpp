// SPDX-License-Identifier: MIT
#include "core/aggregate/aggregate_result.h"

#include <map>

namespace bidlab::aggregate {

QString measureKey(Measure measure)
{
    static const std::array<QString, kMeasureCount> keys { QStringLiteral("impressions"), QStringLiteral("clicks"),
                                                           QStringLiteral("conversions"), QStringLiteral("cost"),
                                                           QStringLiteral("revenue") };
    return keys[static_cast<std::size_t>(measure)];
}

QString measureTitle(Measure measure)
{
    static const std::array<QString, kMeasureCount> titles { QStringLiteral("Impressions"), QStringLiteral("Clicks"),
                                                             QStringLiteral("Conversions"), QStringLiteral("Cost"),
                                                             QStringLiteral("Revenue") };
    return titles[static_cast<std::size_t>(measure)];
}

bool naturalLess(const QString& a, const QString& b)
{
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i].isDigit() && b[j].isDigit()) {
            qsizetype ie = i;
            qsizetype je = j;
            while (ie < a.size() && a[ie].isDigit())
                ++ie;
            while (je < b.size() && b[je].isDigit())
                ++je;
            // Compare digit runs by value: leading zeros aside, the longer run is larger.
            qsizetype is = i;
            qsizetype js = j;
            while (is + 1 < ie && a[is] == QLatin1Char('0'))
                ++is;
            while (js + 1 < je && b[js] == QLatin1Char('0'))
                ++js;
            if (ie - is != je - js)
                return ie - is < je - js;
            const int cmp = QStringView(a).mid(is, ie - is).compare(QStringView(b).mid(js, je - js));
            if (cmp != 0)
                return cmp < 0;
            i = ie;
            j = je;
            continue;
        }
        const int cmp = QStringView(a).mid(i, 1).compare(QStringView(b).mid(j, 1), Qt::CaseInsensitive);
        if (cmp != 0)
            return cmp < 0;
        ++i;
        ++j;
    }
    return a.size() - i < b.size() - j;
}

QString AggregateResult::keyText(int dimension, std::int64_t key) const
{
    const Dimension& dim = dimensions.at(dimension);
    switch (dim.kind) {
    case DimensionKind::Text:
        return values.at(dimension).value(qsizetype(key));
    case DimensionKind::Date:
        return toQDate(DayNumber(key)).toString(Qt::ISODate);
    case DimensionKind::Week: {
        int year = 0;
        const int week = toQDate(DayNumber(key)).weekNumber(&year);
        return QStringLiteral("%1-W%2").arg(year).arg(week, 2, 10, QLatin1Char('0'));
    }
    case DimensionKind::Month:
        return toQDate(DayNumber(key)).toString(QStringLiteral("yyyy-MM"));
    }
    return {};
}

std::vector<RollupRow> AggregateResult::rollup() const
{
    const int dims = int(dimensions.size());
    std::vector<RollupRow> rows;
    std::vector<Sums> subtotal(std::size_t(dims) + 1); // by level
    const auto close = [&](int level, const std::vector<std::int64_t>& key) {
        rows.push_back({ level, std::vector<std::int64_t>(key.begin(), key.begin() + level), subtotal[level] });
        subtotal[level] = {};
    };
    const Group* previous = nullptr;
    for (const Group& group : groups) {
        if (previous) {
            int differs = 0;
            while (differs < dims && previous->key[differs] == group.key[differs])
                ++differs;
            for (int level = dims - 1; level > differs; --level)
                close(level, previous->key);
        }
        if (dims > 0)
            rows.push_back({ dims, group.key, group.sums });
        for (int level = 0; level < dims; ++level)
            subtotal[level].add(group.sums);
        if (dims == 0)
            subtotal[0] = group.sums;
        previous = &group;
    }
    if (previous) {
        for (int level = dims - 1; level > 0; --level)
            close(level, previous->key);
    }
    close(0, {});
    return rows;
}

std::vector<RollupRow> AggregateResult::level(int level) const
{
    std::vector<RollupRow> rows;
    if (level <= 0) {
        rows.push_back({ 0, {}, total });
        return rows;
    }
    for (const Group& group : groups) {
        if (!rows.empty() && std::equal(rows.back().key.begin(), rows.back().key.end(), group.key.begin())) {
            rows.back().sums.add(group.sums);
            continue;
        }
        rows.push_back({ level, std::vector<std::int64_t>(group.key.begin(), group.key.begin() + level), group.sums });
    }
    return rows;
}

std::vector<RollupRow> AggregateResult::marginal(int dimension) const
{
    std::map<std::int64_t, Sums> sums;
    for (const Group& group : groups)
        sums[group.key[std::size_t(dimension)]].add(group.sums);
    std::vector<RollupRow> rows;
    rows.reserve(sums.size());
    for (const auto& [key, value] : sums)
        rows.push_back({ 1, { key }, value });
    return rows;
}

} // namespace bidlab::aggregate
