// SPDX-License-Identifier: MIT
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace bidlab::bidding {

// Impressions per (user, campaign) in the current window (an hour of the world clock), for frequency caps.
// A view over memory the caller owns (shared memory in the engine): one writer (the exchange, at each win)
// and any number of readers (the bidders), without locks. A user's row is cleared lazily when the writer
// first touches it in a new window; readers treat a row stamped with an older window as empty.
class FrequencyTable
{
public:
    static std::size_t bytesFor(std::uint32_t users, std::uint32_t campaigns);
    static std::uint32_t windowOf(std::int64_t simTimeMs) { return static_cast<std::uint32_t>(simTimeMs / 3'600'000); }

    FrequencyTable() = default;
    // `memory` holds bytesFor(users, campaigns) zeroed bytes, 8-byte aligned.
    FrequencyTable(void* memory, std::uint32_t users, std::uint32_t campaigns);

    bool isNull() const { return m_counts == nullptr; }
    std::uint32_t users() const { return m_users; }
    std::uint32_t campaigns() const { return m_campaigns; }

    int count(std::uint32_t user, std::uint16_t campaign, std::uint32_t window) const
    {
        if (m_windows[user].load(std::memory_order_relaxed) != window + 1)
            return 0;
        return m_counts[std::size_t(user) * m_campaigns + campaign].load(std::memory_order_relaxed);
    }
    // One impression; saturates at 255. Writer only.
    void record(std::uint32_t user, std::uint16_t campaign, std::uint32_t window);

private:
    std::atomic<std::uint32_t>* m_windows = nullptr; // per user: window + 1 of its row, 0 = never
    std::atomic<std::uint8_t>* m_counts = nullptr;
    std::uint32_t m_users = 0;
    std::uint32_t m_campaigns = 0;
};

} // namespace bidlab::bidding
