// SPDX-License-Identifier: MIT
// bidlab-cli bench aggregate: the parallel scan on a big log, per thread count, with peak anonymous memory,
// the byte-for-byte equality of the answers, and the seed's pandas design on the same file in the same run.
#include "app/cli/cli_command.h"
#include "app/cli/peer_script.h"
#include "core/aggregate/aggregate_file.h"
#include "core/aggregate/aggregate_options.h"
#include "core/aggregate/aggregate_report.h"
#include "core/aggregate/file_layout.h"
#include "core/jobs/job_pool.h"
#include "core/report/report_writers.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <sys/resource.h>
#include <thread>

#include <QCommandLineParser>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>

namespace bidlab::cli {

namespace {

// kB of a field of /proc/self/status ("RssAnon", "RssFile", "VmHWM").
qint64 statusKb(const char* field)
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray wanted = QByteArray(field) + ':';
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (line.startsWith(wanted))
            return line.mid(wanted.size()).trimmed().split(' ').front().toLongLong();
    }
    return -1;
}

// Samples RssAnon every 2 ms while alive; peak() is the highest seen.
class AnonSampler
{
public:
    AnonSampler()
        : m_thread([this] {
            while (!m_stop.load()) {
                m_peak = std::max(m_peak.load(), statusKb("RssAnon"));
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
        })
    { }
    ~AnonSampler() { stop(); }
    qint64 stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
        return m_peak.load();
    }

private:
    std::atomic<bool> m_stop { false };
    std::atomic<qint64> m_peak { 0 };
    std::thread m_thread;
};

double cpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct Run
{
    double seconds = 0;
    double cpu = 0;
    qint64 peakAnonKb = 0;
};

