// SPDX-License-Identifier: MIT
#pragma once

#include "core/aggregate/aggregate_result.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

// The hash tables of the scan: flat open addressing with linear probing, power-of-two sizes, no allocation
// per lookup, values stored contiguously. Internal to core/aggregate.
namespace bidlab::aggregate::detail {

// A fast non-cryptographic hash of short strings, eight bytes at a time.
inline std::uint64_t hashBytes(const char* data, std::size_t size)
{
    constexpr std::uint64_t k = 0x9E3779B97F4A7C15ull;
    const auto mix = [](std::uint64_t h, std::uint64_t word) {
        h = (h ^ word) * k;
        return h ^ (h >> 29);
    };
    std::uint64_t h = size * k;
    if (size >= 8) {
        const char* last = data + size - 8;
        for (; data < last; data += 8) {
            std::uint64_t word;
            std::memcpy(&word, data, 8);
            h = mix(h, word);
        }
        std::uint64_t word; // the last eight bytes, overlapping the previous word
        std::memcpy(&word, last, 8);
        h = mix(h, word);
    } else if (size >= 4) {
        std::uint32_t low, high; // two overlapping halves
        std::memcpy(&low, data, 4);
        std::memcpy(&high, data + size - 4, 4);
        h = mix(h, low | std::uint64_t(high) << 32);
    } else {
        std::uint64_t word = 0;
        for (std::size_t i = 0; i < size; ++i)
            word |= std::uint64_t(static_cast<unsigned char>(data[i])) << (8 * i);
        h = mix(h, word);
    }
    h *= 0xD6E8FEB86659FD93ull;
    return h ^ (h >> 32);
}

// Equality of two strings of the same size, inlined for the short values of ad logs.
inline bool sameBytes(const char* a, const char* b, std::size_t size)
{
    if (size < 4) {
        for (std::size_t i = 0; i < size; ++i) {
            if (a[i] != b[i])
                return false;
        }
        return true;
    }
    // Up to twice the word size: the first and the last word, possibly overlapping.
    const auto sameEnds = [&](auto word) {
        decltype(word) a0, b0, a1, b1;
        std::memcpy(&a0, a, sizeof word);
        std::memcpy(&b0, b, sizeof word);
        std::memcpy(&a1, a + size - sizeof word, sizeof word);
        std::memcpy(&b1, b + size - sizeof word, sizeof word);
        return a0 == b0 && a1 == b1;
    };
    if (size < 8)
        return sameEnds(std::uint32_t {});
    if (size <= 16)
        return sameEnds(std::uint64_t {});
    return std::memcmp(a, b, size) == 0;
}

inline std::uint64_t hashInt(std::uint64_t x)
{
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDull;
    x ^= x >> 33;
    return x;
}

// Hash-table slots: the id + 1 in the low half (0: empty), the hash's high half as a tag in the high half,
// so that a probe compares the tag before it touches the entry (one cache miss less per lookup).
using Slot = std::uint64_t;
inline Slot makeSlot(std::uint64_t hash, std::uint32_t id)
{
    return (hash & 0xFFFFFFFF00000000ull) | (std::uint64_t(id) + 1);
}
inline std::uint32_t slotId(Slot slot)
{
    return std::uint32_t(slot) - 1;
}
inline bool slotTagMatches(Slot slot, std::uint64_t hash)
{
    return (slot ^ hash) >> 32 == 0;
}

// A slot table twice as large with every id placed again by its hash: the growth step of both tables.
template<class HashOf> void growSlots(std::vector<Slot>& index, std::uint32_t count, const HashOf& hashOf)
{
    std::vector<Slot> table(index.size() * 2, 0);
    for (std::uint32_t id = 0; id < count; ++id) {
        const std::uint64_t h = hashOf(id);
        std::size_t i = h & (table.size() - 1);
        while (table[i])
            i = (i + 1) & (table.size() - 1);
        table[i] = makeSlot(h, id);
    }
    index.swap(table);
}

// Distinct strings to dense ids 0, 1, 2, ... in order of first sight; the bytes are copied into one arena.
class StringInterner
{
public:
    StringInterner() { m_slots.assign(64, 0); }

    // The id of `text`, adding it when new; *added tells which.
    std::uint32_t intern(std::string_view text, bool* added = nullptr)
    {
        const std::uint64_t h = hashBytes(text.data(), text.size());
        std::size_t i = h & (m_slots.size() - 1);
        while (const Slot slot = m_slots[i]) {
            const std::uint32_t id = slotId(slot);
            const Entry& e = m_entries[id];
            if (slotTagMatches(slot, h) && e.size == text.size()
                && sameBytes(m_arena.data() + e.offset, text.data(), text.size())) {
                if (added)
                    *added = false;
                return id;
            }
            i = (i + 1) & (m_slots.size() - 1);
        }
        const auto id = static_cast<std::uint32_t>(m_entries.size());
        m_entries.push_back({ h, m_arena.size(), static_cast<std::uint32_t>(text.size()) });
        m_arena.append(text);
        m_slots[i] = makeSlot(h, id);
        if (added)
            *added = true;
        if (m_entries.size() * 2 > m_slots.size())
            grow();
        return id;
    }

