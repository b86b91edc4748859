// SPDX-License-Identifier: MIT
#include "core/openrtb/payload_kind.h"

#include <simdjson.h>

#include <QCoreApplication>

namespace bidlab::openrtb {

namespace {

using simdjson::dom::element;
using simdjson::dom::object;

bool has(object o, std::string_view key)
{
    return o.at_key(key).error() == simdjson::SUCCESS;
}

// Native: a response has `link`; a request asks for assets by length, size or type (`assets` without a
// `link`), in Native 1.0 inside a `native` wrapper.
PayloadKind nativeKind(object o)
{
    element inner;
    if (o.at_key("native").get(inner) == simdjson::SUCCESS && inner.is_object())
        o = inner.get_object().value_unsafe();
    if (has(o, "link"))
        return PayloadKind::NativeResponse;
    if (has(o, "assets"))
        return PayloadKind::NativeRequest;
    return PayloadKind::Unknown;
}

} // namespace

PayloadKind detectPayload(std::string_view json)
{
    simdjson::dom::parser parser;
    element root;
    if (parser.parse(json.data(), json.size()).get(root) != simdjson::SUCCESS)
        return PayloadKind::NotJson;
    object o;
    if (root.get_object().get(o) != simdjson::SUCCESS)
        return PayloadKind::Unknown;
    if (has(o, "imp"))
        return PayloadKind::BidRequest;
    if (has(o, "seatbid") || (has(o, "id") && has(o, "nbr")))
        return PayloadKind::BidResponse;
    return nativeKind(o);
}

QString payloadKindName(PayloadKind kind)
{
    switch (kind) {
    case PayloadKind::NotJson:
        return QCoreApplication::translate("OpenRtb", "not JSON");
    case PayloadKind::Unknown:
        return QCoreApplication::translate("OpenRtb", "unknown");
    case PayloadKind::BidRequest:
        return QCoreApplication::translate("OpenRtb", "bid request");
    case PayloadKind::BidResponse:
        return QCoreApplication::translate("OpenRtb", "bid response");
    case PayloadKind::NativeRequest:
        return QCoreApplication::translate("OpenRtb", "native request");
    case PayloadKind::NativeResponse:
        return QCoreApplication::translate("OpenRtb", "native response");
    }
    return {};
}

} // namespace bidlab::openrtb
