// SPDX-License-Identifier: MIT
// Live alerts on the Live bidding tab (the real window, the real engine and its worker processes): the tab's
// one LiveMonitor watches its engine; "Inject incident" > crash-loop raises an alert that shows in the event
// log (run time, severity, metric) and as a marker on the QPS chart; the Anomalies tab's Live page shows the
// same monitor's alerts (one monitor per engine: nothing twice) and does not run an engine of its own.
#include "core/anomaly/live_monitor.h"
#include "core/engine/engine.h"
#include "core/store/run_store.h"
#include "tests/common/test_support.h"
#include "ui/anomalies/anomalies_panel.h"
#include "ui/anomalies/live_alert_model.h"
#include "ui/anomalies/live_alerts_view.h"
#include "ui/history/run_history_view.h"
#include "ui/history/run_list_model.h"
#include "ui/live/event_log_model.h"
#include "ui/live/live_chart_grid.h"
#include "ui/live/live_controls.h"
#include "ui/live/live_dashboard.h"
#include "ui/live/live_panel.h"
#include "ui/mainwindow/main_window.h"
#include "ui/widgets/live_chart.h"

#include <algorithm>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QGraphicsSimpleTextItem>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

using namespace bidlab;
using namespace bidlab::ui;

namespace {

// Rows of the event log that are alerts on this metric.
QList<engine::EngineEvent> alertLines(const EventLogModel& model, const QString& metric)
{
    QList<engine::EngineEvent> lines;
    for (int row = 0; row < model.rowCount(); ++row) {
        const engine::EngineEvent& e = model.eventAt(row);
        if (e.text.startsWith(QStringLiteral("Alert (")) && e.text.contains(metric))
            lines.append(e);
    }
    return lines;
}

int markersLabelled(const LiveChart& chart, const QString& label)
{
    int n = 0;
    for (int m = 0; m < chart.markerCount(); ++m)
        n += chart.markerLabel(m) && chart.markerLabel(m)->toolTip().contains(label) ? 1 : 0;
    return n;
}

} // namespace

