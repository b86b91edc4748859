// SPDX-License-Identifier: MIT
#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <vector>

// Seeded synthetic series for the detector tests: the same values on every machine (Box-Muller over
// mt19937, whose output the standard fixes; std::normal_distribution is implementation-defined).
namespace bidlab::test {

class Noise
{
public:
    explicit Noise(std::uint32_t seed)
        : m_engine(seed)
    { }
    double gaussian()
    {
        const double u1 = (static_cast<double>(m_engine()) + 1.0) / 4294967297.0;
        const double u2 = static_cast<double>(m_engine()) / 4294967296.0;
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }

private:
    std::mt19937 m_engine;
};

// level + sd * noise, plus a daily-like sine of `amplitude` over `period` values when period > 0.
inline std::vector<double> noisySeries(std::size_t n, std::uint32_t seed, double level = 50.0, double sd = 1.0,
                                       std::size_t period = 0, double amplitude = 0.0)
{
    Noise noise(seed);
    std::vector<double> values(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double season = period > 0
            ? amplitude * std::sin(2.0 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(period))
            : 0.0;
        values[i] = level + season + sd * noise.gaussian();
    }
    return values;
}

} // namespace bidlab::test
