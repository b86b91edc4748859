// SPDX-License-Identifier: MIT
#include "core/engine/worker_channel.h"

#include <new>

namespace bidlab::engine {

Expected<WorkerChannel> WorkerChannel::create(int slot)
{
    Expected<ipc::SharedMemory> memory = ipc::SharedMemory::create("bidlab-worker", protocol::kWorkerSegmentBytes);
    if (!memory)
        return Error { memory.error() };
    WorkerChannel channel;
    channel.m_memory = std::move(memory).value();
    char* base = static_cast<char*>(channel.m_memory.data());
    channel.m_header = new (base) protocol::WorkerHeader {};
    channel.m_header->magic = protocol::kMagic;
    channel.m_header->version = protocol::kVersion;
    channel.m_header->slot = static_cast<std::uint32_t>(slot);
    channel.m_header->ringCapacity = protocol::kRingCapacity;
    new (base + protocol::kRequestRingOffset) ipc::RingControl {};
    new (base + protocol::kResponseRingOffset) ipc::RingControl {};
    channel.m_requests
        = ipc::SpscRing<bidding::BidRequest>(base + protocol::kRequestRingOffset, protocol::kRingCapacity);
    channel.m_responses
        = ipc::SpscRing<bidding::BidResponse>(base + protocol::kResponseRingOffset, protocol::kRingCapacity);
    channel.m_created.assign(protocol::kRingCapacity, 0);
    return channel;
}

} // namespace bidlab::engine
