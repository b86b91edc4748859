// SPDX-License-Identifier: MIT
// How responsive the window stays while the engine runs flat out (issue 4, "Responsiveness"): the lateness of
// a 10 ms timer in the GUI thread with the real engine at unlimited QPS and 8 bidlab-worker processes, next
// to the same with the engine idle; and what a chart update costs per tick (the dashboard's redraw, then a
// synchronous repaint of the four charts). Prints figures; asserts nothing.
//
//   bench_gui_event_loop [--seconds S] [--workers N] [--qps Q|unlimited] [--report FILE.pdf|.csv|.xlsx]
#include "core/engine/engine.h"
#include "ui/live/live_chart_grid.h"
#include "ui/live/live_controls.h"
#include "ui/live/live_dashboard.h"
#include "ui/live/live_panel.h"
#include "ui/mainwindow/main_window.h"
#include "ui/report/report_export.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <vector>

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

using namespace bidlab;

namespace {

struct Figures
{
    double p50 = 0;
    double p99 = 0;
    double max = 0;
    std::size_t count = 0;
};

Figures percentiles(std::vector<double> samples)
{
    Figures f;
    f.count = samples.size();
    if (samples.empty())
        return f;
    std::sort(samples.begin(), samples.end());
    const auto at
        = [&](double q) { return samples[std::min(samples.size() - 1, std::size_t(q * double(samples.size())))]; };
    f.p50 = at(0.50);
    f.p99 = at(0.99);
    f.max = samples.back();
    return f;
}

void print(const char* what, const Figures& f, const char* unit = "ms")
{
    std::printf("%-58s p50 %7.3f %s   p99 %7.3f %s   max %7.3f %s   (%zu samples)\n", what, f.p50, unit, f.p99, unit,
                f.max, unit, f.count);
}

// Runs the event loop for `seconds` while a 10 ms precise timer records how late each of its ticks is.
std::vector<double> timerLateness(double seconds)
{
    std::vector<double> lateness;
    QElapsedTimer clock;
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.setInterval(10);
    qint64 previous = -1;
    QObject::connect(&timer, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (previous >= 0)
            lateness.push_back(std::max(0.0, double(now - previous) / 1e6 - 10.0));
        previous = now;
    });
    clock.start();
    timer.start();
    QEventLoop loop;
    QTimer::singleShot(int(seconds * 1000), &loop, &QEventLoop::quit);
    loop.exec();
    return lateness;
}

void waitFor(const std::function<bool()>& condition, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!condition() && clock.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
}