    std::size_t size() const { return m_entries.size(); }
    std::string_view text(std::uint32_t id) const
    {
        const Entry& e = m_entries[id];
        return { m_arena.data() + e.offset, e.size };
    }

private:
    struct Entry
    {
        std::uint64_t hash;
        std::size_t offset;
        std::uint32_t size;
    };

    void grow()
    {
        growSlots(m_slots, std::uint32_t(m_entries.size()), [&](std::uint32_t id) { return m_entries[id].hash; });
    }

    std::vector<Slot> m_slots;
    std::vector<Entry> m_entries;
    std::string m_arena;
};

// Tuples of `width` 32-bit keys to dense group ids, with the sums of each group. A group's sums and (up to
// four) keys share one 64-byte record, so that a lookup costs the slot and that one cache line.
class GroupTable
{
public:
    explicit GroupTable(std::size_t width = 0)
        : m_width(width)
    {
        m_slots.assign(64, 0);
    }

    std::size_t width() const { return m_width; }
    std::size_t size() const { return m_groups.size(); }
    void reserve(std::size_t groups)
    {
        m_groups.reserve(groups);
        std::size_t wanted = m_slots.size();
        while (wanted < groups * 2)
            wanted *= 2;
        if (wanted > m_slots.size() && m_groups.empty())
            m_slots.assign(wanted, 0);
    }
    const std::uint32_t* key(std::size_t group) const
    {
        return m_width <= kInlineKeys ? m_groups[group].key.data() : m_wideKeys.data() + group * m_width;
    }
    Sums& sums(std::size_t group) { return m_groups[group].sums; }
    const Sums& sums(std::size_t group) const { return m_groups[group].sums; }

    // The sums of the group with this key (width entries), created empty when new.
    Sums& find(const std::uint32_t* key)
    {
        // One dimension with small keys (interned ids are dense from 0): a direct index, no hashing.
        if (m_width == 1 && key[0] < kDirectLimit) {
            if (key[0] >= m_direct.size())
                m_direct.resize(std::max<std::size_t>(key[0] + 1, m_direct.size() * 2), 0);
            std::uint32_t& direct = m_direct[key[0]];
            if (direct == 0)
                direct = insert(key, hashOf(key), nullptr) + 1;
            return m_groups[direct - 1].sums;
        }
        const std::uint64_t h = hashOf(key);
        std::size_t i = h & (m_slots.size() - 1);
        while (const Slot slot = m_slots[i]) {
            if (slotTagMatches(slot, h) && sameKey(key, this->key(slotId(slot))))
                return m_groups[slotId(slot)].sums;
            i = (i + 1) & (m_slots.size() - 1);
        }
        return m_groups[insert(key, h, &m_slots[i])].sums;
    }

private:
    static constexpr std::uint32_t kDirectLimit = 1u << 22;
    static constexpr std::size_t kInlineKeys = 4;

    struct alignas(64) Group
    {
        Sums sums;
        std::array<std::uint32_t, kInlineKeys> key {};
    };

    std::uint64_t hashOf(const std::uint32_t* key) const
    {
        std::uint64_t h = 0x2545F4914F6CDD1Dull;
        for (std::size_t d = 0; d < m_width; ++d)
            h = hashInt(h ^ key[d]);
        return h;
    }

    // Adds a group; `slot` is its free hash slot, or nullptr to find one (direct keys).
    std::uint32_t insert(const std::uint32_t* key, std::uint64_t h, Slot* slot)
    {
        const auto id = static_cast<std::uint32_t>(m_groups.size());
        Group& group = m_groups.emplace_back();
        if (m_width <= kInlineKeys)
            std::copy(key, key + m_width, group.key.begin());
        else
            m_wideKeys.insert(m_wideKeys.end(), key, key + m_width);
        if (!slot) {
            std::size_t i = h & (m_slots.size() - 1);
            while (m_slots[i])
                i = (i + 1) & (m_slots.size() - 1);
            slot = &m_slots[i];
        }
        *slot = makeSlot(h, id);
        if (m_groups.size() * 2 > m_slots.size())
            growSlots(m_slots, std::uint32_t(m_groups.size()), [&](std::uint32_t g) { return hashOf(this->key(g)); });
        return id;
    }

    bool sameKey(const std::uint32_t* a, const std::uint32_t* b) const
    {
        for (std::size_t d = 0; d < m_width; ++d) { // a loop, not memcmp: keys are one to a few words
            if (a[d] != b[d])
                return false;
        }
        return true;
    }

    std::size_t m_width;
    std::vector<Slot> m_slots;
    std::vector<std::uint32_t> m_direct; // width 1: key -> group id + 1
    std::vector<Group> m_groups;
    std::vector<std::uint32_t> m_wideKeys; // the keys of more than kInlineKeys dimensions
};

} // namespace bidlab::aggregate::detail
