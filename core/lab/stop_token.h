// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/ipc/futex.h"

#include <atomic>
#include <cstdint>
#include <functional>

namespace bidlab::lab {

// A word that asks running tasks to stop: 0 = run, 1 = stop. It may live in shared memory, so that worker
// processes see it too; waits on it are futex waits, and requestStop() wakes them.
using StopWord = std::atomic<std::uint32_t>;

inline void requestStop(StopWord& word)
{
    word.store(1, std::memory_order_release);
    ipc::futexWake(&word);
}

// What a task consults to know it must stop. The stop word is set by another thread or process; `poll` is for
// code that runs on the very thread that would otherwise set the word (the coordinator running sequential or
// serial tasks), which must then look at the cancel request itself. Tasks call stopRequested() every few
// thousand steps, never in their inner loop.
class StopToken
{
public:
    explicit StopToken(StopWord& word, std::function<bool()> poll = {})
        : m_word(&word)
        , m_poll(std::move(poll))
    { }

    bool stopRequested() const
    {
        if (m_word->load(std::memory_order_relaxed) != 0)
            return true;
        if (m_poll && m_poll()) {
            requestStop(*m_word);
            return true;
        }
        return false;
    }
    StopWord& word() const { return *m_word; }
    // True when a wait must wake up now and then to call the poll function.
    bool polls() const { return static_cast<bool>(m_poll); }

private:
    StopWord* m_word;
    std::function<bool()> m_poll;
};

} // namespace bidlab::lab
