// SPDX-License-Identifier: MIT
#pragma once

#include "core/bidding/bidder.h"

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

class Rng
{
public:
    Rng(std::uint64_t seed, Stream stream, std::uint64_t counter)
    {
        std::uint64_t z = bidding::mix64(seed ^ static_cast<std::uint64_t>(stream)) ^ counter;
        for (std::uint64_t& s : m_state)
            s = bidding::mix64(z += 0x9E3779B97F4A7C15ULL);
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }
    // [0, 1)
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // [0, n)
    std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>((next() >> 32) * n >> 32); }
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

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_state[4];
};

} // namespace bidlab::engine
