// SPDX-License-Identifier: MIT
// Fuzz target: OpenRTB bid responses and payload recognition. A response that reads back in is written out
// again, and the written JSON must read back to the same bids.
#include "core/openrtb/bid_response.h"
#include "core/openrtb/payload_kind.h"
#include "tests/fuzz/fuzz_targets.h"

#include <string_view>

namespace bidlab::fuzz {

int openRtbResponse(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)openrtb::detectPayload(text);
    const auto response = openrtb::parseResponse(text);
    if (!response)
        return 0;
    const auto again = openrtb::parseResponse(openrtb::writeResponse(*response));
    check(again.ok(), "a written response reads back");
    check(again->bidCount() == response->bidCount(), "the bids survive a round trip");
    for (std::size_t s = 0; s < response->seatBids.size(); ++s) {
        for (std::size_t b = 0; b < response->seatBids[s].bids.size(); ++b)
            check(again->seatBids[s].bids[b].price == response->seatBids[s].bids[b].price, "prices survive exactly");
    }
    return 0;
}

} // namespace bidlab::fuzz

#ifdef BIDLAB_LIBFUZZER
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    return bidlab::fuzz::openRtbResponse(data, size);
}
#endif
