// SPDX-License-Identifier: MIT
// The A/B tests panel on a real window: tables in, a job, the results model (checked by
// QAbstractItemModelTester), sorting, the per-comparison page, the forest plot, a new correction without a new
// job, cancel, export, and the session coming back.
#include "core/jobs/job_tracker.h"
#include "core/stats/ab_loader.h"
#include "tests/common/test_support.h"
#include "tests/unit/stats/stats_fixtures.h"
#include "ui/abtests/ab_results_model.h"
#include "ui/abtests/abtests_panel.h"
#include "ui/abtests/column_mapping_dialog.h"
#include "ui/abtests/experiment_detail.h"
#include "ui/abtests/forest_plot.h"
#include "ui/abtests/planning_view.h"
#include "ui/report/report_export.h"

#include <random>

#include <QAbstractItemModelTester>
#include <QChart>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>

using namespace bidlab;
using namespace bidlab::ui;

namespace {

constexpr int kTimeoutMs = 60'000;

// Three experiments: one clear winner, one null, one with small counts.
const char* const kTable = "experiment,variant,impressions,clicks\n"
                           "banner,control,50000,500\n"
                           "banner,B,50000,640\n"
                           "search,control,40000,800\n"
                           "search,B,40100,790\n"
                           "tiny,control,60,1\n"
                           "tiny,B,62,4\n"
                           "broken,control,,3\n";

} // namespace

class AbTestsPanelTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QSettings().clear(); }

    void analysesATable()
    {
        AbTestsPanel panel;
        panel.resize(1200, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy analysed(&panel, &AbTestsPanel::analysisChanged);
        panel.openFiles({ write(QStringLiteral("table.csv"), kTable) });
        QTRY_COMPARE_WITH_TIMEOUT(analysed.count(), 1, kTimeoutMs);

        const stats::Analysis* a = panel.analysis();
        QVERIFY(a);
        QCOMPARE(int(a->comparisons.size()), 3);
        QCOMPARE(a->dataset->rejectedRows, 1);
        auto* proxy = qobject_cast<QSortFilterProxyModel*>(panel.resultsView()->model());
        auto* model = qobject_cast<AbResultsModel*>(proxy->sourceModel());
        QAbstractItemModelTester modelTester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(proxy->rowCount(), 3);
        QCOMPARE(model->index(0, AbResultsModel::Experiment).data().toString(), QStringLiteral("banner"));
        QCOMPARE(model->index(0, AbResultsModel::Decision).data().toString(), QStringLiteral("significant increase"));
        QCOMPARE(model->index(2, AbResultsModel::Control).data().toString(), QStringLiteral("1.667 %"));

        // Sorting by p puts the winner first and keeps numbers in numeric order.
        panel.resultsView()->sortByColumn(AbResultsModel::PValue, Qt::DescendingOrder);
        double previous = 2;
        for (int r = 0; r < proxy->rowCount(); ++r) {
            const double p = proxy->index(r, AbResultsModel::PValue).data(AbResultsModel::SortRole).toDouble();
            QVERIFY(p <= previous);
            previous = p;
        }
        QCOMPARE(proxy->index(2, AbResultsModel::Experiment).data().toString(), QStringLiteral("banner"));

        // The selected comparison's page has every test, Fisher's included (small counts: the primary test).
        panel.resultsView()->selectRow(proxy->rowCount() - 1);
        const QString page = panel.detail()->toPlainText();
        QVERIFY2(page.contains(QStringLiteral("banner: control → B")), qPrintable(page));
        QVERIFY(page.contains(QStringLiteral("Chi-square with Yates' correction")));
        QVERIFY(page.contains(QStringLiteral("Fisher's exact test")));
        QVERIFY(!page.contains(QStringLiteral("not computed")));

        // The forest plot draws the comparisons with a lift: dot, interval and the zero line.
        QTRY_VERIFY(panel.forestPlot()->shownRows() == 3);
        QVERIFY(panel.forestPlot()->chart()->series().size() >= 1 + 3 * 2);

        // The Notes tab names the row that was left out.
        auto* notes = panel.findChild<QPlainTextEdit*>(QStringLiteral("abtestsNotes"));
        QVERIFY(notes->toPlainText().contains(QStringLiteral("table.csv, line 8: 'impressions' is empty")));
    }

    void correctionChangesWithoutANewJob()
    {
        AbTestsPanel panel;
        QSignalSpy analysed(&panel, &AbTestsPanel::analysisChanged);
        panel.openFiles({ write(QStringLiteral("table.csv"), kTable) });
        QTRY_COMPARE_WITH_TIMEOUT(analysed.count(), 1, kTimeoutMs);
        const double holm = *panel.analysis()->comparisons[0].adjustedPValue; // the smallest p: times 3
        QSignalSpy started(panel.tracker(), &jobs::JobTracker::started);
        auto* correction = panel.controls()->findChild<QComboBox*>(QStringLiteral("correction"));
        correction->setCurrentIndex(correction->findData(QStringLiteral("none")));
        QCOMPARE(analysed.count(), 2); // at once, on the GUI thread
        QCOMPARE(started.count(), 0);
        QCOMPARE(panel.analysis()->options.correction, stats::Correction::None);
        QCOMPARE(*panel.analysis()->comparisons[0].adjustedPValue, *panel.analysis()->comparisons[0].pValue);
        QCOMPARE(holm, 3 * *panel.analysis()->comparisons[0].pValue);
    }

    void metricsTheTableCannotGiveAreDisabled()
    {
        AbTestsPanel panel;
        QSignalSpy analysed(&panel, &AbTestsPanel::analysisChanged);
        panel.openFiles({ write(QStringLiteral("table.csv"), kTable) });
        QTRY_COMPARE_WITH_TIMEOUT(analysed.count(), 1, kTimeoutMs);
        auto* metric = panel.controls()->findChild<QComboBox*>(QStringLiteral("metric"));
        auto* items = qobject_cast<QStandardItemModel*>(metric->model());
        QVERIFY(items->item(metric->findData(QStringLiteral("ctr")))->isEnabled());
        QVERIFY(!items->item(metric->findData(QStringLiteral("roas")))->isEnabled());
        QVERIFY(
            items->item(metric->findData(QStringLiteral("roas")))->toolTip().contains(QStringLiteral("ROAS needs")));
    }

    void aMissingFileIsAFailureNotACrash()
    {
        AbTestsPanel panel;
        QSignalSpy finished(panel.tracker(), &jobs::JobTracker::finished);
        QSignalSpy status(&panel, &Panel::statusMessage);
        panel.openFiles({ m_dir.filePath(QStringLiteral("missing.csv")) });
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
        QCOMPARE(finished.front().front().value<jobs::JobTracker::Outcome>(), jobs::JobTracker::Outcome::Failed);
        QVERIFY(status.count() >= 1);
        QVERIFY(status.back().front().toString().contains(QStringLiteral("does not exist")));
        QVERIFY(!panel.analysis());
        QVERIFY(!panel.currentReport());
    }

    void aLongBootstrapCanBeCancelled()
    {
        // 400,000 users and 100,000 resamples would take minutes: cancel it at once.
        QByteArray csv = "user,arm,revenue,cost\n";
        std::mt19937 rng(1);
        for (int i = 0; i < 400'000; ++i)
            csv += "u" + QByteArray::number(i) + (i % 2 ? ",control," : ",test,") + QByteArray::number(rng() % 3) + ","
                + QByteArray::number(1 + rng() % 2) + "\n";
        QSettings settings;
        settings.setValue(QStringLiteral("metric"), QStringLiteral("roas"));
        settings.setValue(QStringLiteral("resamples"), 100000);
        AbTestsPanel panel;
        panel.restoreSettings(settings);
        QSignalSpy finished(panel.tracker(), &jobs::JobTracker::finished);
        panel.openFiles({ write(QStringLiteral("users.csv"), csv) });
        QTRY_VERIFY_WITH_TIMEOUT(panel.tracker()->isRunning(), kTimeoutMs);
        QTest::qWait(300);
        panel.tracker()->cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
        QCOMPARE(finished.front().front().value<jobs::JobTracker::Outcome>(), jobs::JobTracker::Outcome::Canceled);
        QVERIFY(!panel.analysis());
    }

    void exportsThroughTheReportWriters()
    {
        AbTestsPanel panel;
        QSignalSpy analysed(&panel, &AbTestsPanel::analysisChanged);
        QSignalSpy reportChanged(&panel, &Panel::reportChanged);
        panel.openFiles({ write(QStringLiteral("table.csv"), kTable) });
        QTRY_COMPARE_WITH_TIMEOUT(analysed.count(), 1, kTimeoutMs);
        QCOMPARE(reportChanged.count(), 1);
        const std::optional<report::Report> report = panel.currentReport();
        QVERIFY(report);
        QCOMPARE(report->tables.front().rows.size(), 3);
        for (const QString& suffix : { QStringLiteral("csv"), QStringLiteral("xlsx"), QStringLiteral("pdf") }) {
            const QString path = m_dir.filePath(QStringLiteral("report.") + suffix);
            const Status written = exportReport(*report, path);
            QVERIFY2(written.ok(), qPrintable(written.error()));
            QVERIFY(QFileInfo(path).size() > 500);
        }
        QFile csv(m_dir.filePath(QStringLiteral("report.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QVERIFY(csv.readAll().contains("banner,control,B,50000,50000,"));
    }

    void theSessionComesBack()
    {
        const QString path = write(QStringLiteral("table.csv"), kTable);
        QSettings settings;
        {
            AbTestsPanel first;
            QSignalSpy analysed(&first, &AbTestsPanel::analysisChanged);
            first.openFiles({ path });
            QTRY_COMPARE_WITH_TIMEOUT(analysed.count(), 1, kTimeoutMs);
            auto* correction = first.controls()->findChild<QComboBox*>(QStringLiteral("correction"));
            correction->setCurrentIndex(correction->findData(QStringLiteral("by")));
            first.saveSettings(settings);
        }
        AbTestsPanel second;
        QSignalSpy analysed(&second, &AbTestsPanel::analysisChanged);
        second.restoreSettings(settings);
        QTRY_COMPARE_WITH_TIMEOUT(analysed.count(), 1, kTimeoutMs);
        QCOMPARE(second.analysis()->dataset->files, QStringList { path });
        QCOMPARE(second.analysis()->options.correction, stats::Correction::BenjaminiYekutieli);
    }

    void columnsChosenByHand()
    {
        // Nothing here matches a known name: the reading fails and says so where the tables are named.
        const QString path = write(QStringLiteral("odd.csv"), "bucket_name;shown;hits\nA;1000;10\nB;1000;30\n");
        AbTestsPanel panel;
        QSignalSpy finished(panel.tracker(), &jobs::JobTracker::finished);
        panel.openFiles({ path });
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
        auto* mapping = panel.controls()->findChild<QLabel*>(QStringLiteral("columnMapping"));
        QVERIFY2(mapping->text().contains(QStringLiteral("no column says which arm")),
                 qPrintable(mapping->text() + QStringLiteral(" | outcome ") + finished.front().front().toString()));

        const Expected<QStringList> header = stats::readHeader(path);
        QVERIFY(header);
        ColumnMappingDialog dialog(*header, {}, QStringLiteral("odd.csv"));
        QCOMPARE(dialog.box(stats::Role::Arm)->currentText(), QStringLiteral("found by header: none"));
        dialog.box(stats::Role::Arm)->setCurrentText(QStringLiteral("bucket_name"));
        dialog.box(stats::Role::Exposures)->setCurrentText(QStringLiteral("shown"));
        dialog.box(stats::Role::Clicks)->setCurrentText(QStringLiteral("hits"));
        dialog.box(stats::Role::Cost)->setCurrentIndex(1); // not used
        const QMap<stats::Role, QString> choice = dialog.choice();
        QCOMPARE(choice.size(), 4);
        QCOMPARE(choice.value(stats::Role::Cost), QString());

        QSignalSpy analysed(&panel, &AbTestsPanel::analysisChanged);
        panel.setChosenColumns(choice);
        QTRY_COMPARE_WITH_TIMEOUT(analysed.count(), 1, kTimeoutMs);
        QCOMPARE(panel.analysis()->comparisons.front().treatment.value.value_or(0), 0.03);
        QVERIFY(mapping->text().contains(QStringLiteral("arm ← 'bucket_name'")));
    }

    void planningAnswers()
    {
        PlanningView view;
        view.setBaseline(0.05);
        // Defaults: +10 % lift, alpha 0.05, power 0.8, 20,000 units; statsmodels says 31,218 units per arm.
        QVERIFY2(view.answerText().contains(QStringLiteral("31,218")), qPrintable(view.answerText()));
        QVERIFY(view.answerText().contains(QStringLiteral("5.628 %")));
    }

private:
    QString write(const QString& name, const QByteArray& content) { return test::writeFile(m_dir, name, content); }

    QTemporaryDir m_dir;
};

BIDLAB_TEST_MAIN_GUI(AbTestsPanelTest)
#include "test_abtests_panel.moc"
