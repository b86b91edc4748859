// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

namespace bidlab {

// xoshiro256** (Blackman & Vigna): a small, fast generator whose stream is the same on every platform (the
// standard library's distributions are not specified bit for bit), so a seed reproduces a run exactly. How
// the 256 bits of state are seeded is the user's choice: the engine draws per request, training per purpose.
class Xoshiro256
{
public:
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

    // Uniform on [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    // Uniform integer on [0, bound) by Lemire's multiply-shift (a bias below 2^-32, nothing worth a loop).
    std::uint32_t below(std::uint32_t bound) { return static_cast<std::uint32_t>(((next() >> 32) * bound) >> 32); }

protected:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

    std::uint64_t m_state[4] {};
};

} // namespace bidlab
