// SPDX-License-Identifier: MIT
#include "core/anomaly/live_run.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

namespace bidlab::anomaly {

Expected<MonitoredRun> runMonitored(const engine::EngineConfig& config, const QList<ScheduledIncident>& incidents,
                                    int timeoutMs)
{
    engine::Engine engine;
    LiveMonitor monitor;
    monitor.attach(&engine);
    for (const ScheduledIncident& i : incidents)
        monitor.scheduleIncident(i.kind, i.seconds);
    MonitoredRun run;
    bool finished = false;
    bool timedOut = false;
    QEventLoop loop;
    QObject::connect(&engine, &engine::Engine::finished, &loop, [&](const engine::RunSummary& summary) {
        run.summary = summary;
        finished = true;
        loop.quit();
    });
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        engine.stop();
    });
    if (Status started = engine.start(config); !started)
        return Error { started.error() };
    timeout.start(timeoutMs);
    loop.exec();
    if (!finished)
        return Error { QCoreApplication::translate("LiveMonitor", "The monitored run did not finish.") };
    if (timedOut)
        return Error {
            QCoreApplication::translate("LiveMonitor", "The monitored run took longer than %1 s.").arg(timeoutMs / 1000)
        };
    run.alerts = monitor.alerts();
    run.incidents = monitor.incidents();
    return run;
}

} // namespace bidlab::anomaly
