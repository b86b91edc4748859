// SPDX-License-Identifier: MIT
#pragma once

#include "core/aggregate/chunk_scanner.h"

// Folds chunk aggregates, in file order, into the file's aggregate, and turns that into the result: values
// sorted, groups keyed by rank or day. Internal to core/aggregate.
namespace bidlab::aggregate::detail {

class ChunkMerger
{
public:
    explicit ChunkMerger(const ScanPlan& plan);

    // Adds a chunk whose first record is on `firstLine` of the file (chunks must come in file order).
    void merge(const ChunkResult& chunk, std::int64_t firstLine);
    // Moves the sums and counts into `result` (dimensions, values, groups, total, row counts, bad rows).
    void finish(AggregateResult& result);

private:
    const ScanPlan& m_plan;
    std::vector<StringInterner> m_texts;
    GroupTable m_groups;
    std::vector<std::uint32_t> m_key;
    std::vector<std::vector<std::uint32_t>> m_idMaps; // per slot: chunk id -> global id (reused)
    std::int64_t m_records = 0;
    std::int64_t m_filteredOut = 0;
    std::int64_t m_badRows = 0;
    std::array<qint64, kMeasureCount> m_emptyValues {};
    QList<BadRow> m_firstBadRows;
};

} // namespace bidlab::aggregate::detail
