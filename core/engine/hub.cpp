// SPDX-License-Identifier: MIT
#include "core/engine/hub.h"

#include "core/engine/ipc/cycle_clock.h"

#include <algorithm>
#include <cstring>
#include <new>

namespace bidlab::engine {

Expected<Hub> Hub::create(std::span<const bidding::CampaignSpec> campaigns, std::uint32_t users,
                          std::uint32_t frequencySlots, std::uint64_t noiseSeed)
{
    using namespace protocol;
    const auto count = static_cast<std::uint32_t>(campaigns.size());
    const std::size_t frequencyBytes = bidding::FrequencyTable::bytesFor(users, frequencySlots);
    const std::size_t bytes = hubBytesFor(count, frequencyBytes);
    Expected<ipc::SharedMemory> memory = ipc::SharedMemory::create("bidlab-hub", bytes);
    if (!memory)
        return Error { memory.error() };
    Hub hub;
    hub.m_memory = std::move(memory).value();
    char* base = static_cast<char*>(hub.m_memory.data());
    HubHeader* h = new (base) HubHeader {};
    h->magic = kMagic;
    h->version = kVersion;
    h->campaignCount = count;
    h->userCount = users;
    h->frequencySlots = frequencySlots;
    h->hubBytes = bytes;
    h->noiseSeed = noiseSeed;
    h->nanosecondsPerTick = ipc::CycleClock::nanosecondsPerTick(); // measured once per engine process
    h->campaignsOffset = alignUp(sizeof(HubHeader));
    h->liveOffset = h->campaignsOffset + alignUp(count * sizeof(bidding::CampaignSpec));
    h->frequencyOffset = h->liveOffset + alignUp(count * sizeof(bidding::CampaignLiveState));
    h->armCount = 1;
    std::memcpy(base + h->campaignsOffset, campaigns.data(), campaigns.size_bytes());
    auto* live = reinterpret_cast<bidding::CampaignLiveState*>(base + h->liveOffset);
    for (std::uint32_t c = 0; c < count; ++c)
        new (live + c) bidding::CampaignLiveState {};
    hub.m_header = h;
    hub.m_live = { live, count };
    hub.m_frequency = bidding::FrequencyTable(base + h->frequencyOffset, users, frequencySlots);
    return hub;
}

template<class F> void Hub::write(F&& change)
{
    m_header->settingsSequence.fetch_add(1, std::memory_order_acq_rel); // odd: being written
    std::atomic_thread_fence(std::memory_order_release);
    change();
    m_header->settingsSequence.fetch_add(1, std::memory_order_release);
}

void Hub::setStrategies(std::span<const bidding::StrategyParams> arms, bool firstPrice)
{
    write([&] {
        const std::size_t n = std::min<std::size_t>(arms.size(), protocol::kMaxArms);
        std::copy_n(arms.begin(), n, m_header->strategies);
        m_header->armCount = static_cast<std::uint32_t>(std::max<std::size_t>(n, 1));
        m_header->firstPrice = firstPrice ? 1 : 0;
    });
}

void Hub::setModelPath(const QString& path)
{
    const QByteArray bytes = path.toUtf8().left(protocol::kPathBytes - 1);
    write([&] {
        std::memset(m_header->modelPath, 0, protocol::kPathBytes);
        std::memcpy(m_header->modelPath, bytes.constData(), static_cast<std::size_t>(bytes.size()));
        m_header->modelGeneration.fetch_add(1, std::memory_order_relaxed);
    });
}

} // namespace bidlab::engine
