// SPDX-License-Identifier: MIT
// The Parallelism lab tab: the last tab of the window; Run with real threads and worker processes fills the
// chart, the tables and the explanation; Cancel stops the worker processes; the report exports; settings stay.
#include "core/jobs/job_tracker.h"
#include "tests/common/image_checks.h"
#include "tests/common/test_support.h"
#include "tests/integration/lab/child_processes.h"
#include "ui/jobs/job_view.h"
#include "ui/lab/lab_panel.h"
#include "ui/lab/lab_settings_form.h"
#include "ui/mainwindow/main_window.h"
#include "ui/report/report_export.h"
#include "ui/training/report_table_model.h"

#include <unistd.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QFileInfo>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>

using namespace bidlab;
using namespace bidlab::ui;

namespace {

lab::ExperimentSpec smallSpec()
{
    return { .workload = { lab::TaskKind::Primes, 20'000, 4, 0 },
             .executors = { lab::ExecutorKind::Threads, lab::ExecutorKind::Processes },
             .minWorkers = 1,
             .maxWorkers = 2,
             .repeats = 1,
             .workerProgram = {} };
}

struct ShownPanel
{
    LabPanel panel;
    ShownPanel()
    {
        panel.setWorkerProgram(QStringLiteral(BIDLAB_LAB_WORKER));
        panel.controls()->show();
        panel.resize(1100, 750);
        panel.show();
    }
    QPushButton* button(const char* name) const
    {
        return panel.settingsForm()->findChild<QPushButton*>(QString::fromLatin1(name));
    }
};

} // namespace

class LabPanelTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QSettings().clear(); }

    void itIsTheLastTab()
    {
        MainWindow window;
        QTabWidget* tabs = window.tabs();
        QCOMPARE(tabs->tabText(tabs->count() - 1), QStringLiteral("Parallelism lab"));
        QCOMPARE(window.panel(QStringLiteral("lab")), tabs->widget(tabs->count() - 1));
        // Its controls start as the seed's experiment.
        auto* panel = qobject_cast<LabPanel*>(window.panel(QStringLiteral("lab")));
        const lab::ExperimentSpec spec = panel->settingsForm()->spec();
        QCOMPARE(spec.workload.n, std::uint64_t { 100'000 });
        QCOMPARE(spec.workload.tasks, 4);
        QCOMPARE(spec.maxWorkers, 4);
        QVERIFY(!panel->currentReport().has_value());
    }

    void runFillsChartTablesAndExplanation()
    {
        ShownPanel shown;
        LabPanel& panel = shown.panel;
        panel.settingsForm()->setSpec(smallSpec());
        QPushButton* run = shown.button("labRun");
        QVERIFY(run->isEnabled());
        QTest::mouseClick(run, Qt::LeftButton);
        QVERIFY(!run->isEnabled()); // one run at a time
        QVERIFY(shown.button("labCancel")->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(panel.lastResult().has_value(), 120'000);
        QTRY_VERIFY(run->isEnabled());

        const lab::ExperimentResult& result = *panel.lastResult();
        QVERIFY(result.resultsIdentical);
        QCOMPARE(result.results, (std::vector<std::uint64_t>(4, 2262)));
        QAbstractItemModelTester tester(const_cast<ReportTableModel*>(panel.figuresModel()),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(panel.figuresModel()->rowCount(), 5); // sequential, threads × 1..2, processes × 1..2
        QCOMPARE(panel.figuresModel()->index(0, 0).data().toString(), QStringLiteral("sequential"));
        QCOMPARE(panel.figuresModel()->index(4, 0).data().toString(), QStringLiteral("processes"));
        QCOMPARE(panel.figuresModel()->index(0, 10).data().toString(), QStringLiteral("—")); // no start-up
        QCOMPARE(panel.chartView()->chart()->series().size(), 3);
        QVERIFY(panel.explanationText().contains(QStringLiteral("Every trial of every executor returned exactly")));
        QVERIFY(panel.explanationText().contains(QStringLiteral("2,262 primes below 20,000")));
        const std::optional<report::Report> report = panel.currentReport();
        QVERIFY(report.has_value());
        QCOMPARE(report->title, QStringLiteral("Parallelism lab"));
        QVERIFY(test::inkRatio(panel.grab().toImage()) > 0.02);
        QVERIFY(test::childProcesses(getpid()).isEmpty());

        QTemporaryDir dir;
        for (const char* name : { "lab.pdf", "lab.xlsx", "lab.csv" }) {
            const QString path = dir.filePath(QString::fromLatin1(name));
            const Status written = exportReport(*report, path);
            QVERIFY2(written.ok(), qPrintable(written.error()));
            QVERIFY(QFileInfo(path).size() > 100);
        }
    }

    void cancelStopsTheWorkerProcesses()
    {
        ShownPanel shown;
        LabPanel& panel = shown.panel;
        // A 4 s baseline, then two processes waiting 2 s each: cancel while they wait.
        lab::ExperimentSpec spec = smallSpec();
        spec.workload = lab::Workload { lab::TaskKind::Wait, 2'000'000, 2, 0 };
        spec.executors = { lab::ExecutorKind::Processes };
        spec.minWorkers = 2;
        panel.settingsForm()->setSpec(spec);
        QTest::mouseClick(shown.button("labRun"), Qt::LeftButton);
        const QList<pid_t> workers = test::waitForChildren(getpid(), 2, 60'000);
        QCOMPARE(workers.size(), 2);
        QTest::mouseClick(shown.button("labCancel"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.tracker()->isRunning(), 10'000);
        QCOMPARE(panel.findChild<JobView*>()->statusText(), QStringLiteral("Cancelled."));
        for (pid_t pid : workers)
            QTRY_VERIFY_WITH_TIMEOUT(test::processGone(pid), 5'000);
        QVERIFY(!panel.lastResult().has_value());
        QVERIFY(shown.button("labRun")->isEnabled());
    }

    void invalidSettingsCannotRun()
    {
        ShownPanel shown;
        lab::ExperimentSpec spec = smallSpec();
        spec.minWorkers = 3;
        spec.maxWorkers = 2;
        shown.panel.settingsForm()->setSpec(spec);
        QVERIFY(!shown.button("labRun")->isEnabled());
    }

    void settingsSurviveARestart()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("lab.ini")), QSettings::IniFormat);
        lab::ExperimentSpec spec = smallSpec();
        spec.workload = lab::Workload { lab::TaskKind::Tiny, 300, 20'000, 5 };
        spec.executors = { lab::ExecutorKind::Processes };
        spec.repeats = 7;
        {
            LabPanel panel;
            panel.settingsForm()->setSpec(spec);
            panel.saveSettings(settings);
        }
        LabPanel again;
        again.restoreSettings(settings);
        const lab::ExperimentSpec restored = again.settingsForm()->spec();
        QCOMPARE(restored.workload.kind, lab::TaskKind::Tiny);
        QCOMPARE(restored.workload.n, std::uint64_t { 300 });
        QCOMPARE(restored.workload.tasks, 20'000);
        QCOMPARE(restored.workload.serialTasks, 5);
        QCOMPARE(restored.executors, QList<lab::ExecutorKind> { lab::ExecutorKind::Processes });
        QCOMPARE(restored.maxWorkers, 2);
        QCOMPARE(restored.repeats, 7);
    }
};

BIDLAB_TEST_MAIN_GUI(LabPanelTest)
#include "test_lab_panel.moc"
