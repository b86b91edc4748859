// SPDX-License-Identifier: MIT
#pragma once

#include <atomic>
#include <climits>
#include <cstdint>

// Blocking waits on words in shared memory, across processes (futex(2) without FUTEX_PRIVATE_FLAG;
// std::atomic::wait cannot wake another process).
namespace bidlab::ipc {

// Sleeps while *word == expected, at most timeoutNs (< 0: no limit). Returns false on timeout. May return
// spuriously: callers re-check their condition.
bool futexWait(std::atomic<std::uint32_t>* word, std::uint32_t expected, std::int64_t timeoutNs);
void futexWake(std::atomic<std::uint32_t>* word, int count = INT_MAX);

// An event count that lives in shared memory: a consumer sleeps until a producer signals, with no lost
// wake-up, and the producer makes no system call while nobody sleeps.
//
//   consumer                                   producer
//   token = w.prepareWait();                   publish (store-release of the ring's head)
//   if (condition) w.cancelWait();             w.notify();
//   else w.wait(token, timeout);
struct alignas(64) WaitWord
{
    std::atomic<std::uint32_t> sequence { 0 };
    std::atomic<std::uint32_t> sleepers { 0 };

    std::uint32_t prepareWait()
    {
        sleepers.fetch_add(1, std::memory_order_seq_cst);
        std::atomic_thread_fence(std::memory_order_seq_cst);
        return sequence.load(std::memory_order_seq_cst);
    }
    void cancelWait() { sleepers.fetch_sub(1, std::memory_order_relaxed); }
    // Returns false on timeout.
    bool wait(std::uint32_t token, std::int64_t timeoutNs)
    {
        const bool woken = futexWait(&sequence, token, timeoutNs);
        sleepers.fetch_sub(1, std::memory_order_relaxed);
        return woken;
    }
    void notify()
    {
        std::atomic_thread_fence(std::memory_order_seq_cst);
        if (sleepers.load(std::memory_order_relaxed) != 0) {
            sequence.fetch_add(1, std::memory_order_seq_cst);
            futexWake(&sequence);
        }
    }
};
static_assert(std::atomic<std::uint32_t>::is_always_lock_free);

} // namespace bidlab::ipc
