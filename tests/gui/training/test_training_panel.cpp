// SPDX-License-Identifier: MIT
#include "core/jobs/job_tracker.h"
#include "core/train/dataset_writer.h"
#include "core/train/synthetic_ctr.h"
#include "tests/common/test_support.h"
#include "ui/mainwindow/main_window.h"
#include "ui/report/report_table_model.h"
#include "ui/training/training_panel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>

using namespace bidlab;

class TrainingPanelTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_data = m_dir.filePath(QStringLiteral("ctr.csv"));
        QVERIFY(train::writeDatasetCsv(train::generateSyntheticCtr(20'000, 3), m_data));
    }
    void previewTrainAndExport()
    {
        ui::TrainingPanel panel;
        panel.resize(1000, 700);
        panel.show();
        panel.settingsForm()->setDataPath(m_data);
        auto* preview = panel.findChild<QTableView*>(QStringLiteral("preview"));
        QVERIFY(preview);
        QAbstractItemModelTester tester(preview->model());
        QCOMPARE(preview->model()->columnCount(), 16);
        QCOMPARE(preview->model()->headerData(15, Qt::Horizontal).toString(), QStringLiteral("click"));
        QSignalSpy finished(panel.tracker(), &jobs::JobTracker::finished);
        panel.settingsForm()->findChild<QPushButton*>(QStringLiteral("trainButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 120'000);
        QCOMPARE(finished.first().first().value<jobs::JobTracker::Outcome>(), jobs::JobTracker::Outcome::Succeeded);
        QVERIFY(panel.lastOutcome().has_value());
        QVERIFY(panel.metricsText().contains(QStringLiteral("Test AUC")));
        const std::optional<report::Report> report = panel.currentReport();
        QVERIFY(report && report->charts.size() == 4 && !report->tables.isEmpty());
        const QString model = m_dir.filePath(QStringLiteral("m.json"));
        QVERIFY(panel.saveModel(model));
        QVERIFY(bidding::CtrModel::load(model));
    }
    // "Deploy to bidders" in the window: the model is written to the models folder and offered to the panel
    // that drives the engine. No panel of this build runs the live engine yet, and the window says so (the
    // workers' side: tests/integration/train/test_deploy_model.cpp).
    void deployToBiddersInTheWindow()
    {
        ui::MainWindow window;
        auto* panel = qobject_cast<ui::TrainingPanel*>(window.panel(QStringLiteral("training")));
        QVERIFY(panel);
        auto* deploy = panel->findChild<QPushButton*>(QStringLiteral("deployModel"));
        QVERIFY(deploy);
        QVERIFY(!deploy->isEnabled());
        const Expected<QString> early = panel->deployToBidders();
        QVERIFY(!early && early.error().contains(QStringLiteral("no trained model")));

        panel->settingsForm()->setDataPath(m_data);
        QSignalSpy finished(panel->tracker(), &jobs::JobTracker::finished);
        panel->startTraining();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 120'000);
        QVERIFY(deploy->isEnabled());
        QSignalSpy requested(panel, &ui::Panel::deployModelRequested);
        deploy->click();
        QCOMPARE(requested.size(), 1);
        const QString path = requested.first().first().toString();
        QVERIFY(path.startsWith(ui::TrainingPanel::deployedModelsFolder()));
        const Expected<bidding::CtrModel> written = bidding::CtrModel::load(path);
        QVERIFY2(written, qPrintable(written.error()));
        QCOMPARE(written->toJson(), panel->lastOutcome()->model.toJson());
        const QString message = window.statusBar()->currentMessage();
        QVERIFY2(message.contains(QStringLiteral("not deployed")) && message.contains(path), qPrintable(message));
        QVERIFY(!window.deployModel(path));
    }
    void tuneFillsTheLeaderboard()
    {
        ui::TrainingPanel panel;
        panel.settingsForm()->setDataPath(m_data);
        panel.settingsForm()->findChild<QComboBox*>(QStringLiteral("modelKind"))->setCurrentIndex(1);
        panel.settingsForm()
            ->findChild<QPlainTextEdit*>(QStringLiteral("searchSpace"))
            ->setPlainText(QStringLiteral("maxDepth=3,6\ntrees=5"));
        QAbstractItemModelTester tester(const_cast<ui::ReportTableModel*>(panel.leaderboardModel()));
        QSignalSpy finished(panel.tracker(), &jobs::JobTracker::finished);
        panel.startTuning();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 120'000);
        QCOMPARE(finished.first().first().value<jobs::JobTracker::Outcome>(), jobs::JobTracker::Outcome::Succeeded);
        QCOMPARE(panel.leaderboardModel()->rowCount(), 2);
        QCOMPARE(panel.leaderboardModel()->index(0, 3).data().toString(), QStringLiteral("finished"));
    }
    void badSearchSpaceIsExplained()
    {
        ui::TrainingPanel panel;
        panel.settingsForm()->setDataPath(m_data);
        panel.settingsForm()
            ->findChild<QPlainTextEdit*>(QStringLiteral("searchSpace"))
            ->setPlainText(QStringLiteral("depth=abc"));
        panel.startTuning();
        QVERIFY(panel.metricsText().contains(QStringLiteral("depth=abc")));
        QVERIFY(!panel.tracker()->isRunning());
    }

private:
    QTemporaryDir m_dir;
    QString m_data;
};

BIDLAB_TEST_MAIN_GUI(TrainingPanelTest)
#include "test_training_panel.moc"
