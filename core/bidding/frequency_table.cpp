// SPDX-License-Identifier: MIT
#include "core/bidding/frequency_table.h"

namespace bidlab::bidding {

FrequencyTable::FrequencyTable(void* memory, std::uint32_t users, std::uint32_t slotCount)
    : m_memory(static_cast<char*>(memory))
    , m_rowBytes(rowBytes(slotCount))
    , m_users(users)
    , m_slots(slotCount)
{
    static_assert(sizeof(std::atomic<std::uint8_t>) == 1 && sizeof(std::atomic<std::uint32_t>) == 4);
}

void FrequencyTable::record(std::uint32_t user, std::uint16_t slot, std::uint32_t window)
{
    char* row = m_memory + user * m_rowBytes;
    auto* stamp = reinterpret_cast<std::atomic<std::uint32_t>*>(row);
    auto* count = reinterpret_cast<std::atomic<std::uint8_t>*>(row + sizeof(std::uint32_t));
    if (stamp->load(std::memory_order_relaxed) != window + 1) {
        for (std::uint32_t s = 0; s < m_slots; ++s)
            count[s].store(0, std::memory_order_relaxed);
        stamp->store(window + 1, std::memory_order_release);
    }
    const std::uint8_t n = count[slot].load(std::memory_order_relaxed);
    if (n < 255)
        count[slot].store(static_cast<std::uint8_t>(n + 1), std::memory_order_relaxed);
}

} // namespace bidlab::bidding
