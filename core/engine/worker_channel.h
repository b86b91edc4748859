// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/ipc/shared_memory.h"
#include "core/engine/worker_protocol.h"

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace bidlab::engine {

// The engine's end of one worker incarnation: its segment, the producer side of the request ring and the
// consumer side of the response ring, and when each request in flight was created. A request's slot is
// reused only after its response was read, so in-flight requests stay readable after the worker dies.
class WorkerChannel
{
public:
    static Expected<WorkerChannel> create(int slot);

    int fd() const { return m_memory.fd(); }
    protocol::WorkerHeader& header() const { return *m_header; }

    std::uint64_t sent() const { return m_sent; }
    std::uint64_t answered() const { return m_responses.tail(); }
    std::uint64_t inFlight() const { return m_sent - answered(); }
    std::size_t room() const { return protocol::kRingCapacity - static_cast<std::size_t>(inFlight()); }

    // The k-th request of the next batch; send(n) publishes n of them.
    bidding::BidRequest& next(std::size_t k) { return m_requests.slot(m_sent + k); }
    // Up to n requests from the from-th of the next batch that are contiguous in memory (the ring may
    // wrap after fewer).
    std::span<bidding::BidRequest> nextSpan(std::size_t from, std::size_t n)
    {
        const std::size_t start = static_cast<std::size_t>((m_sent + from) & kMask);
        return { &m_requests.slot(m_sent + from), std::min(n, protocol::kRingCapacity - start) };
    }
    void setCreated(std::size_t k, std::int64_t ns) { m_created[(m_sent + k) & kMask] = ns; }
    void send(std::size_t n)
    {
        m_sent += n;
        m_requests.publish(m_sent);
    }
    // Wakes the worker (after a settings change) without sending anything.
    void nudge() { m_requests.control()->notEmpty.notify(); }

    // Responses ready to read, and the request and creation time that go with each.
    std::size_t ready() const { return m_responses.available(); }
    const bidding::BidResponse& response(std::size_t k) const { return m_responses.at(answered() + k); }
    const bidding::BidRequest& request(std::size_t k) const { return m_requests.slot(answered() + k); }
    std::int64_t created(std::size_t k) const { return m_created[(answered() + k) & kMask]; }
    void consume(std::size_t n) { m_responses.consume(answered() + n); }

    // After the worker died and its published responses were read: the requests it never answered.
    std::size_t unanswered() const { return static_cast<std::size_t>(inFlight()); }
    void forget(std::size_t n) { m_responses.consume(answered() + n); } // they were taken elsewhere

private:
    static constexpr std::uint64_t kMask = protocol::kRingCapacity - 1;

    ipc::SharedMemory m_memory;
    protocol::WorkerHeader* m_header = nullptr;
    mutable ipc::SpscRing<bidding::BidRequest> m_requests;
    ipc::SpscRing<bidding::BidResponse> m_responses;
    std::vector<std::int64_t> m_created;
    std::uint64_t m_sent = 0;
};

} // namespace bidlab::engine
