// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"

#include <cstdint>
#include <string_view>
#include <vector>

#include <QString>

// Logged auctions to replay: iPinYou's `click price pctr` lines (Cai et al., WSDM 2017, and REPLAY.md §1).
namespace bidlab::replay {

// One logged auction: the market (paying) price in the log's integer CPM unit (iPinYou: CNY fen per
// thousand impressions), whether the impression was clicked, and the CTR model's prediction for it.
struct LoggedAuction
{
    double pctr = 0.0;
    std::int32_t price = 0;
    std::int32_t click = 0;
};

struct AuctionLog
{
    QString name; // the file's name, for messages and reports
    std::vector<LoggedAuction> auctions;
    int declaredEpisodeLength = 0; // T of a validation file's header; 0 when the file has none
    std::int64_t clicks = 0;
    std::int64_t priceSum = 0; // Σ price over all auctions
};

// The largest price a log may hold: far above iPinYou's 300, small enough that no sum can overflow.
inline constexpr std::int32_t kMaxLoggedPrice = 1'000'000;

// Reads a log in either layout, told apart by its first line:
//  * test.theta.txt: `click price pctr` per line, separated by a space or a tab, no header;
//  * <camp>.validation.txt: a header `dim<TAB>T`, then blocks of a line holding only the episode index
//    (1, 2, ...) followed by exactly T auction lines.
// click is 0 or 1, price a whole number from 0 to kMaxLoggedPrice, pctr a number from 0 to 1. Anything
// else fails the whole read with the file, the line and the reason: a replay with a row silently left out
// would cut every later episode in the wrong place. `maxAuctions` >= 0 stops after that many auctions
// (the published table uses the first 350,000 lines of each test log).
Expected<AuctionLog> readAuctionLog(const QString& path, std::int64_t maxAuctions = -1);
Expected<AuctionLog> parseAuctionLog(std::string_view text, const QString& name, std::int64_t maxAuctions = -1);

} // namespace bidlab::replay
