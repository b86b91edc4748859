// SPDX-License-Identifier: MIT
// bidlab-cli openrtb: validate OpenRTB files, convert bid requests to a table of impressions, and answer
// them with bid responses.
#include "app/cli/cli_command.h"
#include "core/common/money.h"
#include "core/openrtb/bid_response.h"
#include "core/openrtb/payload_kind.h"
#include "core/openrtb/request_file.h"
#include "core/report/report.h"
#include "ui/report/report_export.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace bidlab::cli {

namespace {

using namespace openrtb;

QString usageText()
{
    return QStringLiteral("Usage: bidlab-cli openrtb ACTION [options] FILE...\n\n"
                          "Actions:\n"
                          "  validate FILE...            check bid requests (one per file or per line), bid\n"
                          "                              responses and native payloads; errors name file, line\n"
                          "                              and field path\n"
                          "  convert FILE... --out OUT   the requests' impressions as a table (.csv, .xlsx, .pdf)\n"
                          "  respond FILE --price X      answer each request: bid X (CPM, the request's\n"
                          "                              currency) on every impression whose floor allows it,\n"
                          "                              else a no-bid; one JSON response per line\n\n"
                          "bidlab-cli openrtb ACTION --help for the action's options.\n");
}

// One file's verdict for `validate`.
struct Verdict
{
    QString file;
    PayloadKind kind = PayloadKind::Unknown;
    int requests = 0;
    QStringList errors;
    QStringList warnings;
};

Verdict validateFile(const QString& path)
{
    Verdict verdict;
    verdict.file = path;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        verdict.errors << QStringLiteral("Cannot open %1: %2.").arg(path, file.errorString());
        return verdict;
    }
    const QByteArray text = file.readAll();
    const std::string_view view(text.constData(), static_cast<std::size_t>(text.size()));
    verdict.kind = detectPayload(view);
    const QString name = QFileInfo(path).fileName();
    if (verdict.kind == PayloadKind::BidRequest || verdict.kind == PayloadKind::NotJson) {
        // Not one JSON document: maybe one request per line.
        const RequestFile requests = parseRequests(view, name);
        verdict.requests = static_cast<int>(requests.requests.size());
        verdict.errors = requests.errors;
        verdict.warnings = requests.warnings;
        if (requests.oneRequestPerLine || verdict.kind == PayloadKind::BidRequest)
            verdict.kind = PayloadKind::BidRequest;
        return verdict;
    }
    if (verdict.kind == PayloadKind::BidResponse) {
        const auto response = parseResponse(view);
        if (!response)
            verdict.errors << name + QStringLiteral(": ") + response.error();
    } else if (verdict.kind == PayloadKind::Unknown) {
        verdict.errors << QStringLiteral("%1: not an OpenRTB bid request, bid response or native payload.").arg(name);
    }
    return verdict;
}

int runValidate(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Print JSON.") });
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("OpenRTB JSON files."),
                                 QStringLiteral("FILE..."));
    int exitCode = kOk;
    if (!parseArguments(parser, arguments, QStringLiteral("Check OpenRTB 2.5/2.6 files."), &exitCode))
        return exitCode;
    if (parser.positionalArguments().isEmpty()) {
        printErr(QStringLiteral("bidlab-cli openrtb validate: give at least one FILE."));
        return kUsage;
    }
    QJsonArray files;
    QString text;
    bool allValid = true;
    for (const QString& path : parser.positionalArguments()) {
        const Verdict v = validateFile(path);
        allValid = allValid && v.errors.isEmpty();
        QJsonObject json;
        json.insert(QStringLiteral("file"), v.file);
        json.insert(QStringLiteral("kind"), payloadKindName(v.kind));
        json.insert(QStringLiteral("valid"), v.errors.isEmpty());
        if (v.kind == PayloadKind::BidRequest)
            json.insert(QStringLiteral("requests"), v.requests);
        json.insert(QStringLiteral("errors"), QJsonArray::fromStringList(v.errors));
        json.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(v.warnings));
        files.append(json);
        text += QStringLiteral("%1: %2%3, %4\n")
                    .arg(path, payloadKindName(v.kind))
                    .arg(v.kind == PayloadKind::BidRequest ? QStringLiteral(" (%1 read)").arg(v.requests) : QString())
                    .arg(v.errors.isEmpty() ? QStringLiteral("valid")
                                            : QStringLiteral("%1 error(s)").arg(v.errors.size()));
        for (const QString& error : v.errors)
            text += QStringLiteral("  error: ") + error + QLatin1Char('\n');
        for (const QString& warning : v.warnings)
            text += QStringLiteral("  warning: ") + warning + QLatin1Char('\n');
    }
    if (parser.isSet(QStringLiteral("json")))
        printJson({ { QStringLiteral("files"), files }, { QStringLiteral("valid"), allValid } });
    else
        printOut(text);
    return allValid ? kOk : kBadInput;
}

