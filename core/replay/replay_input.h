// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"
#include "core/common/money.h"
#include "core/openrtb/request_file.h"
#include "core/replay/auction_log.h"

#include <QStringList>

namespace bidlab::replay {

// The log's price unit in money: iPinYou prices are CNY fen per thousand impressions, so one unit is
// 0.01 of the currency per CPM, 10,000 micros.
inline constexpr Micros kPriceUnitMicros = 10'000;

// OpenRTB bid requests as auctions to replay, one per impression in file order. A request carries no
// market price and no click, so the price to beat is the impression's floor (rounded up to the price unit,
// read in the floor's own currency: there is no exchange rate at hand), the pCTR is `pctr` (the campaign's
// average), and nothing is clicked. Floors above kMaxLoggedPrice units are held there.
AuctionLog auctionsFromRequests(const openrtb::RequestFile& requests, double pctr, const QString& name);

// Reads what a replay runs on: OpenRTB bid requests when the file starts with '{' (JSON, one request per
// file or per line), else an iPinYou log (auction_log.h). Request errors and the conversion's caveats go
// to *notes.
Expected<AuctionLog> readReplayInput(const QString& path, std::int64_t maxAuctions, double averageCtr,
                                     QStringList* notes);

} // namespace bidlab::replay
