// SPDX-License-Identifier: MIT
// OpenRTB bid requests: every shared example parses with its key fields, and invalid requests are rejected
// with the field path.
#include "core/openrtb/request_parser.h"
#include "tests/common/test_support.h"

#include <QDir>
#include <QFile>

using namespace bidlab;
using namespace bidlab::openrtb;

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

Expected<BidRequest> parseText(const char* json)
{
    RequestParser parser;
    return parser.parse(json);
}

// A valid minimal request with one edit applied to its text.
const char* kMinimal = R"({"id":"r1","imp":[{"id":"1","banner":{"w":300,"h":250},"bidfloor":0.5}]})";

} // namespace

class RequestParserTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sharedExamples_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("imps");
        QTest::addColumn<QString>("formats");
        QTest::addColumn<Micros>("floorMicros");
        QTest::addColumn<int>("placement");
        QTest::addColumn<int>("tmax");
        QTest::addColumn<int>("auctionType");
        QTest::addColumn<QString>("firstSize");
        const int site = static_cast<int>(Placement::Kind::Site);
        const int app = static_cast<int>(Placement::Kind::App);
        const int dooh = static_cast<int>(Placement::Kind::Dooh);
        const QString longId = QStringLiteral("80ce30c53c16e6ede735f123ef6e32361bfc7b22");
        const QString prebidId = QStringLiteral("some-request-id");
        const auto row = [](const char* file, const QString& id, int imps, const char* formats, Micros floor,
                            int placement, int tmax, int at, const char* size) {
            QTest::addRow("%s", file) << QString::fromLatin1(file) << id << imps << QString::fromLatin1(formats)
                                      << floor << placement << tmax << at << QString::fromLatin1(size);
        };
        row("bsm-2.5-breq-banner.json", QStringLiteral("1234534625254"), 1, "banner", 0, site, 120, 2, "300x250");
        row("bsm-2.5-breq-exp.json", QStringLiteral("1234567893"), 1, "banner", 0, site, 120, 2, "300x250");
        row("bsm-2.5-breq-native.json", longId, 1, "native", 30'000, site, 0, 1, "");
        row("bsm-2.5-breq-video.json", QStringLiteral("0123456789ABCDEF0123456789ABCDEF"), 3, "video", 0, site, 120, 2,
            "");
        row("iab-spec-2.5-expandable-creative.json", QStringLiteral("123456789316e6ede735f123ef6e32361bfc7b22"), 1,
            "banner", 30'000, site, 0, 2, "300x250");
        row("iab-spec-2.5-mobile.json", QStringLiteral("IxexyLDIIk"), 2, "banner", 500'000, app, 0, 2, "728x90");
        row("iab-spec-2.5-native-ad.json", longId, 1, "native", 30'000, site, 0, 1, "");
        row("iab-spec-2.5-pmp-with-direct-deal.json", longId, 1, "banner", 30'000, site, 0, 1, "300x250");
        row("iab-spec-2.5-simple-banner.json", longId, 1, "banner", 30'000, site, 0, 1, "300x250");
        row("iab-spec-2.5-video.json", QStringLiteral("1234567893"), 1, "video", 30'000, site, 120, 2, "");
        row("iab-spec-2.6-expandable-creative.json", QStringLiteral("123456789316e6ede735f123ef6e32361bfc7b22"), 1,
            "banner", 30'000, site, 0, 2, "300x250");
        row("iab-spec-2.6-mobile.json", QStringLiteral("IxexyLDIIk"), 1, "banner", 500'000, app, 0, 2, "728x90");
        row("iab-spec-2.6-pmp-with-direct-deal.json", longId, 1, "banner", 30'000, site, 0, 1, "300x250");
        row("iab-spec-2.6-simple-banner.json", longId, 1, "banner", 30'000, site, 0, 1, "300x250");
        row("iab-spec-2.6-video.json", QStringLiteral("1234567893"), 1, "video", 30'000, site, 120, 2, "");
        row("prebid-server-all-ext.json", prebidId, 1, "banner", 0, site, 500, 2, "300x250");
        row("prebid-server-device-sua.json", prebidId, 1, "banner", 0, site, 1000, 2, "300x250");
        row("prebid-server-dooh.json", prebidId, 1, "banner", 0, dooh, 500, 2, "1920x1080");
        row("prebid-server-ortb-2.6-to-2.5-downconvert.json", prebidId, 1, "banner", 0, site, 0, 2, "300x600");
        row("prebid-server-preferred-media-type.json", prebidId, 1, "banner+video", 0, site, 500, 2, "300x250");
        row("prebid-server-simple.json", prebidId, 1, "banner", 0, site, 500, 2, "300x250");
        row("prebid-server-source-schain.json", prebidId, 1, "banner", 0, site, 1000, 2, "300x250");
    }
    void sharedExamples()
    {
        QFETCH(QString, file);
        BIDLAB_SHARED_DATA_OR_SKIP(folder, "openrtb/bid-requests");
        const QByteArray json = readAll(folder + QLatin1Char('/') + file);
        QVERIFY2(!json.isEmpty(), qPrintable(file));
        RequestParser parser;
        const Expected<BidRequest> request = parser.parse(std::string_view(json.constData(), json.size()));
        QVERIFY2(request.ok(), qPrintable(request.error()));
        QTEST(QString::fromStdString(request->id), "id");
        QTEST(int(request->imps.size()), "imps");
        const Imp& imp = request->imps.front();
        QTEST(QString::fromStdString(imp.formatNames()), "formats");
        QTEST(imp.floor, "floorMicros");
        QCOMPARE(imp.floorCurrency, std::string("USD"));
        QTEST(static_cast<int>(request->placement.kind), "placement");
        QTEST(request->tmaxMs, "tmax");
        QTEST(request->auctionType, "auctionType");
        QFETCH(QString, firstSize);
        if (!firstSize.isEmpty()) {
            QVERIFY(imp.banner.has_value());
            QVERIFY(!imp.banner->formats.empty());
            const Format f = imp.banner->formats.front();
            QCOMPARE(QStringLiteral("%1x%2").arg(f.w).arg(f.h), firstSize);
        }
    }

    void mobileRequestDetails()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(path, "openrtb/bid-requests/iab-spec-2.5-mobile.json");
        const QByteArray json = readAll(path);
        RequestParser parser;
        const auto request = parser.parse(std::string_view(json.constData(), json.size()));
        QVERIFY2(request.ok(), qPrintable(request.error()));
        QCOMPARE(request->placement.bundle, std::string("12345"));
        QVERIFY(request->device.has_value());
        const Device& device = *request->device;
        QCOMPARE(device.type, DeviceType::MobileTablet);
        QCOMPARE(device.os, std::string("iOS"));
        QCOMPARE(device.osVersion, std::string("6.1"));
        QCOMPARE(device.make, std::string("Apple"));
        QCOMPARE(device.connectionType, 3);
        QVERIFY(device.userAgent.find("iPhone") != std::string::npos);
        QVERIFY(device.geo.has_value());
        QCOMPARE(device.geo->country, std::string("USA"));
        QCOMPARE(*device.geo->latitude, 35.012345);
        QCOMPARE(*device.geo->longitude, -115.12345);
        QCOMPARE(request->imps[1].id, std::string("2"));
        QVERIFY(request->warnings.empty());
    }
    void videoAndDeals()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(video, "openrtb/bid-requests/iab-spec-2.6-video.json");
        const QByteArray json = readAll(video);
        RequestParser parser;
        auto request = parser.parse(std::string_view(json.constData(), json.size()));
        QVERIFY2(request.ok(), qPrintable(request.error()));
        const Video& v = *request->imps[0].video;
        QCOMPARE(v.w, 640);
        QCOMPARE(v.h, 480);
        QCOMPARE(v.minDuration, 5);
        QCOMPARE(v.maxDuration, 30);
        QCOMPARE(v.protocols, (std::vector<int> { 2, 3 }));
        QCOMPARE(v.mimes.size(), std::size_t(3));
        QCOMPARE(v.linearity, 1);
        QCOMPARE(request->user->segmentCount, 2);

        BIDLAB_SHARED_DATA_OR_SKIP(pmp, "openrtb/bid-requests/iab-spec-2.5-pmp-with-direct-deal.json");
        const QByteArray pmpJson = readAll(pmp);
        request = parser.parse(std::string_view(pmpJson.constData(), pmpJson.size()));
        QVERIFY2(request.ok(), qPrintable(request.error()));
        const Imp& imp = request->imps[0];
        QVERIFY(imp.privateAuction);
        QCOMPARE(imp.deals.size(), std::size_t(2));
        QCOMPARE(imp.deals[0].id, std::string("AB-Agency1-0001"));
        QCOMPARE(imp.deals[0].floor, Micros(2'500'000));
        QCOMPARE(imp.deals[1].floor, Micros(2'000'000));
    }
    void consentSupplyChainAndWarnings()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(folder, "openrtb/bid-requests");
        RequestParser parser;
        const auto parseFile = [&](const char* name) {
            const QByteArray json = readAll(folder + QLatin1Char('/') + QLatin1String(name));
            return parser.parse(std::string_view(json.constData(), json.size()));
        };
        const auto allExt = parseFile("prebid-server-all-ext.json");
        QVERIFY2(allExt.ok(), qPrintable(allExt.error()));
        QCOMPARE(allExt->regs.gdpr, std::optional<bool>(true));
        QCOMPARE(allExt->regs.usPrivacy, std::string("1NYN"));
        QCOMPARE(allExt->user->consent, std::string("gdpr-consent-string"));

        const auto schain = parseFile("prebid-server-source-schain.json");
        QVERIFY2(schain.ok(), qPrintable(schain.error()));
        QCOMPARE(schain->supplyChainNodes, 1);
        QCOMPARE(schain->transactionId, std::string("abc123"));

        // Prebid's synthetic geo: latitude 123.456 and longitude 678.9 are out of range: kept out, with warnings.
        const auto sua = parseFile("prebid-server-device-sua.json");
        QVERIFY2(sua.ok(), qPrintable(sua.error()));
        QVERIFY(sua->device->geo.has_value());
        QVERIFY(!sua->device->geo->latitude.has_value());
        QVERIFY(!sua->device->geo->longitude.has_value());
        QCOMPARE(sua->device->geo->zip, std::string("90210"));
        QCOMPARE(sua->warnings.size(), std::size_t(2));
        QVERIFY(sua->warnings[0].rfind("device.geo.lat is out of range", 0) == 0);
        QVERIFY(sua->device->doNotTrack);
        QVERIFY(sua->device->limitAdTracking);
    }

    void rejectsWithFieldPath_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::addRow("missing id") << QByteArray(R"({"imp":[{"id":"1","banner":{}}]})")
                                    << QString::fromUtf8("id is required.");
        QTest::addRow("empty id") << QByteArray(R"({"id":"","imp":[{"id":"1","banner":{}}]})")
                                  << QString::fromUtf8("id is required.");
        QTest::addRow("id not a string") << QByteArray(R"({"id":17,"imp":[{"id":"1","banner":{}}]})")
                                         << QString::fromUtf8("id must be a string, not a number.");
        QTest::addRow("missing imp") << QByteArray(R"({"id":"r"})") << QString::fromUtf8("imp is required.");
        QTest::addRow("empty imp") << QByteArray(R"({"id":"r","imp":[]})")
                                   << QString::fromUtf8("imp must hold at least one impression.");
        QTest::addRow("imp not an array") << QByteArray(R"({"id":"r","imp":{"id":"1"}})")
                                          << QString::fromUtf8("imp must be an array, not an object.");
        QTest::addRow("imp without id") << QByteArray(R"({"id":"r","imp":[{"id":"1","banner":{}},{"banner":{}}]})")
                                        << QString::fromUtf8("imp[1].id is required.");
        QTest::addRow("repeated imp id")
            << QByteArray(R"({"id":"r","imp":[{"id":"1","banner":{}},{"id":"1","video":{}}]})")
            << QString::fromUtf8("imp[1].id repeats the id \"1\" of an earlier impression.");
        QTest::addRow("imp without format")
            << QByteArray(R"({"id":"r","imp":[{"id":"1"}]})")
            << QString::fromUtf8("imp[0] must offer at least one of banner, video, audio or native.");
        QTest::addRow("negative floor") << QByteArray(R"({"id":"r","imp":[{"id":"1","banner":{},"bidfloor":-0.5}]})")
                                        << QString::fromUtf8("imp[0].bidfloor must not be negative, not -0.5.");
        QTest::addRow("floor as string") << QByteArray(R"({"id":"r","imp":[{"id":"1","banner":{},"bidfloor":"0.5"}]})")
                                         << QString::fromUtf8("imp[0].bidfloor must be a number, not a string.");
        QTest::addRow("absurd floor") << QByteArray(R"({"id":"r","imp":[{"id":"1","banner":{},"bidfloor":1e300}]})")
                                      << QString::fromUtf8(
                                             "imp[0].bidfloor is absurdly large: 1e+300 per thousand impressions.");
        QTest::addRow("bad currency") << QByteArray(
            R"({"id":"r","imp":[{"id":"1","banner":{},"bidfloorcur":"dollars"}]})")
                                      << QString::fromUtf8("imp[0].bidfloorcur must be a three-letter ISO-4217 "
                                                           "currency code such as \"USD\", not \"dollars\".");
        QTest::addRow("format width as string")
            << QByteArray(R"({"id":"r","imp":[{"id":"1","banner":{"format":[{"w":300,"h":250},{"w":"728"}]}}]})")
            << QString::fromUtf8("imp[0].banner.format[1].w must be a whole number, not a string.");
        QTest::addRow("negative height") << QByteArray(R"({"id":"r","imp":[{"id":"1","banner":{"w":300,"h":-1}}]})")
                                         << QString::fromUtf8("imp[0].banner.h must be from 0 to 100000, not -1.");
        QTest::addRow("fractional duration")
            << QByteArray(R"({"id":"r","imp":[{"id":"1","video":{"minduration":1.5}}]})")
            << QString::fromUtf8("imp[0].video.minduration must be a whole number, not 1.5.");
        QTest::addRow("negative tmax") << QByteArray(R"({"id":"r","tmax":-5,"imp":[{"id":"1","banner":{}}]})")
                                       << QString::fromUtf8("tmax must be from 0 to 3600000, not -5.");
        QTest::addRow("auction type")
            << QByteArray(R"({"id":"r","at":3,"imp":[{"id":"1","banner":{}}]})")
            << QString::fromUtf8("at must be 1 (first price), 2 (second price) or an exchange-specific value "
                                 "above 500, not 3.");
        QTest::addRow("site and app") << QByteArray(R"({"id":"r","site":{},"app":{},"imp":[{"id":"1","banner":{}}]})")
                                      << QString::fromUtf8(
                                             "app may not appear together with another of site, app and dooh.");
        QTest::addRow("device not an object")
            << QByteArray(R"({"id":"r","device":"phone","imp":[{"id":"1","banner":{}}]})")
            << QString::fromUtf8("device must be an object, not a string.");
        QTest::addRow("flag out of range") << QByteArray(R"({"id":"r","test":2,"imp":[{"id":"1","banner":{}}]})")
                                           << QString::fromUtf8("test must be from 0 to 1, not 2.");
        QTest::addRow("deal without id") << QByteArray(
            R"({"id":"r","imp":[{"id":"1","banner":{},"pmp":{"deals":[{"bidfloor":1}]}}]})")
                                         << QString::fromUtf8("imp[0].pmp.deals[0].id is required.");
        QTest::addRow("gdpr as text") << QByteArray(
            R"({"id":"r","regs":{"ext":{"gdpr":"yes"}},"imp":[{"id":"1","banner":{}}]})")
                                      << QString::fromUtf8("regs.ext.gdpr must be a whole number, not a string.");
        QTest::addRow("not an object") << QByteArray(R"([{"id":"r"}])")
                                       << QString::fromUtf8("The bid request must be a JSON object, not an array.");
    }
    void rejectsWithFieldPath()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        RequestParser parser;
        const auto request = parser.parse(std::string_view(json.constData(), json.size()));
        QVERIFY(!request.ok());
        QCOMPARE(request.error(), message);
    }

    void rejectsMalformedJsonWithItsPlace_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("place");
        QTest::addRow("truncated") << QByteArray("{\"id\":\"r\",\n\"imp\":[{\"id\":\"1\"") << QStringLiteral("line 2");
        QTest::addRow("trailing comma") << QByteArray("{\n  \"id\": \"r\",\n}") << QStringLiteral("line 3, column 1");
        QTest::addRow("bare word") << QByteArray("{\"id\": nope}") << QStringLiteral("line 1, column 9");
        QTest::addRow("empty") << QByteArray("") << QStringLiteral("line 1, column 1");
    }
    void rejectsMalformedJsonWithItsPlace()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, place);
        RequestParser parser;
        const auto request = parser.parse(std::string_view(json.constData(), json.size()));
        QVERIFY(!request.ok());
        QVERIFY2(request.error().startsWith(QStringLiteral("The bid request is not valid JSON: parse error at ")),
                 qPrintable(request.error()));
        QVERIFY2(request.error().contains(place), qPrintable(request.error()));
    }

    void defaultsUnknownFieldsAndNulls()
    {
        const auto request = parseText(
            R"({"id":"r","imp":[{"id":"1","banner":{"w":300,"h":250},"bidfloor":null,"somethingNew":{"x":[1,2]}}],
                "device":{"geo":null,"devicetype":42},"user":null,"future":true})");
        QVERIFY2(request.ok(), qPrintable(request.error()));
        QCOMPARE(request->auctionType, 2);
        QCOMPARE(request->imps[0].floor, Micros(0));
        QCOMPARE(request->imps[0].floorCurrency, std::string("USD"));
        QCOMPARE(request->imps[0].banner->formats, (std::vector<Format> { { 300, 250 } }));
        QVERIFY(!request->user.has_value());
        QVERIFY(!request->device->geo.has_value());
        QCOMPARE(request->device->type, DeviceType::Unknown);
        QCOMPARE(request->warnings.size(), std::size_t(1));
        QCOMPARE(request->warnings[0],
                 std::string("device.devicetype is not an AdCOM device type (42), taken as unknown"));
    }
    void version26FieldsWinOverExt()
    {
        const auto request = parseText(R"({"id":"r","imp":[{"id":"1","audio":{"mimes":["audio/mp4"]}}],
            "regs":{"gdpr":0,"us_privacy":"1YNN","ext":{"gdpr":1,"us_privacy":"1NNN"}},
            "user":{"consent":"new","ext":{"consent":"old"}}, "cur":["EUR","USD"]})");
        QVERIFY2(request.ok(), qPrintable(request.error()));
        QCOMPARE(request->regs.gdpr, std::optional<bool>(false));
        QCOMPARE(request->regs.usPrivacy, std::string("1YNN"));
        QCOMPARE(request->user->consent, std::string("new"));
        QCOMPARE(request->currencies, (std::vector<std::string> { "EUR", "USD" }));
        QCOMPARE(request->imps[0].formatNames(), std::string("audio"));
    }
    void floorIsExactMicros()
    {
        const auto request = parseText(kMinimal);
        QVERIFY(request.ok());
        QCOMPARE(request->imps[0].floor, Micros(500'000));
        const auto fine = parseText(R"({"id":"r","imp":[{"id":"1","banner":{},"bidfloor":1.234567}]})");
        QCOMPARE(fine->imps[0].floor, Micros(1'234'567));
    }
    void parserIsReusable()
    {
        RequestParser parser;
        QVERIFY(!parser.parse(R"({"id":"r"})").ok());
        const auto good = parser.parse(kMinimal);
        QVERIFY(good.ok());
        QCOMPARE(good->id, std::string("r1"));
    }
};

BIDLAB_TEST_MAIN_CORE(RequestParserTest)
#include "test_request_parser.moc"
