// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/money.h"

#include <cstdint>
#include <type_traits>

namespace bidlab::engine {

enum class AdEventType : std::uint8_t { Impression = 0, Click = 1, Conversion = 2 };

// An impression, click or conversion as the event pipeline receives it (the seed's stream-processor
// events, as a fixed record). Fields come from upstream and may be malformed: the pipeline validates them.
struct AdEvent
{
    std::uint64_t impressionId; // the request id of the auction that was won
    std::int64_t timeMs; // world clock
    std::int64_t originMs; // clicks: the impression's time; conversions: the click's time; else 0
    Micros amount; // impressions: their cost; conversions: their revenue
    std::uint32_t user;
    std::uint32_t userAgent; // interned
    std::uint16_t campaign;
    std::uint8_t type; // AdEventType (a raw byte: upstream may send anything)
    std::uint8_t device;
    std::uint8_t arm;
};
static_assert(std::is_trivially_copyable_v<AdEvent>);

} // namespace bidlab::engine
