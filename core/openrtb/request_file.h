// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"
#include "core/openrtb/bid_request.h"

#include <string_view>
#include <vector>

#include <QStringList>

namespace bidlab::openrtb {

// The bid requests of one file: either one JSON document (pretty-printed or not), or one request per line
// (JSON Lines). A request that does not parse is reported with the file, its line and the field path, and
// the others are kept.
struct RequestFile
{
    std::vector<BidRequest> requests;
    std::vector<qint64> lines; // the (first) line of each request, 1-based
    QStringList errors; // "bids.jsonl, line 7: imp[0].id is required."
    QStringList warnings; // the same form, for accepted oddities (an out-of-range latitude, ...)
    qint64 bytes = 0;
    bool oneRequestPerLine = false;
};

// Fails only when the file cannot be read or holds nothing; a bad request is an entry in errors.
Expected<RequestFile> readRequestFile(const QString& path);

// The same over text in memory; `name` is used in messages.
RequestFile parseRequests(std::string_view text, const QString& name);

} // namespace bidlab::openrtb