QString placementKind(Placement::Kind kind)
{
    switch (kind) {
    case Placement::Kind::Site:
        return QStringLiteral("site");
    case Placement::Kind::App:
        return QStringLiteral("app");
    case Placement::Kind::Dooh:
        return QStringLiteral("dooh");
    case Placement::Kind::None:
        break;
    }
    return {};
}

QString sizes(const Imp& imp)
{
    QStringList out;
    if (imp.banner) {
        for (const Format& f : imp.banner->formats)
            out << QStringLiteral("%1x%2").arg(f.w).arg(f.h);
    }
    if (imp.video && imp.video->w > 0)
        out << QStringLiteral("%1x%2").arg(imp.video->w).arg(imp.video->h);
    return out.join(QLatin1Char(' '));
}

report::Table impressionTable()
{
    using report::ColumnKind;
    report::Table table;
    table.title = QStringLiteral("Impressions");
    table.columns = { { QStringLiteral("File"), ColumnKind::Text },
                      { QStringLiteral("Line"), ColumnKind::Integer },
                      { QStringLiteral("Request"), ColumnKind::Text },
                      { QStringLiteral("Imp"), ColumnKind::Text },
                      { QStringLiteral("Formats"), ColumnKind::Text },
                      { QStringLiteral("Sizes"), ColumnKind::Text },
                      { QStringLiteral("Floor"), ColumnKind::Money, 6 },
                      { QStringLiteral("Currency"), ColumnKind::Text },
                      { QStringLiteral("Deals"), ColumnKind::Integer },
                      { QStringLiteral("Placement"), ColumnKind::Text },
                      { QStringLiteral("Domain or bundle"), ColumnKind::Text },
                      { QStringLiteral("Device type"), ColumnKind::Integer },
                      { QStringLiteral("OS"), ColumnKind::Text },
                      { QStringLiteral("Country"), ColumnKind::Text },
                      { QStringLiteral("tmax (ms)"), ColumnKind::Integer },
                      { QStringLiteral("Auction type"), ColumnKind::Integer } };
    return table;
}

void addRows(report::Table& table, const QString& file, const RequestFile& requests)
{
    for (std::size_t r = 0; r < requests.requests.size(); ++r) {
        const BidRequest& request = requests.requests[r];
        const Placement& where = request.placement;
        const QString domain = QString::fromStdString(where.domain.empty() ? where.bundle : where.domain);
        const QVariant deviceType = request.device ? QVariant(static_cast<int>(request.device->type)) : QVariant();
        const QString os = request.device ? QString::fromStdString(request.device->os) : QString();
        const QString country
            = request.device && request.device->geo ? QString::fromStdString(request.device->geo->country) : QString();
        for (const Imp& imp : request.imps) {
            table.rows.push_back({ file, qint64(requests.lines[r]), QString::fromStdString(request.id),
                                   QString::fromStdString(imp.id), QString::fromStdString(imp.formatNames()),
                                   sizes(imp), qint64(imp.floor), QString::fromStdString(imp.floorCurrency),
                                   qint64(imp.deals.size()), placementKind(where.kind), domain, deviceType, os, country,
                                   request.tmaxMs > 0 ? QVariant(request.tmaxMs) : QVariant(), request.auctionType });
        }
    }
}

