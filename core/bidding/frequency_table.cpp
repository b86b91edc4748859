// SPDX-License-Identifier: MIT
#include "core/bidding/frequency_table.h"

namespace bidlab::bidding {

std::size_t FrequencyTable::bytesFor(std::uint32_t users, std::uint32_t campaigns)
{
    return std::size_t(users) * sizeof(std::atomic<std::uint32_t>) + std::size_t(users) * campaigns;
}

FrequencyTable::FrequencyTable(void* memory, std::uint32_t users, std::uint32_t campaigns)
    : m_windows(static_cast<std::atomic<std::uint32_t>*>(memory))
    , m_counts(reinterpret_cast<std::atomic<std::uint8_t>*>(static_cast<char*>(memory)
                                                            + std::size_t(users) * sizeof(std::atomic<std::uint32_t>)))
    , m_users(users)
    , m_campaigns(campaigns)
{
    static_assert(sizeof(std::atomic<std::uint8_t>) == 1 && sizeof(std::atomic<std::uint32_t>) == 4);
}

void FrequencyTable::record(std::uint32_t user, std::uint16_t campaign, std::uint32_t window)
{
    std::atomic<std::uint8_t>* row = m_counts + std::size_t(user) * m_campaigns;
    if (m_windows[user].load(std::memory_order_relaxed) != window + 1) {
        for (std::uint32_t c = 0; c < m_campaigns; ++c)
            row[c].store(0, std::memory_order_relaxed);
        m_windows[user].store(window + 1, std::memory_order_release);
    }
    const std::uint8_t n = row[campaign].load(std::memory_order_relaxed);
    if (n < 255)
        row[campaign].store(static_cast<std::uint8_t>(n + 1), std::memory_order_relaxed);
}

} // namespace bidlab::bidding
