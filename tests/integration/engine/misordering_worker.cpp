// SPDX-License-Identifier: MIT
// A broken bidder for the engine's fault tests: it speaks bidlab-worker's shared-memory protocol but answers
// every request with a high bid carrying the id of the request after it, as a worker that lost its place in
// the ring would. The engine must count each such answer as a no-bid, say so once, and lose nothing.
#include "core/engine/ipc/shared_memory.h"
#include "core/engine/worker_protocol.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

using namespace bidlab;
using namespace bidlab::engine::protocol;

int main(int argc, char* argv[])
{
    if (argc != 5 || std::strcmp(argv[1], "--hub-fd") != 0 || std::strcmp(argv[3], "--shm-fd") != 0) {
        std::fprintf(stderr, "usage: misordering_worker --hub-fd FD --shm-fd FD\n");
        return 2;
    }
    Expected<ipc::SharedMemory> hubMemory = ipc::SharedMemory::attach(std::atoi(argv[2]), sizeof(HubHeader));
    Expected<ipc::SharedMemory> own = ipc::SharedMemory::attach(std::atoi(argv[4]), kWorkerSegmentBytes);
    if (!hubMemory || !own)
        return 3;
    auto* hub = static_cast<HubHeader*>(hubMemory->data());
    auto* header = static_cast<WorkerHeader*>(own->data());
    char* base = static_cast<char*>(own->data());
    ipc::SpscRing<bidding::BidRequest> requests(base + kRequestRingOffset, kRingCapacity);
    ipc::SpscRing<bidding::BidResponse> responses(base + kResponseRingOffset, kRingCapacity);
    const pid_t parent = getppid();
    header->pid.store(getpid());
    header->status.store(kReady, std::memory_order_release);
    hub->engineBell.notify();
    while (!hub->shutdown.load(std::memory_order_acquire) && !header->retire.load(std::memory_order_acquire)) {
        const std::size_t n = std::min(requests.available(), responses.freeSpace(requests.available()));
        if (n == 0) {
            ipc::WaitWord& bell = requests.control()->notEmpty;
            const std::uint32_t token = bell.prepareWait();
            if (requests.available() || hub->shutdown.load() || header->retire.load())
                bell.cancelWait();
            else
                bell.wait(token, 100'000'000);
            if (getppid() != parent)
                return 5;
            continue;
        }
        for (std::size_t k = 0; k < n; ++k) {
            bidding::BidResponse answer {};
            answer.requestId = requests.at(requests.tail() + k).id + 1; // the wrong request
            answer.campaign = 0; // a high bid, which must not count
            answer.bidCpm = 50'000'000;
            answer.pCtr = 0.5f;
            responses.slot(responses.head() + k) = answer;
        }
        responses.publish(responses.head() + n);
        requests.consume(requests.tail() + n);
        header->batches.fetch_add(1, std::memory_order_relaxed);
        hub->engineBell.notify();
    }
    return 0;
}
