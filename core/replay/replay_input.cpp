// SPDX-License-Identifier: MIT
#include "core/replay/replay_input.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace bidlab::replay {

namespace {

bool looksLikeJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = file.read(4096);
    for (const char c : head) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        return c == '{';
    }
    return false;
}

std::int32_t priceUnits(Micros floor)
{
    const Micros units = (floor + kPriceUnitMicros - 1) / kPriceUnitMicros; // a bid must reach the floor
    return static_cast<std::int32_t>(std::min<Micros>(units, kMaxLoggedPrice));
}

} // namespace

AuctionLog auctionsFromRequests(const openrtb::RequestFile& requests, double pctr, const QString& name)
{
    AuctionLog log;
    log.name = name;
    for (const openrtb::BidRequest& request : requests.requests) {
        for (const openrtb::Imp& imp : request.imps) {
            const LoggedAuction auction { pctr, priceUnits(imp.floor), 0 };
            log.auctions.push_back(auction);
            log.priceSum += auction.price;
        }
    }
    return log;
}

Expected<AuctionLog> readReplayInput(const QString& path, std::int64_t maxAuctions, double averageCtr,
                                     QStringList* notes)
{
    if (!looksLikeJson(path))
        return readAuctionLog(path, maxAuctions);
    auto requests = openrtb::readRequestFile(path);
    if (!requests)
        return Error { requests.error() };
    if (notes) {
        *notes << requests->errors;
        *notes << QCoreApplication::translate("Replay",
                                              "OpenRTB requests carry no market price and no clicks: each "
                                              "impression's floor is the price to beat, the pCTR is the campaign's "
                                              "average, and no click is counted.");
    }
    AuctionLog log = auctionsFromRequests(*requests, averageCtr, QFileInfo(path).fileName());
    if (maxAuctions >= 0 && std::int64_t(log.auctions.size()) > maxAuctions) {
        log.auctions.resize(static_cast<std::size_t>(maxAuctions));
        log.priceSum = 0;
        for (const LoggedAuction& auction : log.auctions)
            log.priceSum += auction.price;
    }
    if (log.auctions.empty())
        return Error { QCoreApplication::translate("Replay", "%1 holds no bid request that could be read%2")
                           .arg(path,
                                requests->errors.isEmpty() ? QStringLiteral(".")
                                                           : QStringLiteral(": ") + requests->errors.first()) };
    return log;
}

} // namespace bidlab::replay
