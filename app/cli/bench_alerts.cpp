// SPDX-License-Identifier: MIT
// bidlab-cli bench alerts: the live alert rules on real engine runs (deterministic mode, real workers). For
// each of the five incidents: detected or not on its expected metric, the detection delay, and the other
// alerts; then false alerts per minute on a clean run. Prints the machine's load: the runs pace on the wall
// clock, so a loaded machine shows in the latency metric.
#include "app/cli/cli_command.h"
#include "core/anomaly/live_run.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

namespace bidlab::cli {

namespace {

using namespace anomaly;
using engine::IncidentKind;

struct Outcome
{
    QString incident;
    bool detected = false;
    qint64 delayMs = -1; // of the first alert on the expected metric
    QStringList before; // metrics of the alerts raised before the incident started: false alerts
    QStringList others; // metrics of the other alerts after the start
};

Outcome judge(IncidentKind kind, const MonitoredRun& run)
{
    Outcome o;
    o.incident = engine::incidentName(kind);
    const qint64 start = run.incidents.isEmpty() ? -1 : run.incidents.first().startMs;
    for (const LiveAlert& a : run.alerts) {
        if (start < 0 || a.alert.raisedMs < start) {
            o.before.append(a.alert.metric);
        } else if (a.alert.metric == expectedMetric(kind) && !o.detected) {
            o.detected = true;
            o.delayMs = a.delayMs();
        } else {
            o.others.append(a.alert.metric);
        }
    }
    return o;
}

int runBenchAlerts(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOption({ QStringLiteral("seconds"), QStringLiteral("Length of each incident run (default 36)."),
                       QStringLiteral("S") });
    parser.addOption(
        { QStringLiteral("at"), QStringLiteral("When the incident starts (default 25)."), QStringLiteral("S") });
    parser.addOption({ QStringLiteral("clean-seconds"), QStringLiteral("Length of the clean run (default 120)."),
                       QStringLiteral("S") });
    parser.addOption({ QStringLiteral("qps"), QStringLiteral("Target QPS (default 2000)."), QStringLiteral("Q") });
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Print the figures as JSON.") });
    int exitCode = kOk;
    if (!parseArguments(parser, arguments,
                        QStringLiteral("Live alerts on real engine runs: detection of each injected incident, its "
                                       "delay, and false alerts per minute on a clean run."),
                        &exitCode))
        return exitCode;
    double seconds = 36, at = 25, cleanSeconds = 120;
    qint64 qps = 2000;
    if ((parser.isSet(QStringLiteral("seconds")) && !doubleOption(parser, QStringLiteral("seconds"), 5, 3600, &seconds))
        || (parser.isSet(QStringLiteral("at")) && !doubleOption(parser, QStringLiteral("at"), 0, 3600, &at))
        || (parser.isSet(QStringLiteral("clean-seconds"))
            && !doubleOption(parser, QStringLiteral("clean-seconds"), 0, 36000, &cleanSeconds))
        || (parser.isSet(QStringLiteral("qps")) && !intOption(parser, QStringLiteral("qps"), 100, 100'000, &qps)))
        return kUsage;
    const bool json = parser.isSet(QStringLiteral("json"));

    engine::EngineConfig config;
    config.deterministic = true;
    config.workers = 2;
    config.targetQps = qps;
    const QString loadBefore = loadAverage();
    QJsonArray incidents;
    for (qsizetype k = 0; k < engine::incidentNames().size(); ++k) {
        const auto kind = static_cast<IncidentKind>(k);
        config.durationSeconds = seconds;
        // In deterministic mode the lock-step batches are paced at the configured QPS, so a traffic spike
        // changes nothing there (README): that one runs on the real-time clock.
        config.deterministic = kind != IncidentKind::TrafficSpike;
        Expected<MonitoredRun> run = runMonitored(config, { { kind, at } });
        if (!run) {
            printErr(run.error());
            return kFailure;
        }
        const Outcome o = judge(kind, *run);
        incidents.append(QJsonObject { { QStringLiteral("incident"), o.incident },
                                       { QStringLiteral("metric"), expectedMetric(kind) },
                                       { QStringLiteral("detected"), o.detected },
                                       { QStringLiteral("delayMs"), o.delayMs },
                                       { QStringLiteral("falseAlertsBefore"), QJsonArray::fromStringList(o.before) },
                                       { QStringLiteral("deterministic"), config.deterministic },
                                       { QStringLiteral("otherAlerts"), QJsonArray::fromStringList(o.others) } });
        if (!json)
            printOut(QStringLiteral("%1  %2  detected %3  delay %4  false alerts before: %5  other alerts: %6")
                         .arg(o.incident, -18)
                         .arg(expectedMetric(kind), -16)
                         .arg(o.detected ? QStringLiteral("yes") : QStringLiteral("no "))
                         .arg(o.delayMs >= 0 ? QStringLiteral("%1 s").arg(o.delayMs / 1000.0, 0, 'f', 1)
                                             : QStringLiteral("—"),
                              6)
                         .arg(o.before.isEmpty() ? QStringLiteral("none") : o.before.join(QStringLiteral(", ")))
                         .arg(o.others.isEmpty() ? QStringLiteral("none") : o.others.join(QStringLiteral(", "))));
    }
    QJsonObject clean;
    if (cleanSeconds > 0) {
        config.durationSeconds = cleanSeconds;
        config.deterministic = true;
        Expected<MonitoredRun> run = runMonitored(config, {});
        if (!run) {
            printErr(run.error());
            return kFailure;
        }
        QStringList metrics;
        for (const LiveAlert& a : run->alerts)
            metrics.append(a.alert.metric);
        const double perMinute = static_cast<double>(run->alerts.size()) / (run->summary.seconds / 60.0);
        clean = { { QStringLiteral("seconds"), run->summary.seconds },
                  { QStringLiteral("alerts"), QJsonArray::fromStringList(metrics) },
                  { QStringLiteral("falseAlertsPerMinute"), perMinute } };
        if (!json)
            printOut(
                QStringLiteral("clean run %1 s: %2 alerts (%3 per minute)%4")
                    .arg(run->summary.seconds, 0, 'f', 0)
                    .arg(run->alerts.size())
                    .arg(perMinute, 0, 'f', 2)
                    .arg(metrics.isEmpty() ? QString() : QStringLiteral(": ") + metrics.join(QStringLiteral(", "))));
    }
    const QString load = QStringLiteral("%1 before, %2 after").arg(loadBefore, loadAverage());
    if (json) {
        printJson(QJsonObject { { QStringLiteral("qps"), qps },
                                { QStringLiteral("workers"), config.workers },
                                { QStringLiteral("incidentAt"), at },
                                { QStringLiteral("incidents"), incidents },
                                { QStringLiteral("clean"), clean },
                                { QStringLiteral("load"), load } });
    } else {
        printOut(
            QStringLiteral("deterministic (traffic spike: real time), %1 workers, %2 QPS, incident at %3 s of %4 s "
                           "runs; load %5")
                .arg(config.workers)
                .arg(qps)
                .arg(at)
                .arg(seconds)
                .arg(load));
    }
    return kOk;
}

const BenchRegistrar registrar { { QStringLiteral("alerts"),
                                   QStringLiteral("Live alerts on real engine runs: incidents detected, delays, "
                                                  "false alerts per minute."),
                                   runBenchAlerts } };

} // namespace

} // namespace bidlab::cli
