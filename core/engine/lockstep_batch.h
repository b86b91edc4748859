// SPDX-License-Identifier: MIT
#pragma once

#include "core/bidding/bid_request.h"

#include <cstdint>
#include <vector>

namespace bidlab::engine::detail {

// Deterministic mode's unit of work: a fixed number of consecutive requests, sent to the workers, answered
// in any order, then judged by the exchange in request order once every answer is in. Nothing the workers
// see changes while a batch is out, so the answers do not depend on which worker gave them.
struct LockstepBatch
{
    static constexpr std::size_t kSize = 1024;

    std::uint64_t first = 0; // id of its first request
    std::size_t size = 0;
    std::size_t received = 0;
    std::vector<bidding::BidRequest> requests;
    std::vector<bidding::BidResponse> responses;
    std::vector<std::uint8_t> have;
    bool active = false;

    bool complete() const { return active && received == size; }
    // Keeps an answer (the first one for its request; a request sent again after a crash may come twice
    // only if its first answer was lost with the worker, so this never drops a real one).
    void store(const bidding::BidRequest& request, const bidding::BidResponse& response)
    {
        const std::uint64_t index = request.id - first;
        if (index < size && !have[index]) {
            responses[index] = response;
            have[index] = 1;
            ++received;
        }
    }
};

} // namespace bidlab::engine::detail
