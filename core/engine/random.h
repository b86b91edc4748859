// SPDX-License-Identifier: MIT
#pragma once

#include "core/bidding/bidder.h"
#include "core/common/xoshiro.h"

#include <cmath>
#include <cstdint>

// Counter-based randomness: every draw about request `id` comes from a generator seeded by (seed, stream,
// id), so a request and everything that happens to it are the same whatever the order, thread or worker
// that handles it. The generator is xoshiro256** (Blackman & Vigna), seeded through splitmix64.
namespace bidlab::engine {

// Independent streams of draws about one request.
enum class Stream : std::uint64_t {
    Request = 0x52455155ULL, // the request's fields
    Market = 0x4D41524BULL, // the competing bid
    Truth = 0x54525554ULL, // clicks and conversions
    Events = 0x45564E54ULL, // event delivery (duplicates, malformed events)
    World = 0x574F524CULL, // the world itself
    User = 0x55534552ULL, // who sends the request
};

class Rng : public Xoshiro256
{
public:
    Rng(std::uint64_t seed, Stream stream, std::uint64_t counter)
    {
        std::uint64_t z = bidding::mix64(seed ^ static_cast<std::uint64_t>(stream)) ^ counter;
        for (std::uint64_t& s : m_state)
            s = bidding::mix64(z += 0x9E3779B97F4A7C15ULL);
    }

    bool chance(double p) { return uniform() < p; }
    double exponential(double mean) { return -mean * std::log1p(-uniform()); }
    double normal() { return normalFrom(next()); } // standard normal (table-based inverse CDF, random.cpp)

    // One draw without a generator: the bits of (seed, stream, counter), for hot paths that need one number.
    static std::uint64_t hash(std::uint64_t seed, Stream stream, std::uint64_t counter)
    {
        return bidding::mix64(bidding::mix64(seed ^ static_cast<std::uint64_t>(stream)) ^ bidding::mix64(counter));
    }
    static double unitFrom(std::uint64_t bits) { return static_cast<double>(bits >> 11) * 0x1.0p-53; }
    static double normalFrom(std::uint64_t bits);
};

} // namespace bidlab::engine
