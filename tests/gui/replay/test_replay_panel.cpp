// SPDX-License-Identifier: MIT
// The Replay tab: runs a replay as a job, shows the figures, the episodes and a row per run; cancels; fails
// with the reason; remembers its settings.
#include "core/jobs/job_tracker.h"
#include "tests/common/test_support.h"
#include "ui/replay/replay_controls.h"
#include "ui/replay/replay_panel.h"
#include "ui/report/report_table_model.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QSettings>
#include <QSignalSpy>
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
    }
};

BIDLAB_TEST_MAIN_GUI(ReplayPanelTest)
#include "test_replay_panel.moc"
