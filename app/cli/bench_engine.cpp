// SPDX-License-Identifier: MIT
// bidlab-cli bench engine: the engine's figures on this machine. Sustained end-to-end requests/s with 2
// workers at unlimited QPS; end-to-end latency percentiles at a paced 100,000 QPS; how long a killed worker
// takes to be noticed and replaced; and, for scale, a bare two-process ring of 64-byte records.
#include "app/cli/cli_command.h"
#include "core/bidding/bid_request.h"
#include "core/engine/engine.h"
#include "core/engine/ipc/shared_memory.h"
#include "core/engine/ipc/spsc_ring.h"

#include <algorithm>
#include <chrono>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QThread>
#include <QTimer>

namespace bidlab::cli {

namespace {

using namespace bidlab::engine;

// CPU time of this process and of its reaped children (the workers of finished runs), in seconds. On a
// shared machine, work per CPU-second is the figure that does not depend on what else runs.
double cpuSeconds()
{
    double total = 0;
    for (const int who : { RUSAGE_SELF, RUSAGE_CHILDREN }) {
        rusage usage {};
        getrusage(who, &usage);
        total += static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    }
    return total;
}

RunSummary runFor(const EngineConfig& config, const std::function<void(Engine&)>& during = {})
{
    Engine engine;
    RunSummary summary;
    QEventLoop loop;
    QObject::connect(&engine, &Engine::finished, &loop, [&](const RunSummary& s) {
        summary = s;
        loop.quit();
    });
    if (Status started = engine.start(config); !started) {
        printErr(started.error());
        return summary;
    }
    if (during)
        during(engine);
    loop.exec();
    return summary;
}

// Median of the per-second request rates, leaving out the first (start-up) and the last (partial) second.
double steadyRate(const RunSummary& s)
{
    std::vector<double> rates;
    for (qsizetype i = 1; i + 1 < s.series.size(); ++i)
        rates.push_back(static_cast<double>(s.series.at(i).counters.answered()) / s.series.at(i).length);
    if (rates.empty())
        return 0.0;
    std::sort(rates.begin(), rates.end());
    return rates[rates.size() / 2];
}

// A bare ring between two processes: how many 64-byte records per second the machine moves.
double bareRingRate(double seconds)
{
    constexpr std::size_t capacity = 4096;
    using Ring = ipc::SpscRing<bidding::BidRequest>;
    Expected<ipc::SharedMemory> memory = ipc::SharedMemory::create("bench-ring", Ring::bytesFor(capacity) + 64);
    if (!memory)
        return 0.0;
    auto* done
        = reinterpret_cast<std::atomic<std::uint32_t>*>(static_cast<char*>(memory->data()) + Ring::bytesFor(capacity));
    const pid_t child = fork();
    if (child == 0) {
        Ring consumer(memory->data(), capacity);
        std::uint64_t sum = 0;
        while (!done->load(std::memory_order_acquire)) {
            const std::size_t n = consumer.available();
            for (std::size_t k = 0; k < n; ++k)
                sum += consumer.at(consumer.tail() + k).id;
            if (n)
                consumer.consume(consumer.tail() + n);
        }
        _exit(sum == 0 ? 1 : 0);
    }
    Ring producer(memory->data(), capacity);
    const auto start = std::chrono::steady_clock::now();
    const auto end = start + std::chrono::duration<double>(seconds);
    std::uint64_t sent = 0;
    while (std::chrono::steady_clock::now() < end) {
        for (int round = 0; round < 64; ++round) {
            const std::size_t n = std::min<std::size_t>(producer.freeSpace(256), 256);
            for (std::size_t k = 0; k < n; ++k)
                producer.slot(producer.head() + k).id = sent + k + 1;
            sent += n;
            producer.publish(producer.head() + n);
        }
    }
    while (producer.control()->tail.value.load() < sent)
        std::this_thread::yield();
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    done->store(1, std::memory_order_release);
    waitpid(child, nullptr, 0);
    return static_cast<double>(sent) / elapsed;
}

int runBenchEngine(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOption({ QStringLiteral("seconds"),
                       QStringLiteral("Length of the throughput and latency runs (default 10)."),
                       QStringLiteral("S") });
    parser.addOption({ QStringLiteral("kills"),
                       QStringLiteral("Workers killed for the replacement figure (default 6)."), QStringLiteral("N") });
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Print JSON.") });
    int exitCode = kOk;
    if (!parseArguments(parser, arguments, QStringLiteral("Measure the bidding engine on this machine."), &exitCode))
        return exitCode;
    double seconds = 10;
    qint64 kills = 6;
    if (!doubleOption(parser, QStringLiteral("seconds"), 1, 600, &seconds)
        || !intOption(parser, QStringLiteral("kills"), 1, 100, &kills))
        return kUsage;
    const bool json = parser.isSet(QStringLiteral("json"));
    const auto say = [json](const QString& text) {
        if (!json)
            printOut(text);
    };
    utsname system {};
    uname(&system);
    QJsonObject out { { QStringLiteral("cpu"), cpuModel() },
                      { QStringLiteral("cores"), QThread::idealThreadCount() },
                      { QStringLiteral("kernel"), QString::fromLatin1(system.release) },
                      { QStringLiteral("loadBefore"), loadAverage() } };
    say(QStringLiteral("machine: %1, %2 cores, Linux %3; load average before: %4")
            .arg(out.value(QStringLiteral("cpu")).toString())
            .arg(QThread::idealThreadCount())
            .arg(out.value(QStringLiteral("kernel")).toString(), loadAverage()));

    const double ring = bareRingRate(2.0);
    out.insert(QStringLiteral("bareRingRecordsPerSecond"), ring);
    say(QStringLiteral("bare ring, 2 processes, 64-byte records: %1 M records/s").arg(ring / 1e6, 0, 'f', 1));

    EngineConfig throughput;
    throughput.workers = 2;
    throughput.unlimitedQps = true;
    throughput.durationSeconds = seconds;
    const double cpuBefore = cpuSeconds();
    const RunSummary t = runFor(throughput);
    const double cpu = cpuSeconds() - cpuBefore;
    const double sustained = static_cast<double>(t.totals.answered()) / t.seconds;
    const double perCpuSecond = cpu > 0 ? static_cast<double>(t.totals.answered()) / cpu : 0.0;
    out.insert(QStringLiteral("throughput"),
               QJsonObject { { QStringLiteral("requestsPerSecond"), sustained },
                             { QStringLiteral("steadyMedianPerSecond"), steadyRate(t) },
                             { QStringLiteral("answered"), t.totals.answered() },
                             { QStringLiteral("seconds"), t.seconds },
                             { QStringLiteral("cpuSeconds"), cpu },
                             { QStringLiteral("requestsPerCpuSecond"), perCpuSecond },
                             { QStringLiteral("balanced"), t.accountingBalanced() } });
    say(QStringLiteral("throughput, 2 workers, unlimited QPS, %1 s: %2 requests/s end to end (median second %3/s), "
                       "%4 requests, accounting %5")
            .arg(t.seconds, 0, 'f', 1)
            .arg(sustained, 0, 'f', 0)
            .arg(steadyRate(t), 0, 'f', 0)
            .arg(t.totals.answered())
            .arg(t.accountingBalanced() ? QStringLiteral("balanced") : QStringLiteral("NOT balanced")));
    say(QStringLiteral(
            "  it used %1 CPU-seconds (engine and workers): %2 requests per CPU-second, %3/s on two whole cores")
            .arg(cpu, 0, 'f', 1)
            .arg(perCpuSecond, 0, 'f', 0)
            .arg(2 * perCpuSecond, 0, 'f', 0));

    EngineConfig paced = throughput;
    paced.unlimitedQps = false;
    paced.targetQps = 100'000;
    const RunSummary p = runFor(paced);
    out.insert(QStringLiteral("latencyAt100k"),
               QJsonObject { { QStringLiteral("p50Ns"), p.latency.p50 },
                             { QStringLiteral("p99Ns"), p.latency.p99 },
                             { QStringLiteral("p999Ns"), p.latency.p999 },
                             { QStringLiteral("maxNs"), p.latency.max },
                             { QStringLiteral("achievedQps"), static_cast<double>(p.totals.generated) / p.seconds },
                             { QStringLiteral("timeouts"), p.totals.timeouts },
                             { QStringLiteral("shed"), p.totals.shed } });
    say(QStringLiteral("latency at a paced 100,000 QPS, 2 workers, %1 s: p50 %2 us, p99 %3 us, p99.9 %4 us, max %5 us "
                       "(achieved %6 QPS, %7 timeouts, %8 shed)")
            .arg(p.seconds, 0, 'f', 1)
            .arg(p.latency.p50 / 1000.0, 0, 'f', 1)
            .arg(p.latency.p99 / 1000.0, 0, 'f', 1)
            .arg(p.latency.p999 / 1000.0, 0, 'f', 1)
            .arg(p.latency.max / 1000.0, 0, 'f', 1)
            .arg(static_cast<double>(p.totals.generated) / p.seconds, 0, 'f', 0)
            .arg(p.totals.timeouts)
            .arg(p.totals.shed));

    // Kill a worker every 1.5 s (alternating slots) at 20,000 QPS; the crash window is short so that every
    // restart waits the first back-off (50 ms).
    EngineConfig faults = throughput;
    faults.unlimitedQps = false;
    faults.targetQps = 20'000;
    faults.durationSeconds = 1.0 + 1.5 * static_cast<double>(kills);
    faults.crashLoopWindowSeconds = 1;
    QList<double> noticed, replaced;
    runFor(faults, [&](Engine& engine) {
        QObject::connect(&engine, &Engine::event, &engine, [&](const EngineEvent& e) {
            if (e.kind == EventKind::WorkerCrashed && e.sinceKillNs > 0)
                noticed.append(static_cast<double>(e.sinceKillNs) / 1e6);
            if (e.kind == EventKind::WorkerRestarted && e.sinceKillNs > 0)
                replaced.append(static_cast<double>(e.sinceKillNs) / 1e6);
        });
        for (int k = 0; k < kills; ++k)
            QTimer::singleShot(1000 + 1500 * k, &engine, [&engine, k] { engine.killWorker(k % 2); });
    });
    const auto median = [](QList<double> v) {
        std::sort(v.begin(), v.end());
        return v.isEmpty() ? 0.0 : v.at(v.size() / 2);
    };
    const auto maximum
        = [](const QList<double>& v) { return v.isEmpty() ? 0.0 : *std::max_element(v.begin(), v.end()); };
    out.insert(QStringLiteral("killedWorker"),
               QJsonObject { { QStringLiteral("kills"), kills },
                             { QStringLiteral("noticedMedianMs"), median(noticed) },
                             { QStringLiteral("noticedMaxMs"), maximum(noticed) },
                             { QStringLiteral("replacedMedianMs"), median(replaced) },
                             { QStringLiteral("replacedMaxMs"), maximum(replaced) },
                             { QStringLiteral("backoffMs"), 50 } });
    say(QStringLiteral("killed worker (SIGKILL, %1 times at 20,000 QPS): noticed after %2 ms (median; max %3), running "
                       "again after %4 ms (median; max %5; includes the 50 ms restart back-off)")
            .arg(noticed.size())
            .arg(median(noticed), 0, 'f', 2)
            .arg(maximum(noticed), 0, 'f', 2)
            .arg(median(replaced), 0, 'f', 1)
            .arg(maximum(replaced), 0, 'f', 1));
    out.insert(QStringLiteral("loadAfter"), loadAverage());
    say(QStringLiteral("load average after: %1").arg(loadAverage()));
    if (json)
        printJson(out);
    return kOk;
}

const BenchRegistrar registrar { { QStringLiteral("engine"),
                                   QStringLiteral("Engine throughput, latency at 100k QPS, worker replacement."),
                                   runBenchEngine } };

} // namespace

} // namespace bidlab::cli
