// SPDX-License-Identifier: MIT
// The A/B tab on a simulator run: a deterministic run with real bidlab-worker processes, split into two arms
// by `bidlab-cli simulate --arm`, picked from the run history, analysed as an experiment, shown in the
// results table, forest plot and detail page, and exported with its win-rate table.
#include "core/report/report.h"
#include "tests/common/test_support.h"
#include "ui/abtests/ab_results_model.h"
#include "ui/abtests/abtests_panel.h"
#include "ui/abtests/experiment_detail.h"
#include "ui/abtests/forest_plot.h"
#include "ui/abtests/run_picker_dialog.h"
#include "ui/report/report_export.h"

#include <QAbstractItemModelTester>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeWidget>

using namespace bidlab;
using namespace bidlab::ui;

namespace {

constexpr int kTimeoutMs = 60'000;

} // namespace

class AbTestsRunPanelTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_store;
    qint64 m_split = 0; // a run with arms "low" (base bid 0.5) and "high" (4.0)
    qint64 m_single = 0; // a run without arms

    qint64 simulate(const QStringList& arms)
    {
        QStringList args { QStringLiteral("simulate"),       QStringLiteral("--deterministic"),
                           QStringLiteral("--qps"),          QStringLiteral("unlimited"),
                           QStringLiteral("--max-requests"), QStringLiteral("50000"),
                           QStringLiteral("--store"),        m_store,
                           QStringLiteral("--json") };
        for (const QString& arm : arms)
            args << QStringLiteral("--arm") << arm;
        const auto r = test::runProgram(QStringLiteral(BIDLAB_CLI), args, 240'000);
        if (r.exitCode != 0)
            qWarning().noquote() << r.err;
        return r.exitCode == 0
            ? QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("runId")).toInteger()
            : 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_store = m_dir.filePath(QStringLiteral("runs.sqlite"));
        m_split = simulate({ QStringLiteral("low:base-bid=0.5"), QStringLiteral("high:base-bid=4") });
        m_single = simulate({});
        QVERIFY(m_split > 0 && m_single > 0);
    }

    void init() { QSettings().clear(); }

    void thePickerListsTheRunsNewestFirst()
    {
        RunPickerDialog dialog(m_store);
        QCOMPARE(dialog.runList()->topLevelItemCount(), 2);
        QCOMPARE(dialog.selectedRun(), m_single); // the newest
        dialog.runList()->setCurrentItem(dialog.runList()->topLevelItem(1));
        QCOMPARE(dialog.selectedRun(), m_split);

        RunPickerDialog none(m_dir.filePath(QStringLiteral("absent.sqlite")));
        QCOMPARE(none.runList()->topLevelItemCount(), 0);
        QCOMPARE(none.selectedRun(), 0);
    }

    void analysesARunSplitIntoArms()
    {
        AbTestsPanel panel;
        panel.resize(1200, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy analysed(&panel, &AbTestsPanel::analysisChanged);
        panel.openRun(m_store, m_split);
        QTRY_COMPARE_WITH_TIMEOUT(analysed.count(), 1, kTimeoutMs);

        const stats::Analysis* a = panel.analysis();
        QVERIFY(a);
        QCOMPARE(a->options.metric, stats::Metric::Ctr);
        QCOMPARE(int(a->comparisons.size()), 1);
        const stats::Comparison& c = a->comparisons.front();
        QCOMPARE(c.control.name, QStringLiteral("low"));
        QCOMPARE(c.treatment.name, QStringLiteral("high"));
        QVERIFY(c.sampleRatio && !c.sampleRatio->mismatch);
        QCOMPARE(a->options.split, (std::vector<double> { 1.0, 1.0 }));

        auto* proxy = qobject_cast<QSortFilterProxyModel*>(panel.resultsView()->model());
        auto* model = qobject_cast<AbResultsModel*>(proxy->sourceModel());
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(proxy->rowCount(), 1);
        QVERIFY(model->index(0, AbResultsModel::Experiment).data().toString().startsWith(QStringLiteral("run ")));
        QVERIFY(panel.detail()->toPlainText().contains(QStringLiteral("low → high")));
        QTRY_VERIFY(panel.forestPlot()->shownRows() == 1);

        auto* notes = panel.findChild<QPlainTextEdit*>(QStringLiteral("abtestsNotes"));
        QVERIFY2(notes->toPlainText().contains(QStringLiteral("low → high: win rate")),
                 qPrintable(notes->toPlainText()));
        QVERIFY(notes->toPlainText().contains(QStringLiteral("impressions each arm won")));

        // The export carries the win-rate table beside the results.
        const std::optional<report::Report> report = panel.currentReport();
        QVERIFY(report);
        const auto winRates = std::find_if(report->tables.begin(), report->tables.end(), [](const report::Table& t) {
            return t.title.startsWith(QStringLiteral("Win rate"));
        });
        QVERIFY(winRates != report->tables.end());
        QCOMPARE(winRates->rows.size(), 1);
        QVERIFY(winRates->rows[0][5].toDouble() > winRates->rows[0][3].toDouble() + 0.2); // high wins far more
        for (const QString& suffix : { QStringLiteral("xlsx"), QStringLiteral("pdf") }) {
            const QString path = m_dir.filePath(QStringLiteral("run.") + suffix);
            QVERIFY(exportReport(*report, path).ok());
            QVERIFY(QFileInfo(path).size() > 1000);
        }

        // Tables opened afterwards replace the run; its sections leave the report.
        const QString table = m_dir.filePath(QStringLiteral("t.csv"));
        QFile file(table);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("variant,impressions,clicks\ncontrol,1000,10\nB,1000,20\n");
        file.close();
        panel.openFiles({ table });
        QTRY_COMPARE_WITH_TIMEOUT(analysed.count(), 2, kTimeoutMs);
        const std::optional<report::Report> tablesReport = panel.currentReport(); // one copy: begin and end of it
        QVERIFY(tablesReport);
        QVERIFY(std::none_of(tablesReport->tables.begin(), tablesReport->tables.end(),
                             [](const report::Table& t) { return t.title.startsWith(QStringLiteral("Win rate")); }));
    }

    void aRunWithoutArmsIsSaid()
    {
        AbTestsPanel panel;
        QSignalSpy status(&panel, &Panel::statusMessage);
        panel.openRun(m_store, m_single);
        QCOMPARE(status.count(), 1);
        QVERIFY2(status.at(0).at(0).toString().contains(QStringLiteral("was not split into A/B arms")),
                 qPrintable(status.at(0).at(0).toString()));
        QVERIFY(!panel.analysis());
    }
};

BIDLAB_TEST_MAIN_GUI(AbTestsRunPanelTest)
#include "test_abtests_run_panel.moc"