// CPU time of the calling thread, in ms: what a piece of work costs, without the time the thread spent
// waiting for a core on a busy machine (wall time includes that).
double threadCpuMs()
{
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll()).section(QLatin1Char(' '), 0, 2)
                                          : QStringLiteral("?");
}

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Runs and settings of the benchmark stay out of the user's history and preferences.
    QTemporaryDir scratch;
    qputenv("BIDLAB_DATA_DIR", scratch.filePath(QStringLiteral("data")).toLocal8Bit());
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("seconds"), QStringLiteral("Seconds of measurement with the engine running."),
                       QStringLiteral("s"), QStringLiteral("20") });
    parser.addOption(
        { QStringLiteral("workers"), QStringLiteral("Worker processes."), QStringLiteral("n"), QStringLiteral("8") });
    parser.addOption({ QStringLiteral("qps"), QStringLiteral("Target QPS or 'unlimited'."), QStringLiteral("q"),
                       QStringLiteral("unlimited") });
    parser.addOption({ QStringLiteral("report"),
                       QStringLiteral("Export the run's report here (as File > Export does)."),
                       QStringLiteral("file") });
    parser.process(app);
    const double seconds = std::max(2.0, parser.value(QStringLiteral("seconds")).toDouble());

    ui::MainWindow window;
    window.resize(1280, 800);
    window.show();
    auto* panel = qobject_cast<ui::LivePanel*>(window.panel(QStringLiteral("live")));
    ui::LiveDashboard* dashboard = panel->dashboard();
    engine::EngineConfig config;
    config.name = QStringLiteral("event-loop benchmark");
    config.workers = parser.value(QStringLiteral("workers")).toInt();
    config.unlimitedQps = parser.value(QStringLiteral("qps")) == QLatin1String("unlimited");
    if (!config.unlimitedQps)
        config.targetQps = parser.value(QStringLiteral("qps")).toLongLong();
    config.workerExecutable = QStringLiteral(BIDLAB_WORKER);
    panel->liveControls()->setConfig(config);

    std::printf("machine: %d cores, load average %s (before)\n", QThread::idealThreadCount(),
                qPrintable(loadAverage()));
    const Figures idle = percentiles(timerLateness(5.0));

    if (!panel->start())
        return 1;
    waitFor([&] { return panel->engine()->state() == engine::EngineState::Running; }, 60'000);
    timerLateness(2.0); // warm-up: workers start, rings fill

    // Phase 1: the event loop under load, and the dashboard's own redraws.
    std::vector<double> redraws;
    double qpsSum = 0;
    int qpsCount = 0;
    auto onRedraw = QObject::connect(dashboard, &ui::LiveDashboard::redrawn,
                                     [&] { redraws.push_back(double(dashboard->lastRedrawNs()) / 1e6); });
    auto onSnapshot
        = QObject::connect(panel->engine(), &engine::Engine::snapshot, [&](const engine::EngineSnapshot& s) {
              if (s.rates.qps) {
                  qpsSum += *s.rates.qps;
                  ++qpsCount;
              }
          });
    const Figures busy = percentiles(timerLateness(seconds));
    QObject::disconnect(onRedraw);
    QObject::disconnect(onSnapshot);
    const QString loadDuring = loadAverage();

    // Phase 2: the painting that follows a redraw, measured by repainting the four charts at once.
    std::vector<double> paints;
    std::vector<double> paintsCpu;
    std::vector<double> redrawsCpu;
    auto onPaint = QObject::connect(dashboard, &ui::LiveDashboard::redrawn, [&] {
        redrawsCpu.push_back(double(dashboard->lastRedrawCpuNs()) / 1e6);
        QElapsedTimer clock;
        clock.start();
        const double cpu = threadCpuMs();
        dashboard->charts()->repaint();
        paintsCpu.push_back(threadCpuMs() - cpu);
        paints.push_back(double(clock.nsecsElapsed()) / 1e6);
    });
    timerLateness(std::min(10.0, seconds));
    QObject::disconnect(onPaint);

    panel->stop();
    waitFor([&] { return panel->lastRun().has_value(); }, 60'000);
    if (const QString path = parser.value(QStringLiteral("report")); !path.isEmpty() && panel->currentReport()) {
        const Status written = ui::exportReport(*panel->currentReport(), path);
        std::printf("report: %s\n", written.ok() ? qPrintable(path) : qPrintable(written.error()));
    }

    std::printf("engine: %d workers, %s, mean achieved %.0f requests/s over %d ticks\n", config.workers,
                config.unlimitedQps ? "unlimited QPS" : qPrintable(QStringLiteral("%1 QPS").arg(config.targetQps)),
                qpsCount ? qpsSum / qpsCount : 0.0, qpsCount);
    print("10 ms timer lateness, engine idle:", idle);
    print("10 ms timer lateness, engine running:", busy);
    print("dashboard redraw per frame (data to charts, tables, tiles):", percentiles(redraws));
    print("repaint of the four charts per frame:", percentiles(paints));
    print("  the same in CPU time of the GUI thread: redraw", percentiles(redrawsCpu));
    print("  the same in CPU time of the GUI thread: repaint", percentiles(paintsCpu));
    std::printf("load average during the run: %s\n", qPrintable(loadDuring));
    return 0;
}
