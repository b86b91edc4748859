// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"
#include "core/openrtb/bid_request.h"

#include <memory>
#include <string_view>

namespace simdjson::dom {
class parser;
}

namespace bidlab::openrtb {

// Parses OpenRTB 2.5 / 2.6 bid requests (one JSON object each) into BidRequest records. Unknown fields are
// ignored; a malformed document or an invalid field (missing `id`, empty `imp`, a negative floor, a wrong
// type, ...) is rejected with a message that names the field path, e.g.
// "imp[0].bidfloor must not be negative, not -0.5". Reuse one parser for many requests: its buffers grow
// once. Not thread-safe; use one parser per thread.
class RequestParser
{
public:
    RequestParser();
    ~RequestParser();
    RequestParser(const RequestParser&) = delete;
    RequestParser& operator=(const RequestParser&) = delete;

    Expected<BidRequest> parse(std::string_view json);

    // The same without copying `json`: the caller guarantees kPadding readable bytes after its end (any bytes;
    // a line inside a larger buffer qualifies).
    Expected<BidRequest> parsePadded(std::string_view json);
    static const std::size_t kPadding;

    // parsePadded() into a record the caller owns (a fresh one: fields the request leaves out are not reset),
    // saving the moves of a large record when many are kept.
    Status parsePaddedInto(std::string_view json, BidRequest& out);

private:
    Status parseInto(std::string_view json, bool padded, BidRequest& out);

    std::unique_ptr<simdjson::dom::parser> m_parser;
};

} // namespace bidlab::openrtb
