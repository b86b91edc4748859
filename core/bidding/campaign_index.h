// SPDX-License-Identifier: MIT
#pragma once

#include "core/bidding/campaign.h"

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace bidlab::bidding {

// Campaign selection without scanning every campaign per request: for each targeting cell (device, age
// band, hour, slot size class) the campaigns that target it, best click value first. A bidder walks the
// short list, checks interests, frequency cap and budget, and usually stops at the first or second entry.
class CampaignIndex
{
public:
    CampaignIndex() = default;
    explicit CampaignIndex(std::span<const CampaignSpec> campaigns);

    std::span<const std::uint16_t> candidates(const BidRequest& request) const
    {
        const std::size_t cell = cellOf(request.device, ageBand(request.age), request.hour,
                                        sizeClass(request.slotWidth, request.slotHeight));
        return { m_ids.data() + m_offsets[cell], m_offsets[cell + 1] - m_offsets[cell] };
    }

    static constexpr std::size_t kCells = kDeviceCount * kAgeBandCount * 24 * kSizeClassCount;

private:
    static std::size_t cellOf(unsigned device, unsigned band, unsigned hour, unsigned size)
    {
        return ((std::min(device, 2u) * kAgeBandCount + band) * 24 + std::min(hour, 23u)) * kSizeClassCount + size;
    }

    std::vector<std::uint32_t> m_offsets = std::vector<std::uint32_t>(kCells + 1, 0);
    std::vector<std::uint16_t> m_ids;
};

} // namespace bidlab::bidding
