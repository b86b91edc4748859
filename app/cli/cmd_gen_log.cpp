// SPDX-License-Identifier: MIT
// bidlab-cli gen-log: a synthetic ad log in the seed's schema, written at disk speed, for benchmarks.
#include "app/cli/aggregate_run.h"
#include "app/cli/cli_command.h"
#include "core/aggregate/log_generator.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>

namespace bidlab::cli {

namespace {

int runGenLog(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOptions({
        { QStringLiteral("rows"), QStringLiteral("Rows (default 1000000)."), QStringLiteral("N") },
        { QStringLiteral("campaigns"), QStringLiteral("Campaigns (default 1000)."), QStringLiteral("C") },
        { QStringLiteral("days"), QStringLiteral("Days from 2024-01-01 (default 31)."), QStringLiteral("D") },
        { QStringLiteral("devices"), QStringLiteral("Devices, 1 to 5 (default 3)."), QStringLiteral("N") },
        { QStringLiteral("seed"), QStringLiteral("Seed (default 1)."), QStringLiteral("S") },
        { QStringLiteral("out"), QStringLiteral("The file to write; .gz compresses."), QStringLiteral("FILE") },
    });
    int exitCode = kOk;
    if (!parseArguments(parser, arguments,
                        QStringLiteral("Write a synthetic ad log: date,campaign_id,device,impressions,clicks,"
                                       "conversions,cost,revenue."),
                        &exitCode))
        return exitCode;
    aggregate::LogSpec spec;
    qint64 rows = spec.rows, campaigns = spec.campaigns, days = spec.days, devices = spec.devices, seed = 1;
    if (!intOption(parser, QStringLiteral("rows"), 0, 10'000'000'000, &rows)
        || !intOption(parser, QStringLiteral("campaigns"), 1, 10'000'000, &campaigns)
        || !intOption(parser, QStringLiteral("days"), 1, 3660, &days)
        || !intOption(parser, QStringLiteral("devices"), 1, 5, &devices)
        || !intOption(parser, QStringLiteral("seed"), 0, std::numeric_limits<qint64>::max(), &seed))
        return kUsage;
    const QString out = parser.value(QStringLiteral("out"));
    if (out.isEmpty()) {
        printErr(QStringLiteral("Give the output file with --out."));
        return kUsage;
    }
    spec.rows = rows;
    spec.campaigns = int(campaigns);
    spec.days = int(days);
    spec.devices = int(devices);
    spec.seed = std::uint64_t(seed);
    installInterruptHandlers();
    QElapsedTimer clock;
    clock.start();
    const Status status = aggregate::generateLog(spec, out, {}, [] { return interrupted(); });
    if (interrupted())
        return kInterrupted;
    if (!status) {
        printErr(status.error());
        return kFailure;
    }
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    const qint64 bytes = QFileInfo(out).size();
    printOut(QStringLiteral("Wrote %1: %2 rows, %3 bytes in %4 s (%5 MB/s).")
                 .arg(out)
                 .arg(rows)
                 .arg(bytes)
                 .arg(seconds, 0, 'f', 2)
                 .arg(seconds > 0 ? double(bytes) / 1e6 / seconds : 0.0, 0, 'f', 0));
    return kOk;
}

const Registrar registrar { { QStringLiteral("gen-log"), QStringLiteral("Write a synthetic ad log for benchmarks."),
                              runGenLog } };

} // namespace

} // namespace bidlab::cli
