// SPDX-License-Identifier: MIT
// Bid responses: the writer's JSON, its round trip through the reader, and recognition of every shared
// response and native payload.
#include "core/openrtb/bid_response.h"
#include "core/openrtb/payload_kind.h"
#include "tests/common/test_support.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace bidlab;
using namespace bidlab::openrtb;

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

BidResponse sampleResponse()
{
    BidResponse response;
    response.id = "req-1";
    response.bidId = "b-9";
    response.currency = "USD";
    SeatBid seat;
    seat.seat = "bidlab";
    Bid bid;
    bid.id = "1";
    bid.impId = "imp-1";
    bid.price = 1'028'428;
    bid.adId = "ad-7";
    bid.creativeId = "cr-7";
    bid.markup = "<div class=\"ad\">\"quoted\" \\ é</div>";
    bid.advertiserDomains = { "ads.example" };
    bid.w = 300;
    bid.h = 250;
    seat.bids.push_back(bid);
    bid.id = "2";
    bid.impId = "imp-2";
    bid.price = 500'000;
    bid.markup.clear();
    bid.advertiserDomains.clear();
    bid.w = bid.h = 0;
    seat.bids.push_back(bid);
    response.seatBids.push_back(seat);
    return response;
}

} // namespace

class BidResponseTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writesOpenRtbJson()
    {
        const std::string json = writeResponse(sampleResponse());
        const QJsonObject object = QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
        QCOMPARE(object.value(QStringLiteral("id")).toString(), QStringLiteral("req-1"));
        QCOMPARE(object.value(QStringLiteral("cur")).toString(), QStringLiteral("USD"));
        QVERIFY(!object.contains(QStringLiteral("nbr")));
        const QJsonArray bids
            = object.value(QStringLiteral("seatbid")).toArray().at(0).toObject().value(QStringLiteral("bid")).toArray();
        QCOMPARE(bids.size(), 2);
        const QJsonObject first = bids.at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("impid")).toString(), QStringLiteral("imp-1"));
        QCOMPARE(first.value(QStringLiteral("crid")).toString(), QStringLiteral("cr-7"));
        QCOMPARE(first.value(QStringLiteral("adid")).toString(), QStringLiteral("ad-7"));
        QCOMPARE(first.value(QStringLiteral("w")).toInt(), 300);
        QVERIFY(!bids.at(1).toObject().contains(QStringLiteral("adm")));
        // Prices carry exactly the micros.
        QVERIFY2(json.find("\"price\":1.028428") != std::string::npos, json.c_str());
        QVERIFY2(json.find("\"price\":0.5") != std::string::npos, json.c_str());
    }
    void roundTrip()
    {
        const BidResponse original = sampleResponse();
        const auto parsed = parseResponse(writeResponse(original));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        QCOMPARE(parsed->id, original.id);
        QCOMPARE(parsed->bidCount(), std::size_t(2));
        const Bid& bid = parsed->seatBids[0].bids[0];
        QCOMPARE(bid.price, Micros(1'028'428));
        QCOMPARE(bid.markup, original.seatBids[0].bids[0].markup);
        QCOMPARE(bid.advertiserDomains, original.seatBids[0].bids[0].advertiserDomains);
        QCOMPARE(parsed->seatBids[0].bids[1].price, Micros(500'000));
        QCOMPARE(parsed->seatBids[0].seat, std::string("bidlab"));
    }
    void noBid()
    {
        const std::string json = writeResponse(BidResponse::noBid("req-2", NoBidReason::UnsupportedDevice));
        QCOMPARE(json, std::string(R"({"id":"req-2","nbr":6})"));
        QCOMPARE(detectPayload(json), PayloadKind::BidResponse);
        const auto parsed = parseResponse(json);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->noBidReason, std::optional<int>(6));
        QCOMPARE(parsed->bidCount(), std::size_t(0));
        // No bids and no reason given: nbr 0 (unknown), so the answer is still a valid no-bid.
        BidResponse empty;
        empty.id = "req-3";
        QCOMPARE(writeResponse(empty), std::string(R"({"id":"req-3","nbr":0})"));
    }
    void invalidUtf8IsReplacedNotThrown()
    {
        BidResponse response = sampleResponse();
        response.seatBids[0].bids[0].markup = std::string("bad \xFF byte");
        const std::string json = writeResponse(response);
        QVERIFY(parseResponse(json).ok());
    }
    void rejectsInvalidResponses_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::addRow("negative price") << QByteArray(
            R"({"id":"r","seatbid":[{"bid":[{"id":"1","impid":"1","price":-1}]}]})")
                                        << QStringLiteral("seatbid[0].bid[0].price must not be negative, not -1.");
        QTest::addRow("missing impid") << QByteArray(R"({"id":"r","seatbid":[{"bid":[{"id":"1","price":1}]}]})")
                                       << QStringLiteral("seatbid[0].bid[0].impid is required.");
        QTest::addRow("missing price") << QByteArray(R"({"id":"r","seatbid":[{"bid":[{"id":"1","impid":"1"}]}]})")
                                       << QStringLiteral("seatbid[0].bid[0].price is required.");
        QTest::addRow("empty seat") << QByteArray(R"({"id":"r","seatbid":[{"bid":[]}]})")
                                    << QStringLiteral("seatbid[0].bid must hold at least one bid.");
        QTest::addRow("missing id") << QByteArray(R"({"nbr":2})") << QStringLiteral("id is required.");
    }
    void rejectsInvalidResponses()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const auto parsed = parseResponse(std::string_view(json.constData(), json.size()));
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error(), message);
    }

    void recognisesSharedExamples_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<int>("kind");
        QTest::addRow("bid requests") << QStringLiteral("bid-requests") << int(PayloadKind::BidRequest);
        QTest::addRow("bid responses") << QStringLiteral("bid-responses") << int(PayloadKind::BidResponse);
    }
    void recognisesSharedExamples()
    {
        QFETCH(QString, folder);
        QFETCH(int, kind);
        BIDLAB_SHARED_DATA_OR_SKIP(root, "openrtb");
        const QStringList files = QDir(root + QLatin1Char('/') + folder).entryList({ QStringLiteral("*.json") });
        QVERIFY(files.size() >= 12);
        for (const QString& file : files) {
            const QByteArray json = readAll(root + QLatin1Char('/') + folder + QLatin1Char('/') + file);
            QCOMPARE(int(detectPayload(std::string_view(json.constData(), json.size()))), kind);
        }
    }
    void everySharedResponseParses_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("bids");
        QTest::addColumn<Micros>("firstPrice");
        const auto row = [](const char* file, int bids, Micros price) {
            QTest::addRow("%s", file) << QString::fromLatin1(file) << bids << price;
        };
        row("bsm-2.5-bres-multi.json", 2, 1'028'428);
        row("bsm-2.5-bres-pmp.json", 1, 5'000'000);
        row("bsm-2.5-bres-single.json", 1, 65'445);
        row("bsm-2.5-bres-vast.json", 1, 3'000'000);
        row("iab-spec-2.5-ad-served-on-win-notice.json", 1, 9'430'000);
        row("iab-spec-2.5-direct-deal-ad-served-on-win-notice.json", 1, 5'000'000);
        row("iab-spec-2.5-native-markup-returned-inline.json", 1, 3'000'000);
        row("iab-spec-2.5-vast-xml-document-returned-inline.json", 1, 3'000'000);
        row("iab-spec-2.6-ad-served-on-win-notice.json", 1, 9'430'000);
        row("iab-spec-2.6-direct-deal-ad-served-on-win-notice.json", 1, 5'000'000);
        row("iab-spec-2.6-native-markup-returned-inline.json", 1, 3'000'000);
        row("iab-spec-2.6-vast-xml-document-returned-inline.json", 1, 3'000'000);
    }
    void everySharedResponseParses()
    {
        QFETCH(QString, file);
        BIDLAB_SHARED_DATA_OR_SKIP(folder, "openrtb/bid-responses");
        const QByteArray json = readAll(folder + QLatin1Char('/') + file);
        const auto parsed = parseResponse(std::string_view(json.constData(), json.size()));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        QTEST(int(parsed->bidCount()), "bids");
        QTEST(parsed->seatBids[0].bids[0].price, "firstPrice");
        QVERIFY(!parsed->seatBids[0].bids[0].impId.empty());
    }
    void recognisesNativePayloads()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(folder, "openrtb/native");
        const QStringList files = QDir(folder).entryList({ QStringLiteral("*.json") });
        QCOMPARE(files.size(), 6);
        for (const QString& file : files) {
            const QByteArray json = readAll(folder + QLatin1Char('/') + file);
            const PayloadKind expected
                = file.contains(QLatin1String("request")) ? PayloadKind::NativeRequest : PayloadKind::NativeResponse;
            QCOMPARE(detectPayload(std::string_view(json.constData(), json.size())), expected);
        }
        QCOMPARE(detectPayload(R"({"native":{"ver":"1.0","assets":[{"id":1,"title":{"len":25}}]}})"),
                 PayloadKind::NativeRequest);
        QCOMPARE(detectPayload("{not json"), PayloadKind::NotJson);
        QCOMPARE(detectPayload(R"({"hello":"world"})"), PayloadKind::Unknown);
        QCOMPARE(detectPayload("[1,2]"), PayloadKind::Unknown);
    }
};

BIDLAB_TEST_MAIN_CORE(BidResponseTest)
#include "test_bid_response.moc"
