// SPDX-License-Identifier: MIT
// bidlab-cli bench anomaly: values per second of each detector on one long series, and the parallel scoring
// of many series on the job pool (1 thread vs all), with the machine and its load.
#include "app/cli/cli_command.h"
#include "core/anomaly/alert_engine.h"
#include "core/anomaly/detector.h"
#include "core/jobs/job_pool.h"
#include "core/jobs/parallel_for.h"

#include <cmath>
#include <random>

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QSysInfo>
#include <QThread>

namespace bidlab::cli {

namespace {

using namespace anomaly;

// A daily cycle of 288 values, noise, and a spike every 5000 values.
std::vector<double> syntheticSeries(std::size_t n, std::uint32_t seed)
{
    std::mt19937 engine(seed);
    std::normal_distribution<double> noise(0.0, 1.0);
    std::vector<double> values(n);
    for (std::size_t i = 0; i < n; ++i)
        values[i] = 100.0 + 20.0 * std::sin(static_cast<double>(i) * 6.283185307179586 / 288.0) + noise(engine)
            + (i % 5000 == 4999 ? 15.0 : 0.0);
    return values;
}

double scoreAll(const QString& name, const std::vector<double>& values, qsizetype probation)
{
    auto detector = makeDetector(name, { probation });
    double sum = 0.0; // kept so the work cannot be optimised away
    for (double v : values)
        sum += detector->update(v);
    return sum;
}

// An incident injected into a synthetic 10 Hz metric stream at a known time (the engine is not there yet:
// these stand in for its snapshots). Returns the alerts the default rules raised on that metric.
struct Incident
{
    const char* name;
    const char* metric;
    double level; // normal value
    double noise; // its sd per 100 ms tick
    double factor; // during the incident the value is level * factor (+ noise), or level + step for counts
    double step;
};

QJsonObject measureIncident(const Incident& incident, std::uint32_t seed)
{
    constexpr qint64 kTickMs = 100;
    constexpr int kStart = 3000; // 5 min of normal traffic
    constexpr int kLength = 600; // a 1 min incident
    AlertEngine engine(defaultAlertRules());
    std::mt19937 engine_rng(seed);
    std::normal_distribution<double> noise(0.0, 1.0);
    for (int tick = 0; tick < kStart + kLength + 3000; ++tick) {
        const bool during = tick >= kStart && tick < kStart + kLength;
        double value = incident.level + incident.noise * noise(engine_rng);
        if (during)
            value = value * incident.factor + incident.step;
        engine.add(tick * kTickMs, QString::fromLatin1(incident.metric), std::max(0.0, value));
    }
    QJsonObject result { { QStringLiteral("incident"), QString::fromLatin1(incident.name) },
                         { QStringLiteral("metric"), QString::fromLatin1(incident.metric) },
                         { QStringLiteral("alerts"), engine.alerts().size() } };
    if (!engine.alerts().isEmpty())
        result.insert(QStringLiteral("delayMs"), engine.alerts().first().raisedMs - kStart * kTickMs);
    return result;
}

QJsonArray measureIncidents()
{
    const Incident incidents[] = {
        { "traffic spike (+50 % QPS)", "qps", 5000.0, 70.0, 1.5, 0.0 },
        { "bot attack (CTR -60 %)", "ctr", 0.0020, 0.0001, 0.4, 0.0 },
        { "slow worker (p99 x3)", "p99_latency_ms", 12.0, 0.8, 3.0, 0.0 },
        { "market price jump (win rate -30 %)", "win_rate", 0.25, 0.008, 0.7, 0.0 },
        { "worker crash loop (restarts)", "worker_restarts", 0.0, 0.0, 1.0, 1.0 },
    };
    QJsonArray all;
    for (const Incident& incident : incidents)
        all.append(measureIncident(incident, 42));
    return all;
}

int runBenchAnomaly(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOptions({
        { QStringLiteral("values"), QStringLiteral("Values per series (default 1000000)."), QStringLiteral("N") },
        { QStringLiteral("series"), QStringLiteral("Series for the parallel run (default 16)."), QStringLiteral("N") },
        { QStringLiteral("json"), QStringLiteral("Print JSON.") },
    });
    int exitCode = kOk;
    if (!parseArguments(parser, arguments,
                        QStringLiteral("Measure the anomaly detectors' throughput, alone and in parallel."), &exitCode))
        return exitCode;
    qint64 n = 1'000'000;
    qint64 seriesCount = 16;
    if (!intOption(parser, QStringLiteral("values"), 1000, 100'000'000, &n)
        || !intOption(parser, QStringLiteral("series"), 1, 1024, &seriesCount))
        return kUsage;
    const qsizetype probation = 750;
    const std::vector<double> values = syntheticSeries(static_cast<std::size_t>(n), 1);

    QJsonObject report;
    report.insert(QStringLiteral("machine"),
                  QStringLiteral("%1, %2 cores").arg(QSysInfo::prettyProductName()).arg(QThread::idealThreadCount()));
    report.insert(QStringLiteral("loadBefore"), loadAverage());
    report.insert(QStringLiteral("valuesPerSeries"), n);
    QJsonArray detectors;
    for (const QString& name : detectorNames()) {
        QElapsedTimer clock;
        clock.start();
        const double checksum = scoreAll(name, values, probation);
        const double seconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
        detectors.append(QJsonObject { { QStringLiteral("detector"), name },
                                       { QStringLiteral("valuesPerSecond"), static_cast<double>(n) / seconds },
                                       { QStringLiteral("nsPerValue"), seconds * 1e9 / static_cast<double>(n) },
                                       { QStringLiteral("checksum"), checksum } });
    }
    report.insert(QStringLiteral("singleSeries"), detectors);

    // The NAB runner's pattern: one series per pool item, results in their own slots.
    std::vector<std::vector<double>> many;
    for (qint64 s = 0; s < seriesCount; ++s)
        many.push_back(syntheticSeries(static_cast<std::size_t>(n / 4), static_cast<std::uint32_t>(s + 2)));
    std::vector<double> sums(many.size());
    QJsonArray parallel;
    const int cores = QThread::idealThreadCount();
    for (int threads : { 1, cores }) {
        jobs::setJobThreadCount(threads);
        QElapsedTimer clock;
        clock.start();
        jobs::parallelFor(jobs::jobPool(), static_cast<qsizetype>(many.size()), [&](qsizetype i) {
            sums[static_cast<std::size_t>(i)]
                = scoreAll(QStringLiteral("ensemble"), many[static_cast<std::size_t>(i)], probation);
        });
        const double seconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
        parallel.append(QJsonObject {
            { QStringLiteral("threads"), threads },
            { QStringLiteral("seconds"), seconds },
            { QStringLiteral("valuesPerSecond"), static_cast<double>(seriesCount * (n / 4)) / seconds } });
        if (threads == cores)
            break;
    }
    report.insert(QStringLiteral("ensembleParallel"), parallel);
    const QJsonArray incidents = measureIncidents();
    report.insert(QStringLiteral("incidents"), incidents);
    report.insert(QStringLiteral("loadAfter"), loadAverage());

    if (parser.isSet(QStringLiteral("json"))) {
        printJson(report);
        return kOk;
    }
    printOut(QStringLiteral("machine: %1; load before %2, after %3")
                 .arg(report.value(QStringLiteral("machine")).toString(),
                      report.value(QStringLiteral("loadBefore")).toString(),
                      report.value(QStringLiteral("loadAfter")).toString()));
    printOut(QStringLiteral("one series of %1 values (probation %2):").arg(n).arg(probation));
    for (const auto& d : detectors) {
        const QJsonObject o = d.toObject();
        printOut(QStringLiteral("  %1 %2 M values/s  (%3 ns/value)")
                     .arg(o.value(QStringLiteral("detector")).toString(), -10)
                     .arg(o.value(QStringLiteral("valuesPerSecond")).toDouble() / 1e6, 7, 'f', 2)
                     .arg(o.value(QStringLiteral("nsPerValue")).toDouble(), 0, 'f', 1));
    }
    printOut(QStringLiteral("ensemble over %1 series of %2 values on the job pool:").arg(seriesCount).arg(n / 4));
    for (const auto& p : parallel) {
        const QJsonObject o = p.toObject();
        printOut(QStringLiteral("  %1 thread(s): %2 s, %3 M values/s")
                     .arg(o.value(QStringLiteral("threads")).toInt())
                     .arg(o.value(QStringLiteral("seconds")).toDouble(), 0, 'f', 3)
                     .arg(o.value(QStringLiteral("valuesPerSecond")).toDouble() / 1e6, 0, 'f', 2));
    }
    printOut(
        QStringLiteral("alerts from the default rules on synthetic 10 Hz streams (incident at 300 s, 60 s long):"));
    for (const auto& i : incidents) {
        const QJsonObject o = i.toObject();
        printOut(QStringLiteral("  %1 %2 alert(s), delay %3")
                     .arg(o.value(QStringLiteral("incident")).toString(), -36)
                     .arg(o.value(QStringLiteral("alerts")).toInt())
                     .arg(o.contains(QStringLiteral("delayMs"))
                              ? QStringLiteral("%1 ms").arg(o.value(QStringLiteral("delayMs")).toInteger())
                              : QStringLiteral("none")));
    }
    return kOk;
}

const BenchRegistrar registrar { { QStringLiteral("anomaly"),
                                   QStringLiteral("Anomaly detectors: values/s alone and on the job pool."),
                                   runBenchAnomaly } };

} // namespace

} // namespace bidlab::cli
