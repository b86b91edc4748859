// SPDX-License-Identifier: MIT
#include "core/common/money.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bidlab {

namespace {

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

bool addDigit(std::int64_t& value, int digit)
{
    constexpr auto max = std::numeric_limits<std::int64_t>::max();
    if (value > (max - digit) / 10)
        return false;
    value = value * 10 + digit;
    return true;
}

} // namespace

std::optional<Micros> parseMicros(std::string_view text)
{
    text = trimmed(text);
    bool negative = false;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    if (text.empty())
        return std::nullopt;

    std::int64_t value = 0;
    int fractionDigits = 0;
    bool seenPoint = false;
    bool seenDigit = false;
    bool roundUp = false;
    for (char c : text) {
        if (c == '.' && !seenPoint) {
            seenPoint = true;
            continue;
        }
        if (c < '0' || c > '9')
            return std::nullopt;
        seenDigit = true;
        if (seenPoint && fractionDigits >= 6) {
            if (fractionDigits == 6)
                roundUp = c >= '5'; // only the seventh decimal decides: half away from zero
            ++fractionDigits;
            continue;
        }
        if (!addDigit(value, c - '0'))
            return std::nullopt;
        if (seenPoint)
            ++fractionDigits;
    }
    if (!seenDigit)
        return std::nullopt;
    for (int i = std::min(fractionDigits, 6); i < 6; ++i) {
        if (!addDigit(value, 0))
            return std::nullopt;
    }
    if (roundUp) {
        if (value == std::numeric_limits<std::int64_t>::max())
            return std::nullopt;
        ++value;
    }
    return negative ? -value : value;
}

Micros fromUnits(double units)
{
    return static_cast<Micros>(std::llround(units * static_cast<double>(kMicrosPerUnit)));
}

QString formatMoney(Micros micros, int decimals)
{
    // Integer arithmetic, so that large amounts stay exact (a double carries only 15-16 digits), rounding
    // half away from zero.
    decimals = std::clamp(decimals, 0, 6);
    const bool negative = micros < 0;
    // The magnitude as unsigned, so that INT64_MIN does not overflow.
    std::uint64_t magnitude = negative ? std::uint64_t(0) - std::uint64_t(micros) : std::uint64_t(micros);
    std::uint64_t step = 1;
    for (int i = decimals; i < 6; ++i)
        step *= 10;
    magnitude = (magnitude + step / 2) / step; // now in units of 10^-decimals; no overflow below 2^64
    std::uint64_t scale = 1;
    for (int i = 0; i < decimals; ++i)
        scale *= 10;
    QString text = QString::number(magnitude / scale);
    if (decimals > 0)
        text += QLatin1Char('.') + QString::number(magnitude % scale).rightJustified(decimals, QLatin1Char('0'));
    if (negative && magnitude != 0)
        text.prepend(QLatin1Char('-'));
    return text;
}

} // namespace bidlab