int runBench(const QStringList& arguments)
{
    QCommandLineParser parser;
    aggregate::addAggregateOptions(parser);
    parser.addOptions({
        { QStringLiteral("thread-counts"), QStringLiteral("Thread counts to measure (default 1,2,4)."),
          QStringLiteral("LIST") },
        { QStringLiteral("repeat"),
          QStringLiteral("Runs per thread count (default 3); the best and the median are shown."),
          QStringLiteral("N") },
        { QStringLiteral("peer"), QStringLiteral("The seed's seed_aggregate.py, run on the same file for comparison."),
          QStringLiteral("SCRIPT") },
        { QStringLiteral("peer-modes"), QStringLiteral("Its modes to run (default single)."), QStringLiteral("LIST") },
        { QStringLiteral("json"), QStringLiteral("Print JSON.") },
    });
    int exitCode = kOk;
    if (!parseArguments(parser, arguments,
                        QStringLiteral("Measure the parallel aggregation: MB/s of CSV per thread count (through the "
                                       "general path: header mapping, any dimensions), peak anonymous memory, and "
                                       "the same answer byte for byte. Default file: /tmp/peer_events_10m.csv, "
                                       "written by the seed's `seed_aggregate.py gen`."),
                        &exitCode))
        return exitCode;
    QString file = parser.positionalArguments().value(0, QStringLiteral("/tmp/peer_events_10m.csv"));
    if (!QFileInfo::exists(file)) {
        printErr(
            QStringLiteral("'%1' does not exist: write it with `python3 seed_aggregate.py gen` (the peer's 10M rows) "
                           "or `bidlab-cli gen-log --rows 10000000 --out FILE`.")
                .arg(file));
        return kBadInput;
    }
    Expected<aggregate::AggregateParams> params = aggregate::aggregateParamsFrom(parser, file);
    if (!params) {
        printErr(params.error());
        return kUsage;
    }
    QList<int> threadCounts;
    for (const QString& t : aggregate::splitList(parser.value(QStringLiteral("thread-counts")).isEmpty()
                                                     ? QStringLiteral("1,2,4")
                                                     : parser.value(QStringLiteral("thread-counts"))))
        threadCounts << std::clamp(t.toInt(), 1, 256);
    qint64 repeat = 3;
    if (!intOption(parser, QStringLiteral("repeat"), 1, 100, &repeat))
        return kUsage;

    QJsonObject out;
    out.insert(QStringLiteral("file"), file);
    out.insert(QStringLiteral("bytes"), double(QFileInfo(file).size()));
    out.insert(QStringLiteral("groupBy"), params->dimensions.join(QLatin1Char(',')));
    out.insert(QStringLiteral("cores"), QThread::idealThreadCount());
    out.insert(QStringLiteral("cpu"), QSysInfo::currentCpuArchitecture());
    out.insert(QStringLiteral("loadBefore"), loadAverage());
    out.insert(QStringLiteral("anonBeforeKb"), double(statusKb("RssAnon")));
    QJsonArray runs;
    QByteArray firstDigest;
    bool allEqual = true;
    QTemporaryDir scratch;
    qint64 rows = 0;
    for (int threads : std::as_const(threadCounts)) {
        jobs::setJobThreadCount(threads);
        params->threads = threads;
        std::vector<Run> measured;
        QByteArray digest;
        for (int r = 0; r < repeat; ++r) {
            AnonSampler sampler;
            const double cpu0 = cpuSeconds();
            Expected<aggregate::AggregateResult> result = aggregate::aggregateFile(*params);
            const double cpu = cpuSeconds() - cpu0;
            const qint64 peak = sampler.stop();
            if (!result) {
                printErr(result.error());
                return kFailure;
            }
            measured.push_back({ result->seconds, cpu, peak });
            rows = result->records;
            if (r == 0) {
                const QString csv = scratch.filePath(QStringLiteral("t%1.csv").arg(threads));
                report::writeCsv(aggregate::buildAggregateReport(*result), csv);
                QFile f(csv);
                f.open(QIODevice::ReadOnly);
                digest = QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex().left(16);
            }
        }
        if (firstDigest.isEmpty())
            firstDigest = digest;
        allEqual = allEqual && digest == firstDigest;
        std::sort(measured.begin(), measured.end(), [](const Run& a, const Run& b) { return a.seconds < b.seconds; });
        const Run& best = measured.front();
        const Run& median = measured[measured.size() / 2];
        qint64 peak = 0;
        for (const Run& m : measured)
            peak = std::max(peak, m.peakAnonKb);
        const double mb = double(QFileInfo(file).size()) / 1e6;
        runs.append(QJsonObject { { QStringLiteral("threads"), threads },
                                  { QStringLiteral("bestSeconds"), best.seconds },
                                  { QStringLiteral("medianSeconds"), median.seconds },
                                  { QStringLiteral("bestMBps"), mb / best.seconds },
                                  { QStringLiteral("medianMBps"), mb / median.seconds },
                                  { QStringLiteral("cpuSecondsOfBest"), best.cpu },
                                  { QStringLiteral("peakAnonMB"), double(peak) / 1024.0 },
                                  { QStringLiteral("rollupSha256"), QString::fromLatin1(digest) } });
    }
    out.insert(QStringLiteral("rows"), double(rows));
    out.insert(QStringLiteral("runs"), runs);
    out.insert(QStringLiteral("sameBytesForEveryThreadCount"), allEqual);
    out.insert(QStringLiteral("loadAfter"), loadAverage());

    // The seed's pandas design on the same file, in the same run.
    if (parser.isSet(QStringLiteral("peer"))) {
        QJsonObject peers;
        const QStringList modes = aggregate::splitList(parser.value(QStringLiteral("peer-modes")).isEmpty()
                                                           ? QStringLiteral("single")
                                                           : parser.value(QStringLiteral("peer-modes")));
        for (const QString& mode : modes) {
            const Expected<QJsonObject> peer
                = runPeerScript(QStringLiteral("/usr/bin/python3"),
                                { parser.value(QStringLiteral("peer")), mode, QStringLiteral("--csv"), file });
            if (!peer) {
                printErr(QStringLiteral("The peer (%1): %2").arg(mode, peer.error()));
                continue;
            }
            peers.insert(mode, *peer);
        }
        out.insert(QStringLiteral("peer"), peers);
    }

    if (parser.isSet(QStringLiteral("json"))) {
        printJson(out);
    } else {
        printOut(QStringLiteral("%1: %2 rows, %3 MB, group by %4; %5 cores, load %6")
                     .arg(file)
                     .arg(rows)
                     .arg(out.value(QStringLiteral("bytes")).toDouble() / 1e6, 0, 'f', 1)
                     .arg(out.value(QStringLiteral("groupBy")).toString())
                     .arg(QThread::idealThreadCount())
                     .arg(out.value(QStringLiteral("loadBefore")).toString()));
        printOut(QStringLiteral("threads   best s  median s   best MB/s  median MB/s  CPU s  MB/CPU-s  peak anon MB"));
        for (const QJsonValue& v : std::as_const(runs)) {
            const QJsonObject r = v.toObject();
            const double cpu = r.value(QStringLiteral("cpuSecondsOfBest")).toDouble();
            printOut(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8")
                         .arg(r.value(QStringLiteral("threads")).toInt(), 7)
                         .arg(r.value(QStringLiteral("bestSeconds")).toDouble(), 8, 'f', 3)
                         .arg(r.value(QStringLiteral("medianSeconds")).toDouble(), 9, 'f', 3)
                         .arg(r.value(QStringLiteral("bestMBps")).toDouble(), 11, 'f', 0)
                         .arg(r.value(QStringLiteral("medianMBps")).toDouble(), 12, 'f', 0)
                         .arg(cpu, 6, 'f', 2)
                         .arg(cpu > 0 ? out.value(QStringLiteral("bytes")).toDouble() / 1e6 / cpu : 0.0, 9, 'f', 0)
                         .arg(r.value(QStringLiteral("peakAnonMB")).toDouble(), 13, 'f', 1));
        }
        printOut(allEqual ? QStringLiteral("Same rollup CSV, byte for byte, for every thread count.")
                          : QStringLiteral("DIFFERENT answers between thread counts!"));
        const QJsonObject peers = out.value(QStringLiteral("peer")).toObject();
        for (auto it = peers.begin(); it != peers.end(); ++it) {
            const QJsonObject p = it.value().toObject();
            const double seconds = p.value(QStringLiteral("total_s")).toDouble();
            const double best
                = runs.isEmpty() ? 0 : runs.last().toObject().value(QStringLiteral("bestSeconds")).toDouble();
            printOut(
                QStringLiteral("peer %1 (pandas): %2 s, %3 MB/s, max RSS %4 MB; BidLab (%5 threads) is %6x faster.")
                    .arg(it.key())
                    .arg(seconds, 0, 'f', 2)
                    .arg(out.value(QStringLiteral("bytes")).toDouble() / 1e6 / seconds, 0, 'f', 1)
                    .arg(p.value(QStringLiteral("self_maxrss_mb")).toDouble(), 0, 'f', 0)
                    .arg(threadCounts.last())
                    .arg(best > 0 ? seconds / best : 0.0, 0, 'f', 1));
        }
        printOut(QStringLiteral("load after: %1").arg(loadAverage()));
    }
    return allEqual ? kOk : kFailure;
}

const BenchRegistrar registrar {
    { QStringLiteral("aggregate"),
      QStringLiteral("Parallel aggregation MB/s, memory, 1-vs-N equality, pandas side by side."), runBench }
};

} // namespace

} // namespace bidlab::cli
