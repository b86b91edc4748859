// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

namespace bidlab::replay {

struct CampaignInfo;

// How a log is cut into episodes and what each may spend (REPLAY.md §3): every `length` auctions a new
// episode starts with the full `budget`; unspent budget does not carry over; a final partial episode is
// played like the others. No bid may exceed `maxBid` (the largest market price, 300 for iPinYou).
struct EpisodeRules
{
    int length = 1000; // N
    std::int64_t budget = 0; // B, in the log's price unit
    int maxBid = 300;
};

// B = int(cost_train / imp_train × c0 × N): the training cost per auction times N, scaled by c0 and
// rounded down, with the floating-point operations in the reference's order.
std::int64_t episodeBudget(const CampaignInfo& info, double c0, int episodeLength);

} // namespace bidlab::replay
