// SPDX-License-Identifier: MIT
#pragma once

#include "core/bidding/bid_request.h"
#include "core/common/expected.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <QStringList>

namespace bidlab::engine {

struct EngineConfig;
class World;

// What follows an impression, decided by the source's ground truth (never seen by the bidders).
struct ImpressionOutcome
{
    bool clicked = false;
    std::int64_t clickDelayMs = 0; // world time from impression to click
    bool duplicateClick = false; // the click is sent twice
    std::int64_t duplicateDelayMs = 0; // after the first click
    bool converted = false;
    std::int64_t conversionDelayMs = 0; // after the click
    Micros conversionValue = 0;
};

// Where bid requests come from, and the market and the ground truth around them: the synthetic world, or
// a replayed log (issue 9). Random access and deterministic: request `id` is always the same request, so
// the same seed gives the same stream however the requests are spread over workers and threads.
class TrafficSource
{
public:
    virtual ~TrafficSource() = default;

    // Fills out[k] with request firstId + k (id, world time, user, slot, floor, ...; not `arm`, which the
    // engine sets). Returns how many it produced: fewer than out.size() only at the end of a finite source.
    virtual std::size_t generate(std::uint64_t firstId, std::span<bidding::BidRequest> out) const = 0;
    // Requests in a finite source; 0 for an endless one.
    virtual std::uint64_t length() const { return 0; }

    // The highest competing bid for the request, CPM micros (the market the bidders face).
    virtual Micros marketPrice(const bidding::BidRequest& request) const = 0;
    // Click, duplicate click and conversion of an impression won by `campaign`.
    virtual ImpressionOutcome impressionOutcome(const bidding::BidRequest& request, int campaign) const = 0;

    // Interned user-agent strings (the event pipeline's bot filter reads them).
    virtual const std::vector<std::string>& userAgents() const = 0;
};

// The traffic kinds this build knows ("synthetic", ...), and the source a config asks for.
QStringList trafficKinds();
Expected<std::unique_ptr<TrafficSource>> makeTrafficSource(const EngineConfig& config, const World& world);

} // namespace bidlab::engine
