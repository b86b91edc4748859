// SPDX-License-Identifier: MIT
#pragma once

#include "core/aggregate/flat_tables.h"
#include "core/aggregate/scan_plan.h"

#include <cstdint>
#include <string_view>
#include <vector>

// The hot loop: one chunk of CSV records into its own hash aggregate. Internal to core/aggregate.
namespace bidlab::aggregate::detail {

struct ChunkBadRow
{
    std::int64_t line = 0; // relative to the chunk (see ChunkResult::firstLine)
    int column = -1; // -1: the whole row
    QString reason;
};

struct ChunkResult
{
    std::size_t begin = 0; // where the chunk's first record starts, in its buffer
    std::size_t end = 0; // where the record after its last one starts (or the buffer's end)
    std::int64_t firstLine = 1; // chunk-relative line numbers of begin and end
    std::int64_t endLine = 1;

    std::vector<StringInterner> texts; // per text slot
    std::vector<std::vector<std::uint8_t>> accepted; // per text slot and value id: passes the filter
    GroupTable groups;

    std::int64_t records = 0;
    std::int64_t filteredOut = 0;
    std::int64_t badRows = 0;
    std::array<qint64, kMeasureCount> emptyValues {};
    std::vector<ChunkBadRow> firstBadRows; // at most kMaxListedBadRows
};

// Reads the records of data[begin..] that start before rangeEnd (the last one may run past it). `data` is the
// whole buffer, so that a record crossing rangeEnd is read to its end.
// `expectedGroups` sizes the hash table up front (the previous chunk's count), sparing its growth.
ChunkResult scanChunk(const ScanPlan& plan, std::string_view data, std::size_t begin, std::size_t rangeEnd,
                      std::size_t expectedGroups = 0);

} // namespace bidlab::aggregate::detail