class TestLiveAlerts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QSettings().clear(); }

    void chartForEachMetric()
    {
        QCOMPARE(LiveDashboard::chartForMetric(QStringLiteral("qps")), LiveChartGrid::Qps);
        QCOMPARE(LiveDashboard::chartForMetric(QStringLiteral("worker_restarts")), LiveChartGrid::Qps);
        QCOMPARE(LiveDashboard::chartForMetric(QStringLiteral("win_rate")), LiveChartGrid::Rates);
        QCOMPARE(LiveDashboard::chartForMetric(QStringLiteral("filtered_share")), LiveChartGrid::Rates);
        QCOMPARE(LiveDashboard::chartForMetric(QStringLiteral("p99_latency_ms")), LiveChartGrid::Latency);
        QCOMPARE(LiveDashboard::chartForMetric(QStringLiteral("spend_rate")), LiveChartGrid::Money);
        QCOMPARE(LiveDashboard::chartForMetric(QStringLiteral("roas")), LiveChartGrid::Money);
    }

    void crashLoopAlertInTheLiveTab()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* panel = qobject_cast<LivePanel*>(window.panel(QStringLiteral("live")));
        auto* anomalies = qobject_cast<AnomaliesPanel*>(window.panel(QStringLiteral("anomalies")));
        QVERIFY(panel && anomalies);
        window.tabs()->setCurrentWidget(panel);
        LiveAlertsView* page = anomalies->liveView();
        QCOMPARE(page->monitor(), panel->monitor()); // one monitor on the Live tab's engine
        QCOMPARE(page->engine(), panel->engine());
        QAbstractItemModelTester tester(page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(!page->startRun().ok()); // it follows the Live tab: no engine of its own

        engine::EngineConfig config;
        config.name = QStringLiteral("alerts gui test");
        config.workers = 2;
        config.targetQps = 2'000;
        config.workerExecutable = QStringLiteral(BIDLAB_WORKER);
        config.world.campaignCount = 20;
        panel->liveControls()->setConfig(config);
        QAction* inject = panel->injectAction();
        QVERIFY(!inject->isEnabled());
        QVERIFY(panel->start());
        QTRY_VERIFY_WITH_TIMEOUT(inject->isEnabled(), 30'000);
        // The rules learn for the first 10 s of the run.
        QTRY_VERIFY_WITH_TIMEOUT(panel->monitor()->lastTimeMs() > 11'000, 60'000);
        QAction* crashLoop = inject->menu()->findChild<QAction*>(QStringLiteral("live-inject-crash-loop"));
        QVERIFY(crashLoop);
        crashLoop->trigger();

        const QString metric = QStringLiteral("worker_restarts");
        QTRY_VERIFY_WITH_TIMEOUT(!alertLines(*panel->dashboard()->eventModel(), metric).isEmpty(), 60'000);
        const QList<engine::EngineEvent> lines = alertLines(*panel->dashboard()->eventModel(), metric);
        QCOMPARE(lines.size(), 1); // one incident, one alert
        QCOMPARE(lines.first().severity, engine::EventSeverity::Error); // critical
        QVERIFY2(lines.first().text.contains(QStringLiteral("critical")), qPrintable(lines.first().text));
        QVERIFY2(lines.first().text.contains(QStringLiteral("crash-loop")), qPrintable(lines.first().text));
        const anomaly::LiveAlert* alert = nullptr;
        for (const anomaly::LiveAlert& a : panel->monitor()->alerts())
            alert = a.alert.metric == metric ? &a : alert;
        QVERIFY(alert);
        QCOMPARE(lines.first().elapsedSeconds, alert->alert.raisedMs / 1000.0);
        // Its delay is not checked here: the engine's events count run time from before the world is built, its
        // snapshots from after the workers start, so a crash loop's immediate alert can come out a few ms
        // "before" its incident (integration_anomaly_live checks the delays, in deterministic mode).
        QCOMPARE(alert->incident, QStringLiteral("crash-loop"));
        // The marker stands on the QPS chart (where worker restarts show), not on the latency chart.
        panel->dashboard()->redraw();
        const QString label = QStringLiteral("alert: ") + metric;
        LiveChartGrid* charts = panel->dashboard()->charts();
        QCOMPARE(markersLabelled(*charts->chart(LiveChartGrid::Qps), label), 1);
        QCOMPARE(markersLabelled(*charts->chart(LiveChartGrid::Latency), label), 0);
        // The run's report marks it on the QPS chart and lists it with the event log's sentence.
        const std::optional<report::Report> report = panel->currentReport();
        QVERIFY(report);
        QVERIFY(std::any_of(report->charts[0].markers.cbegin(), report->charts[0].markers.cend(),
                            [&](const report::Marker& m) { return m.label == label; }));
        QCOMPARE(report->tables.back().title, QStringLiteral("Chart markers"));
        QVERIFY(report->tables.back().rows.contains(
            report::Row { lines.first().elapsedSeconds, QStringLiteral("alert"), lines.first().text }));
        if (const QString dir = qEnvironmentVariable("BIDLAB_SCREENSHOT_DIR"); !dir.isEmpty())
            window.grab().save(dir + QStringLiteral("/live-alert.png")); // to look at it
        // The Anomalies tab's Live page lists the same alerts, each once.
        QCOMPARE(page->model()->rowCount(), panel->monitor()->alerts().size());

        store::RunStore runs; // the run history the Live tab saves into
        const auto runCount = [&runs] {
            const Expected<QList<store::RunInfo>> list = runs.list();
            return list ? list->size() : qsizetype(-1);
        };
        const qsizetype before = runCount();
        QVERIFY(before >= 0);
        QAction* stop = window.findChild<QAction*>(QStringLiteral("simulationStop"));
        stop->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(panel->engine()->state() == engine::EngineState::Finished
                                     || panel->engine()->state() == engine::EngineState::Failed,
                                 60'000);
        QTRY_VERIFY_WITH_TIMEOUT(!inject->isEnabled(), 10'000); // the state reaches the panel by a queued signal
        // The run history keeps the run with its alerts and its chart markers.
        QTRY_COMPARE_WITH_TIMEOUT(runCount(), before + 1, 30'000);
        const qint64 id = runs.list()->first().id;
        const Expected<QList<store::StoredAlert>> stored = runs.alerts(id);
        QVERIFY(stored);
        QVERIFY(std::any_of(stored->cbegin(), stored->cend(), [&](const store::StoredAlert& a) {
            return a.metric == metric && a.incident == QStringLiteral("crash-loop");
        }));
        const Expected<store::StoredRun> saved = runs.load(id);
        QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error()));
        QCOMPARE(saved->markers, panel->dashboard()->markers());
        // Opened from the history, the run shows the alert's marker on its QPS chart and in its report.
        RunHistoryView* history = panel->history();
        QTRY_VERIFY_WITH_TIMEOUT(history->model()->rowOfRun(id) >= 0, 30'000);
        QSignalSpy shown(history, &RunHistoryView::shown);
        history->selectRuns({ id });
        history->openSelected();
        QVERIFY(shown.wait(30'000));
        const std::optional<report::Report> again = history->currentReport();
        QVERIFY(again);
        QVERIFY(std::any_of(again->charts[0].markers.cbegin(), again->charts[0].markers.cend(),
                            [&](const report::Marker& m) { return m.label == label; }));
        QCOMPARE(again->tables.back().title, QStringLiteral("Chart markers"));
        if (const QString dir = qEnvironmentVariable("BIDLAB_SCREENSHOT_DIR"); !dir.isEmpty()) {
            panel->pages()->setCurrentWidget(history);
            window.grab().save(dir + QStringLiteral("/history-markers.png"));
        }
    }
};

BIDLAB_TEST_MAIN_GUI(TestLiveAlerts)
#include "test_live_alerts.moc"
