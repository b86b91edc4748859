// SPDX-License-Identifier: MIT
#include "core/aggregate/chunk_merger.h"

#include <algorithm>
#include <numeric>

namespace bidlab::aggregate::detail {

ChunkMerger::ChunkMerger(const ScanPlan& plan)
    : m_plan(plan)
    , m_texts(plan.texts.size())
    , m_groups(plan.dimensions.size())
    , m_key(plan.dimensions.size())
    , m_idMaps(plan.texts.size())
{ }

void ChunkMerger::merge(const ChunkResult& chunk, std::int64_t firstLine)
{
    for (std::size_t s = 0; s < chunk.texts.size(); ++s) {
        std::vector<std::uint32_t>& map = m_idMaps[s];
        map.resize(chunk.texts[s].size());
        for (std::uint32_t id = 0; id < map.size(); ++id)
            map[id] = m_texts[s].intern(chunk.texts[s].text(id));
    }
    for (std::size_t g = 0; g < chunk.groups.size(); ++g) {
        const std::uint32_t* key = chunk.groups.key(g);
        for (std::size_t d = 0; d < m_key.size(); ++d) {
            const DimensionSource& source = m_plan.dimensions[d];
            m_key[d] = source.kind == DimensionKind::Text ? m_idMaps[source.slot][key[d]] : key[d];
        }
        m_groups.find(m_key.data()).add(chunk.groups.sums(g));
    }
    m_records += chunk.records;
    m_filteredOut += chunk.filteredOut;
    m_badRows += chunk.badRows;
    for (std::size_t m = 0; m < m_emptyValues.size(); ++m)
        m_emptyValues[m] += chunk.emptyValues[m];
    for (const ChunkBadRow& bad : chunk.firstBadRows) {
        if (m_firstBadRows.size() >= kMaxListedBadRows)
            break;
        m_firstBadRows.append({ firstLine + bad.line - chunk.firstLine,
                                bad.column >= 0 ? m_plan.headers.value(bad.column) : QString(), bad.reason });
    }
}

void ChunkMerger::finish(AggregateResult& result)
{
    const std::size_t dims = m_plan.dimensions.size();
    result.dimensions = m_plan.dimensionInfo;
    result.values.clear();
    // Text values sorted in natural order; a value's rank becomes its key.
    std::vector<std::vector<std::int64_t>> ranks(m_texts.size());
    std::vector<QStringList> sortedTexts(m_texts.size());
    for (std::size_t s = 0; s < m_texts.size(); ++s) {
        QStringList texts;
        texts.reserve(qsizetype(m_texts[s].size()));
        for (std::uint32_t id = 0; id < m_texts[s].size(); ++id) {
            const std::string_view text = m_texts[s].text(id);
            texts << QString::fromUtf8(text.data(), qsizetype(text.size()));
        }
        std::vector<std::uint32_t> order(texts.size());
        std::iota(order.begin(), order.end(), 0u);
        std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
            return naturalLess(texts[a], texts[b]) || (!naturalLess(texts[b], texts[a]) && texts[a] < texts[b]);
        });
        ranks[s].resize(order.size());
        for (std::size_t r = 0; r < order.size(); ++r) {
            ranks[s][order[r]] = std::int64_t(r);
            sortedTexts[s] << texts[order[r]];
        }
    }
    for (std::size_t d = 0; d < dims; ++d) {
        const DimensionSource& source = m_plan.dimensions[d];
        result.values << (source.kind == DimensionKind::Text ? sortedTexts[source.slot] : QStringList());
    }

    result.groups.clear();
    result.groups.reserve(m_groups.size());
    result.total = {};
    for (std::size_t g = 0; g < m_groups.size(); ++g) {
        Group group;
        group.key.resize(dims);
        const std::uint32_t* key = m_groups.key(g);
        for (std::size_t d = 0; d < dims; ++d) {
            const DimensionSource& source = m_plan.dimensions[d];
            group.key[d] = source.kind == DimensionKind::Text ? ranks[source.slot][key[d]]
                                                              : std::int64_t(static_cast<DayNumber>(key[d]));
        }
        group.sums = m_groups.sums(g);
        result.total.add(group.sums);
        result.groups.push_back(std::move(group));
    }
    std::sort(result.groups.begin(), result.groups.end(), [](const Group& a, const Group& b) { return a.key < b.key; });
    result.measured = m_plan.measured;
    result.records = m_records;
    result.filteredOut = m_filteredOut;
    result.badRowCount = m_badRows;
    result.badRows = m_firstBadRows;
    result.emptyValues = m_emptyValues;
    result.headers = m_plan.headers;
    result.mapping = m_plan.mapping;
    result.delimiter = m_plan.delimiter;
}

} // namespace bidlab::aggregate::detail
