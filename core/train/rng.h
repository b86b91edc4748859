// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/xoshiro.h"

#include <cstdint>
#include <utility>
#include <vector>

// A small, fast, seedable generator with the same stream on every platform (the standard distributions are
// not specified bit for bit), so a seed reproduces a split, a bootstrap or a search exactly.
namespace bidlab::train {

class Rng : public Xoshiro256
{
public:
    // Streams for different purposes (tree 7 of seed 42, fold shuffles, ...) come from (seed, stream).
    explicit Rng(std::uint64_t seed, std::uint64_t stream = 0)
    {
        std::uint64_t s = seed ^ (stream * 0xD1B54A32D192ED03ULL);
        for (std::uint64_t& word : m_state)
            word = splitmix(s);
    }

    template<class T> void shuffle(std::vector<T>& values)
    {
        for (std::size_t i = values.size(); i > 1; --i)
            std::swap(values[i - 1], values[below(static_cast<std::uint32_t>(i))]);
    }

private:
    static std::uint64_t splitmix(std::uint64_t& s)
    {
        std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
};

} // namespace bidlab::train
