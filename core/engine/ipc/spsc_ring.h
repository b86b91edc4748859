// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/ipc/futex.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>

namespace bidlab::ipc {

// A position written by one side only, alone on its cache line (no false sharing between the sides).
struct alignas(64) RingCursor
{
    std::atomic<std::uint64_t> value { 0 };
};

// The shared part of a ring: the cursors and the consumer's wait word. Sits in shared memory before the
// slots.
struct RingControl
{
    RingCursor head; // records published, written by the producer
    RingCursor tail; // records consumed, written by the consumer
    WaitWord notEmpty; // the consumer sleeps here when the ring is empty
};
static_assert(sizeof(RingControl) == 192);

// A single-producer/single-consumer ring of trivially copyable records over memory the two sides share
// (threads, or processes mapping one segment). Each side holds its own SpscRing view: the producer keeps
// its unpublished head and a cached tail, the consumer its tail, so that a batch costs one release store
// and at most one acquire load of the other side's cursor. Positions are 64-bit counters (no wrap).
template<class T> class SpscRing
{
    static_assert(std::is_trivially_copyable_v<T>);

public:
    static constexpr std::size_t bytesFor(std::size_t capacity) { return sizeof(RingControl) + capacity * sizeof(T); }

    SpscRing() = default;
    // `memory` (bytesFor(capacity) bytes, 64-byte aligned, zeroed the first time) holds the ring;
    // capacity is a power of two.
    SpscRing(void* memory, std::size_t capacity)
        : m_control(static_cast<RingControl*>(memory))
        , m_slots(reinterpret_cast<T*>(static_cast<char*>(memory) + sizeof(RingControl)))
        , m_mask(capacity - 1)
    {
        m_head = m_control->head.value.load(std::memory_order_acquire);
        m_tail = m_control->tail.value.load(std::memory_order_acquire);
        m_cachedTail = m_tail;
    }

    bool isNull() const { return m_control == nullptr; }
    std::size_t capacity() const { return m_mask + 1; }
    RingControl* control() const { return m_control; }

    // --- producer ---
    // Slots free for writing (refreshes the cached tail only when the cached one is not enough).
    std::size_t freeSpace(std::size_t wanted = 1)
    {
        std::size_t free = capacity() - static_cast<std::size_t>(m_head - m_cachedTail);
        if (free < wanted) {
            m_cachedTail = m_control->tail.value.load(std::memory_order_acquire);
            free = capacity() - static_cast<std::size_t>(m_head - m_cachedTail);
        }
        return free;
    }
    // The next record to write, at position head() + k.
    T& slot(std::uint64_t position) { return m_slots[position & m_mask]; }
    std::uint64_t head() const { return m_head; }
    // Makes everything before `newHead` visible to the consumer and wakes it if it sleeps.
    void publish(std::uint64_t newHead)
    {
        m_head = newHead;
        m_control->head.value.store(newHead, std::memory_order_release);
        m_control->notEmpty.notify();
    }

    // --- consumer ---
    std::size_t available() const
    {
        return static_cast<std::size_t>(m_control->head.value.load(std::memory_order_acquire) - m_tail);
    }
    const T& at(std::uint64_t position) const { return m_slots[position & m_mask]; }
    std::uint64_t tail() const { return m_tail; }
    void consume(std::uint64_t newTail)
    {
        m_tail = newTail;
        m_control->tail.value.store(newTail, std::memory_order_release);
    }

private:
    RingControl* m_control = nullptr;
    T* m_slots = nullptr;
    std::uint64_t m_mask = 0;
    std::uint64_t m_head = 0; // producer's
    std::uint64_t m_cachedTail = 0; // producer's view of the consumer
    std::uint64_t m_tail = 0; // consumer's
};

} // namespace bidlab::ipc
