// SPDX-License-Identifier: MIT
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace bidlab::bidding {

inline constexpr std::uint16_t kNoFrequencySlot = 0xFFFF;

// Impressions per (user, capped campaign) in the current window (an hour of the world clock), for
// frequency caps. Only campaigns with a cap have a slot (CampaignSpec::frequencySlot). A view over memory
// the caller owns (shared memory in the engine): one writer (the exchange, at each win) and any number of
// readers (the bidders), without locks. One row per user — the window stamp, then a byte per slot — so a
// lookup touches one cache line when there are up to 60 capped campaigns. A row is cleared lazily when the
// writer first touches it in a new window; readers treat a row stamped with an older window as empty.
class FrequencyTable
{
public:
    static std::size_t rowBytes(std::uint32_t slotCount)
    {
        return (sizeof(std::uint32_t) + slotCount + 3) & ~std::size_t(3);
    }
    static std::size_t bytesFor(std::uint32_t users, std::uint32_t slotCount) { return users * rowBytes(slotCount); }
    static std::uint32_t windowOf(std::int64_t simTimeMs) { return static_cast<std::uint32_t>(simTimeMs / 3'600'000); }

    FrequencyTable() = default;
    // `memory` holds bytesFor(users, slotCount) zeroed bytes, 4-byte aligned (64 for one line per row).
    FrequencyTable(void* memory, std::uint32_t users, std::uint32_t slotCount);

    bool isNull() const { return m_memory == nullptr; }
    std::uint32_t users() const { return m_users; }
    std::uint32_t slotCount() const { return m_slots; }

    int count(std::uint32_t user, std::uint16_t slot, std::uint32_t window) const
    {
        const char* row = m_memory + user * m_rowBytes;
        if (reinterpret_cast<const std::atomic<std::uint32_t>*>(row)->load(std::memory_order_relaxed) != window + 1)
            return 0;
        return counts(row)[slot].load(std::memory_order_relaxed);
    }
    // One impression; saturates at 255. Writer only.
    void record(std::uint32_t user, std::uint16_t slot, std::uint32_t window);
    // Brings a user's row into the cache ahead of use.
    void prefetch(std::uint32_t user) const { __builtin_prefetch(m_memory + user * m_rowBytes); }

private:
    static const std::atomic<std::uint8_t>* counts(const char* row)
    {
        return reinterpret_cast<const std::atomic<std::uint8_t>*>(row + sizeof(std::uint32_t));
    }

    char* m_memory = nullptr;
    std::size_t m_rowBytes = 0;
    std::uint32_t m_users = 0;
    std::uint32_t m_slots = 0;
};

} // namespace bidlab::bidding
