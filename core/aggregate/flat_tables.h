// SPDX-License-Identifier: MIT
#pragma once

#include "core/aggregate/aggregate_result.h"

#include <algorithm>
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
    if (size < 8) { // two possibly overlapping half-words
        std::uint32_t a0, b0, a1, b1;
        std::memcpy(&a0, a, 4);
        std::memcpy(&b0, b, 4);
        std::memcpy(&a1, a + size - 4, 4);
        std::memcpy(&b1, b + size - 4, 4);
        return a0 == b0 && a1 == b1;
    }
    if (size <= 16) { // two possibly overlapping words
        std::uint64_t a0, b0, a1, b1;
        std::memcpy(&a0, a, 8);
        std::memcpy(&b0, b, 8);
        std::memcpy(&a1, a + size - 8, 8);
        std::memcpy(&b1, b + size - 8, 8);
        return a0 == b0 && a1 == b1;
    }
    return std::memcmp(a, b, size) == 0;
}

inline std::uint64_t hashInt(std::uint64_t x)
{
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDull;
    x ^= x >> 33;
    return x;
}

// A slot table twice as large with every id placed again by its hash: the growth step of both tables.
template<class HashOf> void growSlots(std::vector<std::uint32_t>& index, std::uint32_t count, const HashOf& hashOf)
{
    std::vector<std::uint32_t> table(index.size() * 2, 0);
    for (std::uint32_t id = 0; id < count; ++id) {
        std::size_t i = hashOf(id) & (table.size() - 1);
        while (table[i])
            i = (i + 1) & (table.size() - 1);
        table[i] = id + 1;
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
        while (const std::uint32_t slot = m_slots[i]) {
            const std::uint32_t id = slot - 1;
            const Entry& e = m_entries[id];
            if (e.hash == h && e.size == text.size()
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
        m_slots[i] = id + 1;
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

    std::vector<std::uint32_t> m_slots; // id + 1, 0 for empty
    std::vector<Entry> m_entries;
    std::string m_arena;
};

// Tuples of `width` 32-bit keys to dense group ids, with the sums of each group.
class GroupTable
{
public:
    explicit GroupTable(std::size_t width = 0)
        : m_width(width)
    {
        m_slots.assign(64, 0);
    }

    std::size_t width() const { return m_width; }
    std::size_t size() const { return m_sums.size(); }
    const std::uint32_t* key(std::size_t group) const { return m_keys.data() + group * m_width; }
    Sums& sums(std::size_t group) { return m_sums[group]; }
    const Sums& sums(std::size_t group) const { return m_sums[group]; }

    // The sums of the group with this key (width entries), created empty when new.
    Sums& find(const std::uint32_t* key)
    {
        // One dimension with small keys (interned ids are dense from 0): a direct index, no hashing.
        if (m_width == 1 && key[0] < kDirectLimit) {
            if (key[0] >= m_direct.size())
                m_direct.resize(std::max<std::size_t>(key[0] + 1, m_direct.size() * 2), 0);
            std::uint32_t& slot = m_direct[key[0]];
            if (slot == 0)
                slot = insert(key, hashOf(key), nullptr) + 1;
            return m_sums[slot - 1];
        }
        const std::uint64_t h = hashOf(key);
        std::size_t i = h & (m_slots.size() - 1);
        while (const std::uint32_t slot = m_slots[i]) {
            const std::uint32_t id = slot - 1;
            if (m_hashes[id] == h && sameKey(key, m_keys.data() + std::size_t(id) * m_width))
                return m_sums[id];
            i = (i + 1) & (m_slots.size() - 1);
        }
        return m_sums[insert(key, h, &m_slots[i])];
    }

private:
    static constexpr std::uint32_t kDirectLimit = 1u << 22;

    std::uint64_t hashOf(const std::uint32_t* key) const
    {
        std::uint64_t h = 0x2545F4914F6CDD1Dull;
        for (std::size_t d = 0; d < m_width; ++d)
            h = hashInt(h ^ key[d]);
        return h;
    }

    // Adds a group; `slot` is its free hash slot, or nullptr to find one (direct keys).
    std::uint32_t insert(const std::uint32_t* key, std::uint64_t h, std::uint32_t* slot)
    {
        const auto id = static_cast<std::uint32_t>(m_sums.size());
        m_keys.insert(m_keys.end(), key, key + m_width);
        m_hashes.push_back(h);
        m_sums.emplace_back();
        if (!slot) {
            std::size_t i = h & (m_slots.size() - 1);
            while (m_slots[i])
                i = (i + 1) & (m_slots.size() - 1);
            slot = &m_slots[i];
        }
        *slot = id + 1;
        if (m_sums.size() * 2 > m_slots.size())
            grow();
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

    void grow()
    {
        growSlots(m_slots, std::uint32_t(m_hashes.size()), [&](std::uint32_t id) { return m_hashes[id]; });
    }

    std::size_t m_width;
    std::vector<std::uint32_t> m_slots;
    std::vector<std::uint32_t> m_direct; // width 1: key -> group id + 1
    std::vector<std::uint32_t> m_keys;
    std::vector<std::uint64_t> m_hashes;
    std::vector<Sums> m_sums;
};

} // namespace bidlab::aggregate::detail
