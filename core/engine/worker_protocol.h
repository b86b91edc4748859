// SPDX-License-Identifier: MIT
#pragma once

#include "core/bidding/bid_request.h"
#include "core/bidding/bid_strategy.h"
#include "core/bidding/campaign.h"
#include "core/engine/ipc/futex.h"
#include "core/engine/ipc/spsc_ring.h"

#include <atomic>
#include <cstddef>
#include <cstdint>

// What the engine and its bidlab-worker processes share, byte for byte. Header only: the worker includes it
// without linking the engine (it links bidlab_bidding and bidlab_ipc only).
//
// Two kinds of memfd segments, both inherited by the worker through descriptors:
//  - the hub, one per run, shared by every worker: the engine's wake-up word, the strategies and the model
//    to use (under a sequence lock), the campaigns, their live state (budget left, flags, shading) and the
//    frequency table;
//  - one segment per worker (incarnation): its status, and its request and response rings.
// A request ring slot is reused only after its response was read (the engine bounds what it sends by what
// it has read back), so after a crash the unanswered requests are still in the ring, intact.
namespace bidlab::engine::protocol {

inline constexpr std::uint32_t kMagic = 0x424C5745; // "BLWE"
inline constexpr std::uint32_t kVersion = 3; // 2: WorkerHeader::modelFingerprint; 3: StrategyParams::maxBidCpm
inline constexpr std::size_t kRingCapacity = 4096; // requests in flight per worker, at most
inline constexpr int kMaxWorkers = 16;
inline constexpr int kMaxArms = 8;
inline constexpr std::size_t kPathBytes = 1024;
inline constexpr std::size_t kMessageBytes = 512;

constexpr std::size_t alignUp(std::size_t n, std::size_t a = 64)
{
    return (n + a - 1) / a * a;
}

struct alignas(64) HubHeader
{
    std::uint32_t magic;
    std::uint32_t version;
    std::uint32_t campaignCount;
    std::uint32_t userCount; // rows of the frequency table
    std::uint32_t frequencySlots; // capped campaigns: bytes per row of the frequency table
    std::uint32_t reservedHeader;
    std::uint64_t hubBytes;
    std::uint64_t noiseSeed; // salts the bidders' per-request random bits
    double nanosecondsPerTick; // the engine's calibration of the time-stamp counter (compute times)
    std::uint64_t campaignsOffset; // CampaignSpec[campaignCount]
    std::uint64_t liveOffset; // CampaignLiveState[campaignCount]
    std::uint64_t frequencyOffset; // FrequencyTable::bytesFor(userCount, frequencySlots)

    ipc::WaitWord engineBell; // workers wake the engine here after publishing responses

    // Bidding settings, written by the engine under a sequence lock: odd while being written.
    alignas(64) std::atomic<std::uint32_t> settingsSequence;
    std::uint32_t armCount;
    std::uint32_t firstPrice;
    std::uint32_t reserved;
    bidding::StrategyParams strategies[kMaxArms];
    std::atomic<std::uint32_t> modelGeneration; // bumped with a new modelPath
    char modelPath[kPathBytes]; // empty: the built-in model

    alignas(64) std::atomic<std::uint32_t> shutdown; // every worker exits
    std::atomic<std::uint32_t> slowdownNs[kMaxWorkers]; // extra compute per request (the slow-worker incident)
};

enum WorkerStatus : std::uint32_t { kStarting = 0, kReady = 1, kFailed = 2 };

struct alignas(64) WorkerHeader
{
    std::uint32_t magic;
    std::uint32_t version;
    std::uint32_t slot;
    std::uint32_t ringCapacity;
    std::atomic<std::uint32_t> status; // WorkerStatus
    std::atomic<std::int32_t> pid;
    std::atomic<std::uint32_t> retire; // drain the ring, then exit
    std::atomic<std::uint32_t> modelGenerationApplied; // the hub's modelGeneration last handled
    std::atomic<std::uint32_t> modelRejected; // 1 when that generation's model was refused
    std::atomic<std::uint64_t> modelFingerprint; // modelFingerprint() of the model it bids with
    std::atomic<std::uint64_t> batches; // heartbeat: batches answered
    char message[kMessageBytes]; // the last failure, a sentence (NUL-terminated)
};

// A worker segment: [WorkerHeader][request ring][response ring].
inline constexpr std::size_t kRequestRingOffset = alignUp(sizeof(WorkerHeader));
inline constexpr std::size_t kResponseRingOffset
    = kRequestRingOffset + alignUp(ipc::SpscRing<bidding::BidRequest>::bytesFor(kRingCapacity));
inline constexpr std::size_t kWorkerSegmentBytes
    = kResponseRingOffset + alignUp(ipc::SpscRing<bidding::BidResponse>::bytesFor(kRingCapacity));

inline std::size_t hubBytesFor(std::uint32_t campaigns, std::size_t frequencyBytes)
{
    return alignUp(sizeof(HubHeader)) + alignUp(campaigns * sizeof(bidding::CampaignSpec))
        + alignUp(campaigns * sizeof(bidding::CampaignLiveState)) + alignUp(frequencyBytes);
}

// Reads the bidding settings consistently (retries while the engine writes them).
template<class F> void readSettings(const HubHeader& hub, F&& copy)
{
    for (;;) {
        const std::uint32_t before = hub.settingsSequence.load(std::memory_order_acquire);
        if (before & 1u)
            continue;
        copy();
        std::atomic_thread_fence(std::memory_order_acquire);
        if (hub.settingsSequence.load(std::memory_order_relaxed) == before)
            return;
    }
}

} // namespace bidlab::engine::protocol
