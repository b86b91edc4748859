// SPDX-License-Identifier: MIT
// The real window driving the real engine and its bidlab-worker processes, as a person would: Start, watch
// snapshots reach the charts and tiles, move the workers and QPS sliders and see the engine follow, kill a
// worker from the table and see it restart, Stop, export CSV and PDF and read them back, and use the run
// history (open, overlay, re-run, delete). Every model is under QAbstractItemModelTester.
#include "core/bidding/ctr_model.h"
#include "core/common/csv_reader.h"
#include "core/engine/engine.h"
#include "core/engine/model_fingerprint.h"
#include "tests/common/image_checks.h"
#include "tests/common/test_support.h"
#include "ui/history/run_archive.h"
#include "ui/history/run_history_view.h"
#include "ui/history/run_list_model.h"
#include "ui/live/campaign_table_model.h"
#include "ui/live/event_log_model.h"
#include "ui/live/kpi_board.h"
#include "ui/live/live_chart_grid.h"
#include "ui/live/live_controls.h"
#include "ui/live/live_dashboard.h"
#include "ui/live/live_panel.h"
#include "ui/live/qps_scale.h"
#include "ui/live/worker_table_model.h"
#include "ui/mainwindow/main_window.h"
#include "ui/report/report_export.h"
#include "ui/widgets/chart_view.h"
#include "ui/widgets/kpi_tile.h"
#include "ui/widgets/live_chart.h"
#include "ui/widgets/number_text.h"

#include <memory>
#include <vector>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QGraphicsSimpleTextItem>
#include <QJsonObject>
#include <QLineSeries>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace bidlab;
using namespace bidlab::ui;

namespace {

constexpr int kLong = 60'000; // generous: the machine is shared and the engine starts real processes

using Tester = QAbstractItemModelTester;

std::vector<std::unique_ptr<Tester>> testAllModels(LivePanel& panel)
{
    std::vector<std::unique_ptr<Tester>> testers;
    const auto add = [&](QAbstractItemModel* model) {
        testers.push_back(std::make_unique<Tester>(model, Tester::FailureReportingMode::QtTest));
    };
    LiveDashboard* d = panel.dashboard();
    add(d->workerModel());
    add(d->workerView()->model());
    add(d->campaignModel());
    add(d->campaignProxy());
    add(d->eventModel());
    add(panel.history()->model());
    add(panel.history()->table()->model());
    return testers;
}

// A scenario the test can afford on a busy two-core machine, with the worker program from the build tree.
engine::EngineConfig smallScenario(int workers, qint64 qps)
{
    engine::EngineConfig config;
    config.name = QStringLiteral("gui test");
    config.workers = workers;
    config.targetQps = qps;
    config.workerExecutable = QStringLiteral(BIDLAB_WORKER);
    config.world.campaignCount = 20;
    return config;
}

// Saves a picture of the window when BIDLAB_SCREENSHOT_DIR is set (to look at it).
void keepPicture(QWidget& widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("BIDLAB_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        widget.grab().save(dir + QLatin1Char('/') + name);
}

bool hasEvent(const EventLogModel& model, engine::EventKind kind, int worker)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        const engine::EngineEvent& e = model.eventAt(row);
        if (e.kind == kind && (worker < 0 || e.worker == worker))
            return true;
    }
    return false;
}

engine::EngineSnapshot lastSnapshot(QSignalSpy& spy)
{
    return spy.isEmpty() ? engine::EngineSnapshot {} : spy.last().front().value<engine::EngineSnapshot>();
}

} // namespace

class TestLivePanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QSettings().clear(); }

    void driveTheRealEngine()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* panel = qobject_cast<LivePanel*>(window.panel(QStringLiteral("live")));
        QVERIFY(panel);
        window.tabs()->setCurrentWidget(panel);
        const auto testers = testAllModels(*panel);
        auto* start = window.findChild<QAction*>(QStringLiteral("simulationStart"));
        auto* pause = window.findChild<QAction*>(QStringLiteral("simulationPause"));
        auto* stop = window.findChild<QAction*>(QStringLiteral("simulationStop"));
        QVERIFY(start->isEnabled());
        QVERIFY(!stop->isEnabled());
        panel->liveControls()->setConfig(smallScenario(2, 2'000));
        QSignalSpy snapshots(panel->engine(), &engine::Engine::snapshot);
        QSignalSpy finished(panel->engine(), &engine::Engine::finished);
        QSignalSpy saved(panel, &LivePanel::runSaved);

        // Start (F5): snapshots reach the charts and the tiles.
        start->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(stop->isEnabled(), kLong);
        QVERIFY(!start->isEnabled());
        QVERIFY(pause->isEnabled());
        QVERIFY(!panel->liveControls()->auctionCombo()->isEnabled()); // fixed while running, and says so
        QVERIFY(panel->liveControls()->auctionCombo()->toolTip().contains(QStringLiteral("stop the run")));
        LiveChartGrid* charts = panel->dashboard()->charts();
        QTRY_VERIFY_WITH_TIMEOUT(charts->chart(LiveChartGrid::Qps)->series(0)->count() >= 10, kLong);
        for (int c = 0; c < LiveChartGrid::ChartCount; ++c)
            QTRY_VERIFY_WITH_TIMEOUT(charts->chart(LiveChartGrid::Chart(c))->series(0)->count() > 0, kLong);
        QTRY_VERIFY_WITH_TIMEOUT(panel->dashboard()->kpis()->tile(0)->value() != QStringLiteral("—"), kLong);
        QTRY_COMPARE_WITH_TIMEOUT(panel->dashboard()->workerModel()->rowCount(), 2, kLong);
        QTRY_VERIFY_WITH_TIMEOUT(panel->dashboard()->campaignModel()->rowCount() == 20, kLong);
        QVERIFY(panel->currentReport().has_value()); // the run in progress can be exported

        // Workers slider 2 -> 4: the engine spawns two more and they run.
        panel->liveControls()->workersSlider()->setValue(4);
        QTRY_COMPARE_WITH_TIMEOUT(lastSnapshot(snapshots).workerCount, 4, kLong);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto workers = lastSnapshot(snapshots).workers;
                return std::count_if(workers.cbegin(), workers.cend(),
                                     [](const engine::WorkerRow& w) { return w.state == engine::WorkerState::Running; })
                    == 4;
            }(),
            kLong);
        QTRY_COMPARE_WITH_TIMEOUT(panel->dashboard()->workerModel()->rowCount(), 4, kLong);

        // QPS slider to about 5,000: the engine's target follows, and so does the chart's target line.
        QSlider* qps = panel->liveControls()->qpsSlider();
        qps->setValue(qps_scale::positionOf(5'000));
        const qint64 wanted = qps_scale::qpsAt(qps->value());
        QTRY_COMPARE_WITH_TIMEOUT(lastSnapshot(snapshots).targetQps, wanted, kLong);
        QLineSeries* target = charts->chart(LiveChartGrid::Qps)->series(1);
        QTRY_COMPARE_WITH_TIMEOUT(target->at(target->count() - 1).y(), double(wanted) / 1000, kLong);

        // Strategy: constant at 1.5 CPM reaches the engine between ticks.
        auto* strategy = panel->liveControls()->strategyCombo();
        strategy->setCurrentIndex(strategy->findData(QStringLiteral("constant")));
        QTRY_COMPARE_WITH_TIMEOUT(panel->engine()->config().strategy.kind, bidding::StrategyKind::Constant, kLong);
        // Max bid 0.5 CPM for every campaign: the engine gets it, and second-price wins then pay 0.5 CPM at most.
        auto* bidCap = panel->liveControls()->findChild<QDoubleSpinBox*>(QStringLiteral("bidCap"));
        QVERIFY(bidCap);
        bidCap->setValue(0.5);
        QTRY_COMPARE_WITH_TIMEOUT(panel->engine()->config().strategy.maxBidCpm, Micros(500'000), kLong);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const engine::Counters& tick = lastSnapshot(snapshots).tickCounters;
                return tick.wins > 10 && tick.spend * 1000 <= 500'000 * tick.wins;
            }(),
            kLong);

        // Unlimited QPS, then back to a target.
        panel->liveControls()->unlimitedCheck()->setChecked(true);
        QTRY_COMPARE_WITH_TIMEOUT(lastSnapshot(snapshots).targetQps, 0, kLong); // 0 = unlimited
        panel->liveControls()->unlimitedCheck()->setChecked(false);
        QTRY_COMPARE_WITH_TIMEOUT(lastSnapshot(snapshots).targetQps, wanted, kLong);

        // Kill process: worker 1 dies by SIGKILL, the engine notices and restarts it.
        QTRY_VERIFY_WITH_TIMEOUT(panel->dashboard()->workerModel()->rowOfWorker(1) >= 0, kLong);
        const qint64 oldPid = lastSnapshot(snapshots).workers[1].pid;
        QVERIFY(oldPid > 0);
        QTableView* workerView = panel->dashboard()->workerView();
        const auto* proxy = qobject_cast<QSortFilterProxyModel*>(workerView->model());
        workerView->selectRow(proxy
                                  ->mapFromSource(panel->dashboard()->workerModel()->index(
                                      panel->dashboard()->workerModel()->rowOfWorker(1), 0))
                                  .row());
        QVERIFY(panel->dashboard()->killAction()->isEnabled());
        panel->dashboard()->killAction()->trigger();
        const auto restarted = [&] {
            for (const engine::WorkerRow& w : lastSnapshot(snapshots).workers) {
                if (w.id == 1)
                    return w.restarts >= 1 && w.state == engine::WorkerState::Running && w.pid != oldPid;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(restarted(), kLong);
        EventLogModel* events = panel->dashboard()->eventModel();
        QTRY_VERIFY_WITH_TIMEOUT(hasEvent(*events, engine::EventKind::WorkerCrashed, 1), kLong);
        QTRY_VERIFY_WITH_TIMEOUT(hasEvent(*events, engine::EventKind::WorkerRestarted, 1), kLong);
        // Both are marked on the charts ("worker 1 died", "worker 1 back").
        const LiveChart* qpsChart = panel->dashboard()->charts()->chart(LiveChartGrid::Qps);
        QTRY_VERIFY_WITH_TIMEOUT(qpsChart->markerCount() >= 2, kLong);
        QCOMPARE(qpsChart->markerLabel(0)->text(), QStringLiteral("worker 1 died"));
        WorkerTableModel* workers = panel->dashboard()->workerModel();
        QTRY_VERIFY_WITH_TIMEOUT(
            workers->index(workers->rowOfWorker(1), WorkerTableModel::Restarts).data().toInt() >= 1, kLong);
        keepPicture(window, QStringLiteral("panel-workers.png"));
        panel->dashboard()->details()->setCurrentIndex(1);
        QTest::qWait(1500);
        keepPicture(window, QStringLiteral("panel-campaigns.png"));
        panel->dashboard()->details()->setCurrentIndex(2);
        QTest::qWait(300);
        keepPicture(window, QStringLiteral("panel-events.png"));
        panel->dashboard()->details()->setCurrentIndex(0);

        // Pause and resume (F6).
        pause->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(start->text(), QStringLiteral("Resume"), kLong);
        QCOMPARE(panel->engine()->state(), engine::EngineState::Paused);
        pause->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(start->text(), QStringLiteral("Start"), kLong);
        QCOMPARE(panel->engine()->state(), engine::EngineState::Running);

        // Training's "Deploy to bidders" reaches the running engine through the window; the workers take it.
        QTemporaryDir modelDir;
        const QString modelPath = modelDir.filePath(QStringLiteral("model.json"));
        QJsonObject json = bidding::CtrModel::builtInDefault().toJson();
        QJsonObject logistic = json.value(QStringLiteral("logistic")).toObject();
        logistic.insert(QStringLiteral("bias"), logistic.value(QStringLiteral("bias")).toDouble() - 0.5);
        json.insert(QStringLiteral("logistic"), logistic);
        const bidding::CtrModel model = *bidding::CtrModel::fromJson(json);
        QVERIFY(model.save(modelPath).ok());
        const QString fingerprint
            = QString::number(engine::modelFingerprint(model), 16).rightJustified(16, QLatin1Char('0')).left(8);
        QVERIFY(workers->index(0, WorkerTableModel::Model).data().toString() != fingerprint);
        QVERIFY(window.deployModel(modelPath));
        QTRY_VERIFY_WITH_TIMEOUT(hasEvent(*events, engine::EventKind::ModelDeployed, -1), kLong);
        // The workers report the new model's fingerprint.
        QTRY_COMPARE_WITH_TIMEOUT(workers->index(0, WorkerTableModel::Model).data().toString(), fingerprint, kLong);

        // Stop (Shift+F5): the run drains, balances, and lands in the history.
        stop->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kLong);
        const auto summary = finished.front().front().value<engine::RunSummary>();
        QVERIFY(summary.accountingBalanced());
        QVERIFY(summary.workerRestarts >= 1);
        QTRY_VERIFY_WITH_TIMEOUT(start->isEnabled(), kLong);
        QVERIFY(panel->liveControls()->auctionCombo()->isEnabled());
        QVERIFY(!window.deployModel(modelPath)); // nothing runs: the window says so
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, kLong);
        const qint64 runId = saved.front().front().toLongLong();
        QTRY_VERIFY_WITH_TIMEOUT(panel->history()->model()->rowOfRun(runId) >= 0, kLong);
        // The tiles show the run's final totals (exact in the tooltip).
        QCOMPARE(panel->dashboard()->kpis()->tile(0)->toolTip().section(QLatin1Char('\n'), 0, 0),
                 groupedCount(summary.totals.generated));

        // Export: CSV (the per-second series, read back) and PDF (pages, rendered when pdftoppm is there).
        const std::optional<report::Report> report = panel->currentReport();
        QVERIFY(report.has_value());
        QTemporaryDir dir;
        const QString csvPath = dir.filePath(QStringLiteral("run.csv"));
        const QString pdfPath = dir.filePath(QStringLiteral("run.pdf"));
        QVERIFY(exportReport(*report, csvPath).ok());
        QVERIFY(exportReport(*report, pdfPath).ok());
        checkCsv(csvPath, summary);
        checkPdf(pdfPath, dir);
        if (const QString keep = qEnvironmentVariable("BIDLAB_SCREENSHOT_DIR"); !keep.isEmpty())
            QFile::copy(pdfPath, keep + QStringLiteral("/run-report.pdf"));
    }

    void historyOpensOverlaysRerunsAndDeletes()
    {
        // Two short runs of fixed length, recorded by the panel.
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* panel = qobject_cast<LivePanel*>(window.panel(QStringLiteral("live")));
        const auto testers = testAllModels(*panel);
        QSignalSpy saved(panel, &LivePanel::runSaved);
        for (const qint64 qps : { 1'000, 3'000 }) {
            engine::EngineConfig config = smallScenario(1, qps);
            config.durationSeconds = 3;
            panel->liveControls()->setConfig(config);
            QVERIFY(panel->start());
            QTRY_COMPARE_WITH_TIMEOUT(saved.size(), qps == 1'000 ? 1 : 2, kLong);
        }
        const qint64 first = saved[0].front().toLongLong();
        const qint64 second = saved[1].front().toLongLong();
        RunHistoryView* history = panel->history();
        panel->pages()->setCurrentWidget(history);
        QTRY_VERIFY_WITH_TIMEOUT(history->model()->rowOfRun(second) >= 0, kLong);

        // Open one: its charts are drawn again from the stored series.
        QSignalSpy shown(history, &RunHistoryView::shown);
        history->selectRuns({ first });
        history->openSelected();
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, kLong);
        QCOMPARE(history->shownRuns(), QList<qint64> { first });
        QVERIFY(history->chart(0)->chart()->series().size() >= 1);
        QVERIFY(panel->currentReport()->title.contains(QStringLiteral("#%1").arg(first)));

        // Overlay both.
        history->selectRuns({ first, second });
        history->overlaySelected();
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 2, kLong);
        QCOMPARE(history->shownRuns(), (QList<qint64> { first, second }));
        QCOMPARE(history->chart(1)->chart()->series().size(), 4); // bid and win rate of each run
        keepPicture(window, QStringLiteral("panel-history.png"));

        // Re-run the first from its stored scenario.
        history->selectRuns({ first });
        history->rerunSelected();
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 3, kLong);
        QCOMPARE(panel->lastRun()->scenario.value(QStringLiteral("targetQps")).toInteger(), 1'000);

        // Delete the second.
        history->selectRuns({ second });
        history->deleteSelected(false);
        QTRY_COMPARE_WITH_TIMEOUT(history->model()->rowOfRun(second), -1, kLong);
        QVERIFY(history->model()->rowOfRun(first) >= 0);
    }

    void settingsAndFileActionsPersist()
    {
        {
            MainWindow window;
            auto* panel = qobject_cast<LivePanel*>(window.panel(QStringLiteral("live")));
            QMenu* file = window.menuBar()->actions().front()->menu();
            QVERIFY(file->actions().contains(window.findChild<QAction*>(QStringLiteral("openScenario"))));
            QVERIFY(file->actions().contains(window.findChild<QAction*>(QStringLiteral("saveScenario"))));
            panel->liveControls()->setConfig(smallScenario(5, 12'000));
            panel->liveControls()->setChartWindowSeconds(300);
            panel->pages()->setCurrentIndex(1);
            window.saveSettings();
        }
        MainWindow again;
        auto* panel = qobject_cast<LivePanel*>(again.panel(QStringLiteral("live")));
        QCOMPARE(panel->liveControls()->config(), smallScenario(5, 12'000));
        QCOMPARE(panel->liveControls()->chartWindowSeconds(), 300.0);
        QCOMPARE(panel->dashboard()->charts()->chart(LiveChartGrid::Qps)->window(), 300.0);
        QCOMPARE(panel->pages()->currentIndex(), 1);
    }

    void badScenarioIsReportedAndNothingStarts()
    {
        MainWindow window;
        auto* panel = qobject_cast<LivePanel*>(window.panel(QStringLiteral("live")));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"workers\": \"many\"");
        file.close();
        const Status loaded = panel->loadScenario(path);
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().contains(QStringLiteral("bad.json")), qPrintable(loaded.error()));
        panel->applyStartupOptions({ { QStringLiteral("scenario"), path }, { QStringLiteral("start"), true } });
        QCOMPARE(panel->engine()->state(), engine::EngineState::Idle);
        panel->dashboard()->redraw();
        QVERIFY(hasEvent(*panel->dashboard()->eventModel(), engine::EventKind::ConfigRejected, -1));

        // A config the engine refuses (a scenario naming a model file that is not there): no run, and a message
        // in the event log naming the field.
        engine::EngineConfig refused = smallScenario(2, 1'000);
        refused.modelPath = dir.filePath(QStringLiteral("missing-model.json"));
        panel->liveControls()->setConfig(refused);
        QVERIFY(!panel->start());
        QCOMPARE(panel->engine()->state(), engine::EngineState::Idle);
        panel->dashboard()->redraw();
        EventLogModel* events = panel->dashboard()->eventModel();
        const engine::EngineEvent& last = events->eventAt(events->rowCount() - 1);
        QCOMPARE(last.kind, engine::EventKind::ConfigRejected);
        QVERIFY2(last.text.contains(QStringLiteral("'model'")), qPrintable(last.text));

        // A scenario saved and loaded again is the same config.
        const QString good = dir.filePath(QStringLiteral("good.json"));
        panel->liveControls()->setConfig(smallScenario(3, 12'345));
        QVERIFY(panel->saveScenario(good).ok());
        panel->liveControls()->setConfig(smallScenario(1, 100));
        QVERIFY(panel->loadScenario(good).ok());
        QCOMPARE(panel->liveControls()->config(), smallScenario(3, 12'345));
    }

private:
    void checkCsv(const QString& path, const engine::RunSummary& summary)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        std::string error;
        const auto rows = csv::readAll(std::string_view(bytes.constData(), std::size_t(bytes.size())), {}, &error);
        QVERIFY2(rows.has_value(), error.c_str());
        QVERIFY(rows->size() >= 2);
        const std::vector<std::string>& header = rows->front();
        const auto column = [&](const char* name) {
            const auto at = std::find(header.cbegin(), header.cend(), std::string(name));
            return at == header.cend() ? -1 : int(at - header.cbegin());
        };
        const int second = column("second");
        const int generated = column("generated");
        const int spend = column("spend");
        QVERIFY(second == 0 && generated > 0 && spend > 0);
        QCOMPARE(qsizetype(rows->size()) - 1, summary.series.size());
        qint64 sum = 0;
        Micros spent = 0;
        for (std::size_t i = 1; i < rows->size(); ++i) {
            const auto& row = (*rows)[i];
            QCOMPARE(csv::parseInt(row[std::size_t(second)]).value(), qint64(i - 1));
            sum += csv::parseInt(row[std::size_t(generated)]).value();
            spent += parseMicros(row[std::size_t(spend)]).value();
        }
        QCOMPARE(sum, summary.totals.generated); // exact: every request of the run, second by second
        QCOMPARE(spent, summary.totals.spend);
    }

    void checkPdf(const QString& path, const QTemporaryDir& dir)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray pdf = file.readAll();
        QVERIFY(pdf.startsWith("%PDF-"));
        QVERIFY(pdf.contains("/Type /Page") || pdf.contains("/Type/Page"));
        const QString pdftoppm = QStandardPaths::findExecutable(QStringLiteral("pdftoppm"));
        if (pdftoppm.isEmpty())
            return; // the page count above is all we can check without poppler-utils
        const QString prefix = dir.filePath(QStringLiteral("page"));
        const auto result = test::runProgram(pdftoppm,
                                             { QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("40"),
                                               QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"),
                                               QStringLiteral("2"), path, prefix });
        QCOMPARE(result.exitCode, 0);
        for (const char* page : { "-1.png", "-2.png" }) {
            const QImage image(prefix + QLatin1String(page));
            QVERIFY2(!image.isNull(), page);
            QVERIFY(test::inkRatio(image) > 0.01);
        }
    }
};

BIDLAB_TEST_MAIN_GUI(TestLivePanel)
#include "test_live_panel.moc"
