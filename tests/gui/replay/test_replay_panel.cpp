// SPDX-License-Identifier: MIT
// The Replay tab: runs a replay as a job, shows the figures, the episodes and a row per run; cancels; fails
// with the reason; remembers its settings; hands a replay to the Live bidding tab (Run live).
#include "core/engine/engine.h"
#include "core/jobs/job_tracker.h"
#include "core/replay/replay_input.h"
#include "tests/common/test_support.h"
#include "ui/live/live_controls.h"
#include "ui/live/live_panel.h"
#include "ui/mainwindow/main_window.h"
#include "ui/replay/replay_controls.h"
#include "ui/replay/replay_panel.h"
#include "ui/report/report_table_model.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>

using namespace bidlab;
using namespace bidlab::ui;
using Outcome = jobs::JobTracker::Outcome;

namespace {

// Waits for the panel's job to end and returns its outcome.
Outcome waitForJob(QSignalSpy& finished)
{
    if (finished.isEmpty() && !finished.wait(120'000))
        return Outcome::Failed;
    return finished.takeFirst().at(0).value<Outcome>();
}

} // namespace

class ReplayPanelTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QSettings().clear(); }

    void runsAndComparesStrategies()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(folder, "ipinyou/2261");
        ReplayPanel panel;
        QAbstractItemModelTester episodes(panel.episodeModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester runs(panel.runModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(panel.key(), QStringLiteral("replay"));
        QVERIFY(!panel.currentReport().has_value());
        QSignalSpy finished(panel.tracker(), &jobs::JobTracker::finished);
        QSignalSpy reportChanged(&panel, &Panel::reportChanged);

        panel.replayControls()->setCampaignFolder(folder);
        panel.replayControls()->setLog(folder + QStringLiteral("/2261.validation.txt"));
        panel.replayControls()->setStrategy(QStringLiteral("rlb"));
        QVERIFY(panel.run());
        QCOMPARE(waitForJob(finished), Outcome::Succeeded);
        // REPLAY.md §8 for 2261, RLB.
        QCOMPARE(panel.kpiText(QStringLiteral("Impressions")), QStringLiteral("16259"));
        QCOMPARE(panel.kpiText(QStringLiteral("Clicks")), QStringLiteral("41"));
        QCOMPARE(panel.kpiText(QStringLiteral("Cost (CPM units)")), QStringLiteral("277907"));
        QCOMPARE(panel.episodeModel()->rowCount(), 100);
        QCOMPARE(panel.runModel()->rowCount(), 1);
        QCOMPARE(reportChanged.count(), 1);

        panel.replayControls()->setStrategy(QStringLiteral("mcpc"));
        QVERIFY(panel.run());
        QCOMPARE(waitForJob(finished), Outcome::Succeeded);
        QCOMPARE(panel.runModel()->rowCount(), 2);
        const QAbstractItemModel* model = panel.runModel();
        QCOMPARE(model->data(model->index(1, 2)).toString(), QStringLiteral("Mcpc"));
        QCOMPARE(model->data(model->index(1, 7)).toString(), QStringLiteral("7987"));
        QCOMPARE(model->data(model->index(0, 7)).toString(), QStringLiteral("16259"));

        const auto report = panel.currentReport();
        QVERIFY(report.has_value());
        QCOMPARE(report->tables.size(), 2); // the episodes, then the comparison of runs
        QCOMPARE(report->tables[1].rows.size(), 2);
        QCOMPARE(report->charts.size(), 2);
    }
    void failureSaysWhy()
    {
        QTemporaryDir dir;
        ReplayPanel panel;
        QSignalSpy finished(panel.tracker(), &jobs::JobTracker::finished);
        QSignalSpy status(&panel, &Panel::statusMessage);
        panel.replayControls()->setCampaignFolder(dir.path());
        panel.replayControls()->setLog(dir.filePath(QStringLiteral("missing.txt")));
        QVERIFY(panel.run());
        QCOMPARE(waitForJob(finished), Outcome::Failed);
        QVERIFY(!status.isEmpty());
        QVERIFY2(status.last().at(0).toString().startsWith(QStringLiteral("Cannot open the campaign file")),
                 qPrintable(status.last().at(0).toString()));
        QVERIFY(!panel.currentReport().has_value());

        ReplayPanel empty;
        empty.replayControls()->setCampaignFolder(QString());
        QSignalSpy emptyStatus(&empty, &Panel::statusMessage);
        QVERIFY(!empty.run());
        QCOMPARE(emptyStatus.last().at(0).toString(),
                 QStringLiteral("Choose a campaign folder (one holding info.json)."));
    }
    void cancelStopsALongTable()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(folder, "ipinyou/3358");
        ReplayPanel panel;
        QSignalSpy finished(panel.tracker(), &jobs::JobTracker::finished);
        panel.replayControls()->setCampaignFolder(folder);
        panel.replayControls()->setLog(folder + QStringLiteral("/3358.validation.txt"));
        panel.replayControls()->setStrategy(QStringLiteral("rlb"));
        panel.replayControls()
            ->findChild<QComboBox*>(QStringLiteral("replayC0"))
            ->setCurrentText(QStringLiteral("1/2"));
        QVERIFY(panel.run()); // B = 46,190: a value table of 46 million entries, seconds of work
        QTest::qWait(50);
        panel.tracker()->cancel();
        QCOMPARE(waitForJob(finished), Outcome::Canceled);
        QCOMPARE(panel.runModel()->rowCount(), 0);
    }
    void settingsRoundTrip()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(folder, "ipinyou/2997");
        {
            ReplayPanel panel;
            panel.replayControls()->setCampaignFolder(folder);
            panel.replayControls()->setStrategy(QStringLiteral("ssmdp"));
            QSettings settings;
            settings.beginGroup(panel.key());
            panel.saveSettings(settings);
        }
        ReplayPanel again;
        QSettings settings;
        settings.beginGroup(again.key());
        again.restoreSettings(settings);
        const auto params = again.replayControls()->params();
        QVERIFY2(params.ok(), qPrintable(params.error()));
        QCOMPARE(params->strategy.name, QStringLiteral("ssmdp"));
        QCOMPARE(params->infoPath, folder + QStringLiteral("/info.json"));
        QCOMPARE(params->logPath, folder + QStringLiteral("/2997.validation.txt"));
        QCOMPARE(params->c0, 1.0 / 32);
        QCOMPARE(params->episodeLength, 1000);
        QCOMPARE(again.replayControls()->liveQps(), qint64(20'000));
    }
    void runLiveHandsTheReplayToTheLiveTab()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(folder, "ipinyou/1458");
        MainWindow window;
        auto* replayPanel = qobject_cast<ReplayPanel*>(window.panel(QStringLiteral("replay")));
        auto* live = qobject_cast<LivePanel*>(window.panel(QStringLiteral("live")));
        QVERIFY(replayPanel && live);
        // The window routes the request to MainWindow::runLive; the test routes it there itself, adding the
        // worker program of the build tree (the test's own folder has none beside it).
        QVERIFY(QObject::disconnect(replayPanel, &Panel::runLiveRequested, &window, &MainWindow::runLive));
        QList<engine::EngineConfig> handed;
        std::optional<Status> started;
        connect(replayPanel, &Panel::runLiveRequested, &window, [&](engine::EngineConfig config) {
            handed.append(config);
            config.workerExecutable = QStringLiteral(BIDLAB_WORKER);
            started = window.runLive(config);
        });
        window.tabs()->setCurrentWidget(replayPanel);

        ReplayControls* controls = replayPanel->replayControls();
        controls->setCampaignFolder(folder);
        controls->setLog(folder + QStringLiteral("/1458.validation.txt"));
        controls->setStrategy(QStringLiteral("linear"));
        controls->findChild<QDoubleSpinBox*>(QStringLiteral("replayB0"))->setValue(45); // REPLAY.md §6
        controls->setLiveQps(50'000);
        controls->findChild<QPushButton*>(QStringLiteral("runReplayLive"))->click();

        QTRY_VERIFY_WITH_TIMEOUT(started.has_value(), 120'000);
        QVERIFY2(started->ok(), qPrintable(started->error()));
        QCOMPARE(handed.size(), 1);
        const engine::EngineConfig& config = handed.first();
        QCOMPARE(config.traffic.kind, QStringLiteral("ipinyou"));
        QVERIFY(config.deterministic && config.exactBudgets);
        QVERIFY(!config.unlimitedQps);
        QCOMPARE(config.targetQps, qint64(50'000));
        QCOMPARE(config.world.campaigns.size(), std::size_t(1));
        QCOMPARE(config.world.campaigns[0].dailyBudget, Micros(2152) * replay::kPriceUnitMicros / 1000);
        QCOMPARE(window.tabs()->currentWidget(), live);
        QVERIFY(live->liveControls()->config().traffic == config.traffic); // shown in the Live tab's controls

        // The Live tab runs it like any run, and its totals are the replay's (REPLAY.md §8: 1458, Lin).
        QTRY_VERIFY_WITH_TIMEOUT(live->lastRun().has_value(), 180'000);
        const engine::RunSummary& run = *live->lastRun();
        QCOMPARE(run.endState, engine::EngineState::Finished);
        QCOMPARE(run.totals.generated, std::int64_t(100'000));
        QCOMPARE(run.totals.wins, std::int64_t(9507));
        QCOMPARE(run.totals.clicks, std::int64_t(22));
        QCOMPARE(run.totals.spend, Micros(157'450) * replay::kPriceUnitMicros / 1000);
        QCOMPARE(replayPanel->kpiText(QStringLiteral("Impressions")), QStringLiteral("9507"));
        QTRY_VERIFY_WITH_TIMEOUT(live->lastSavedRunId() >= 0, 30'000); // in the run history
    }
    void runLiveRefusesTheReplaysOwnStrategies()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(folder, "ipinyou/1458");
        ReplayPanel panel;
        QSignalSpy finished(panel.tracker(), &jobs::JobTracker::finished);
        QSignalSpy status(&panel, &Panel::statusMessage);
        QSignalSpy requested(&panel, &Panel::runLiveRequested);
        panel.replayControls()->setCampaignFolder(folder);
        panel.replayControls()->setLog(folder + QStringLiteral("/1458.validation.txt"));
        panel.replayControls()->setStrategy(QStringLiteral("mcpc"));
        QVERIFY(panel.runLive());
        QCOMPARE(waitForJob(finished), Outcome::Succeeded);
        QCOMPARE(panel.runModel()->rowCount(), 1); // the replay itself ran
        QCOMPARE(requested.count(), 0);
        QVERIFY2(status.last().at(0).toString().startsWith(QStringLiteral("The replay cannot run live")),
                 qPrintable(status.last().at(0).toString()));
    }
};

BIDLAB_TEST_MAIN_GUI(ReplayPanelTest)
#include "test_replay_panel.moc"
