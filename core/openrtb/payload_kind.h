// SPDX-License-Identifier: MIT
#pragma once

#include <string_view>

#include <QString>

namespace bidlab::openrtb {

// What an OpenRTB-family JSON document is, told from its shape: a bid request (`id` and `imp`), a bid
// response (`seatbid` or `nbr`), or an OpenRTB Native 1.x request (`assets` asking for lengths, sizes and
// types) or response (`link`), either bare or wrapped in a `native` object.
enum class PayloadKind { NotJson, Unknown, BidRequest, BidResponse, NativeRequest, NativeResponse };

PayloadKind detectPayload(std::string_view json);

// "bid request", "native response", ...
QString payloadKindName(PayloadKind kind);

} // namespace bidlab::openrtb
