// SPDX-License-Identifier: MIT
#include "core/bidding/campaign_index.h"

#include <algorithm>
#include <numeric>

namespace bidlab::bidding {

CampaignIndex::CampaignIndex(std::span<const CampaignSpec> campaigns)
{
    std::vector<std::uint16_t> order(campaigns.size());
    std::iota(order.begin(), order.end(), std::uint16_t(0));
    std::stable_sort(order.begin(), order.end(), [&](std::uint16_t a, std::uint16_t b) {
        return campaigns[a].clickValue() > campaigns[b].clickValue();
    });
    m_offsets.assign(kCells + 1, 0);
    m_ids.clear();
    for (unsigned device = 0; device < kDeviceCount; ++device) {
        for (unsigned band = 0; band < kAgeBandCount; ++band) {
            for (unsigned hour = 0; hour < 24; ++hour) {
                for (unsigned size = 0; size < kSizeClassCount; ++size) {
                    const std::size_t cell = cellOf(device, band, hour, size);
                    m_offsets[cell] = static_cast<std::uint32_t>(m_ids.size());
                    for (std::uint16_t id : order) {
                        const CampaignSpec& c = campaigns[id];
                        if ((c.deviceMask >> device & 1u) && (c.ageBandMask >> band & 1u) && (c.hourMask >> hour & 1u)
                            && (c.sizeClassMask >> size & 1u))
                            m_ids.push_back(id);
                    }
                }
            }
        }
    }
    m_offsets[kCells] = static_cast<std::uint32_t>(m_ids.size());
}

} // namespace bidlab::bidding
