// SPDX-License-Identifier: MIT
// Fuzz target: the iPinYou auction-log reader. Whatever it accepts must hold only values a replay can use.
#include "core/replay/auction_log.h"
#include "tests/fuzz/fuzz_targets.h"

#include <cmath>
#include <string_view>

namespace bidlab::fuzz {

int auctionLog(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto log = replay::parseAuctionLog(text, QStringLiteral("fuzz.txt"));
    if (!log) {
        check(log.error().startsWith(QStringLiteral("fuzz.txt")), "a rejection names the file");
        return 0;
    }
    check(!log->auctions.empty(), "an accepted log has auctions");
    std::int64_t clicks = 0;
    std::int64_t prices = 0;
    for (const replay::LoggedAuction& a : log->auctions) {
        check(a.click == 0 || a.click == 1, "clicks are 0 or 1");
        check(a.price >= 0 && a.price <= replay::kMaxLoggedPrice, "prices are in range");
        check(a.pctr >= 0.0 && a.pctr <= 1.0 && std::isfinite(a.pctr), "pCTRs are probabilities");
        clicks += a.click;
        prices += a.price;
    }
    check(clicks == log->clicks && prices == log->priceSum, "the totals add up");
    if (log->declaredEpisodeLength > 0)
        check(log->auctions.size() % std::size_t(log->declaredEpisodeLength) == 0, "validation episodes are whole");
    // The limit keeps a prefix.
    const auto head = replay::parseAuctionLog(text, QStringLiteral("fuzz.txt"), 3);
    check(head.ok(), "a prefix of an accepted log is accepted");
    check(head->auctions.size() == std::min<std::size_t>(3, log->auctions.size()), "the limit is honoured");
    return 0;
}

} // namespace bidlab::fuzz

#ifdef BIDLAB_LIBFUZZER
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    return bidlab::fuzz::auctionLog(data, size);
}
#endif
