// SPDX-License-Identifier: MIT
#pragma once

#include "core/bidding/frequency_table.h"
#include "core/engine/ipc/shared_memory.h"
#include "core/engine/worker_protocol.h"

#include <span>
#include <vector>

#include <QString>

namespace bidlab::engine {

// The engine's side of the hub segment that every worker of a run maps (worker_protocol.h): the bidding
// settings under a sequence lock, the campaigns, their live state and the frequency table.
class Hub
{
public:
    static Expected<Hub> create(std::span<const bidding::CampaignSpec> campaigns, std::uint32_t users,
                                std::uint32_t frequencySlots, std::uint64_t noiseSeed);

    int fd() const { return m_memory.fd(); }
    protocol::HubHeader& header() const { return *m_header; }
    std::span<bidding::CampaignLiveState> live() const { return m_live; }
    bidding::FrequencyTable frequency() const { return m_frequency; }

    // Writers of the settings (the engine's thread only).
    void setStrategies(std::span<const bidding::StrategyParams> arms, bool firstPrice);
    void setModelPath(const QString& path); // bumps the model generation
    std::uint32_t modelGeneration() const { return m_header->modelGeneration.load(std::memory_order_relaxed); }

private:
    template<class F> void write(F&& change);

    ipc::SharedMemory m_memory;
    protocol::HubHeader* m_header = nullptr;
    std::span<bidding::CampaignLiveState> m_live;
    bidding::FrequencyTable m_frequency;
};

} // namespace bidlab::engine
