// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <QString>

namespace bidlab {

// Money is int64 micro-units of the currency everywhere, so sums are exact and independent of the order
// (and so of the thread count) in which they are taken. Prices of bids are CPM micros.
using Micros = std::int64_t;
inline constexpr Micros kMicrosPerUnit = 1'000'000;

// Parses a decimal number ("12", "-0.5", "1234.567891", "1e3" is rejected) into micros, rounding half away
// from zero beyond six decimals. Accepts surrounding spaces. Returns nullopt on anything else or overflow.
std::optional<Micros> parseMicros(std::string_view text);

// Micros to currency units as a double, for ratios computed at the edge.
constexpr double toUnits(Micros micros)
{
    return static_cast<double>(micros) / static_cast<double>(kMicrosPerUnit);
}

// Nearest micros of an amount in currency units.
Micros fromUnits(double units);

// "1234.56" with the given number of decimals (0..6, 2 by default), '.' as decimal point whatever the
// locale; exact (integer arithmetic), rounding half away from zero, never "-0.00".
QString formatMoney(Micros micros, int decimals = 2);

// Ratio a / b, or nullopt when b is zero: derived ratios with a zero denominator are empty, never inf/NaN.
inline std::optional<double> ratio(double numerator, double denominator)
{
    if (denominator == 0.0)
        return std::nullopt;
    return numerator / denominator;
}

} // namespace bidlab
