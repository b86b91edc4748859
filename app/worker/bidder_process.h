// SPDX-License-Identifier: MIT
#pragma once

#include "core/bidding/bidder.h"
#include "core/engine/ipc/shared_memory.h"
#include "core/engine/worker_protocol.h"

#include <memory>

namespace bidlab::worker {

// The life of a bidlab-worker process: map the hub and its own segment, load the model, then answer the
// requests of its ring in batches until told to stop (or the engine dies). Sleeps on a futex when there is
// nothing to do.
class BidderProcess
{
public:
    // Maps the segments and checks their layout; a message on failure.
    static Expected<std::unique_ptr<BidderProcess>> attach(int hubFd, int workerFd);

    // Loads the hub's model and the campaigns; marks the worker ready (or failed, with a message).
    Status prepare();
    // Runs until shutdown or retirement; returns the exit code.
    int run();

private:
    BidderProcess() = default;
    Status loadModel(const QString& path); // keeps the current model on failure
    void applySettings();
    void checkModel();
    int answer(std::size_t available);
    bool waitForWork();
    void fail(const QString& message);

    ipc::SharedMemory m_hubMemory;
    ipc::SharedMemory m_memory;
    engine::protocol::HubHeader* m_hub = nullptr;
    engine::protocol::WorkerHeader* m_header = nullptr;
    ipc::SpscRing<bidding::BidRequest> m_requests;
    ipc::SpscRing<bidding::BidResponse> m_responses;
    std::unique_ptr<bidding::Bidder> m_bidder;
    bidding::MarketView m_market;
    std::uint32_t m_settingsSequence = ~0u;
    std::uint32_t m_modelGeneration = 0;
    pid_t m_parent = 0;
};

} // namespace bidlab::worker