int runConvert(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOption(
        { QStringLiteral("out"), QStringLiteral("The table to write (.csv, .xlsx or .pdf)."), QStringLiteral("FILE") });
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Bid request files."),
                                 QStringLiteral("FILE..."));
    int exitCode = kOk;
    if (!parseArguments(parser, arguments, QStringLiteral("Write the impressions of OpenRTB bid requests as a table."),
                        &exitCode))
        return exitCode;
    if (parser.positionalArguments().isEmpty() || !parser.isSet(QStringLiteral("out"))) {
        printErr(QStringLiteral("bidlab-cli openrtb convert: give FILE... and --out FILE."));
        return kUsage;
    }
    report::Report out;
    out.title = QStringLiteral("OpenRTB bid requests");
    out.created = QDateTime::currentDateTimeUtc();
    out.tables = { impressionTable() };
    int requestCount = 0;
    bool failed = false;
    for (const QString& path : parser.positionalArguments()) {
        const auto requests = readRequestFile(path);
        if (!requests) {
            printErr(requests.error());
            failed = true;
            continue;
        }
        for (const QString& error : requests->errors)
            printErr(error);
        failed = failed || !requests->errors.isEmpty();
        out.notes << requests->errors << requests->warnings;
        requestCount += static_cast<int>(requests->requests.size());
        addRows(out.tables[0], QFileInfo(path).fileName(), *requests);
    }
    out.kpis = {
        { QStringLiteral("Requests"), requestCount, { {}, report::ColumnKind::Integer, 0 }, {} },
        { QStringLiteral("Impressions"), qint64(out.tables[0].rows.size()), { {}, report::ColumnKind::Integer, 0 }, {} }
    };
    const Status written = ui::exportReport(out, parser.value(QStringLiteral("out")));
    if (!written) {
        printErr(written.error());
        return kFailure;
    }
    printOut(QStringLiteral("%1 request(s), %2 impression(s) written to %3.")
                 .arg(requestCount)
                 .arg(out.tables[0].rows.size())
                 .arg(parser.value(QStringLiteral("out"))));
    return failed ? kBadInput : kOk;
}

BidResponse answer(const BidRequest& request, Micros price, const std::string& seat)
{
    BidResponse response;
    response.id = request.id;
    SeatBid seatBid;
    seatBid.seat = seat;
    for (const Imp& imp : request.imps) {
        if (imp.floor > price)
            continue;
        Bid bid;
        bid.id = request.id + '-' + imp.id;
        bid.impId = imp.id;
        bid.price = price;
        bid.adId = "bidlab-ad";
        bid.creativeId = "bidlab-creative";
        if (imp.banner && !imp.banner->formats.empty()) {
            bid.w = imp.banner->formats.front().w;
            bid.h = imp.banner->formats.front().h;
        }
        seatBid.bids.push_back(std::move(bid));
    }
    if (seatBid.bids.empty())
        return BidResponse::noBid(request.id, NoBidReason::Unknown);
    response.seatBids.push_back(std::move(seatBid));
    response.currency = request.imps.front().floorCurrency;
    return response;
}

int runRespond(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOption(
        { QStringLiteral("price"), QStringLiteral("The bid, CPM in the request's currency."), QStringLiteral("X") });
    parser.addOption(
        { QStringLiteral("seat"), QStringLiteral("The seat id."), QStringLiteral("ID"), QStringLiteral("bidlab") });
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A bid request file."));
    int exitCode = kOk;
    if (!parseArguments(parser, arguments, QStringLiteral("Answer OpenRTB bid requests with bid responses."),
                        &exitCode))
        return exitCode;
    double price = 0;
    if (parser.positionalArguments().size() != 1 || !parser.isSet(QStringLiteral("price"))) {
        printErr(QStringLiteral("bidlab-cli openrtb respond: give one FILE and --price X."));
        return kUsage;
    }
    if (!doubleOption(parser, QStringLiteral("price"), 0, 1e6, &price))
        return kUsage;
    const auto requests = readRequestFile(parser.positionalArguments().first());
    if (!requests) {
        printErr(requests.error());
        return kBadInput;
    }
    for (const QString& error : requests->errors)
        printErr(error);
    QString out;
    const std::string seat = parser.value(QStringLiteral("seat")).toStdString();
    for (const BidRequest& request : requests->requests)
        out += QString::fromStdString(writeResponse(answer(request, fromUnits(price), seat))) + QLatin1Char('\n');
    printOut(out);
    return requests->errors.isEmpty() ? kOk : kBadInput;
}

int runOpenRtb(const QStringList& arguments)
{
    const QString action = arguments.value(1);
    QStringList rest = arguments.mid(2);
    rest.prepend(QStringLiteral("bidlab-cli openrtb ") + action);
    if (action == QLatin1String("validate"))
        return runValidate(rest);
    if (action == QLatin1String("convert"))
        return runConvert(rest);
    if (action == QLatin1String("respond"))
        return runRespond(rest);
    if (action.isEmpty() || action == QLatin1String("--help") || action == QLatin1String("-h")) {
        printOut(usageText());
        return action.isEmpty() ? kUsage : kOk;
    }
    printErr(QStringLiteral("bidlab-cli openrtb: unknown action '%1'.\n").arg(action) + usageText());
    return kUsage;
}

const Registrar registrar { { QStringLiteral("openrtb"),
                              QStringLiteral("Validate, convert and answer OpenRTB 2.5/2.6 bid requests."), runOpenRtb,
                              /*needsGui=*/true } }; // convert can write PDF

} // namespace

} // namespace bidlab::cli
