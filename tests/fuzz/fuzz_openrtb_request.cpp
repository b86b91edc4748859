// SPDX-License-Identifier: MIT
// Fuzz target: OpenRTB bid requests, as one document and as a JSON Lines file.
#include "core/openrtb/request_file.h"
#include "core/openrtb/request_parser.h"
#include "tests/fuzz/fuzz_targets.h"

#include <string_view>

namespace bidlab::fuzz {

namespace {

void checkRequest(const openrtb::BidRequest& request)
{
    check(!request.id.empty(), "an accepted request has an id");
    check(!request.imps.empty(), "an accepted request has impressions");
    for (const openrtb::Imp& imp : request.imps) {
        check(!imp.id.empty(), "an accepted impression has an id");
        check(imp.floor >= 0, "an accepted floor is not negative");
        check(!imp.formatNames().empty(), "an accepted impression offers a format");
        check(imp.floorCurrency.size() == 3, "a currency code has three letters");
    }
}

} // namespace

int openRtbRequest(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    openrtb::RequestParser parser;
    const auto one = parser.parse(text);
    if (one)
        checkRequest(*one);
    else
        check(!one.error().isEmpty(), "a rejection has a message");

    const openrtb::RequestFile file = openrtb::parseRequests(text, QStringLiteral("fuzz.jsonl"));
    check(file.requests.size() == file.lines.size(), "every request has its line");
    for (const openrtb::BidRequest& request : file.requests)
        checkRequest(request);
    return 0;
}

} // namespace bidlab::fuzz

#ifdef BIDLAB_LIBFUZZER
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    return bidlab::fuzz::openRtbRequest(data, size);
}
#endif
