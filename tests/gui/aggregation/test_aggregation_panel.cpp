// SPDX-License-Identifier: MIT
#include "core/aggregate/log_generator.h"
#include "core/jobs/job_pool.h"
#include "core/jobs/job_tracker.h"
#include "tests/common/test_support.h"
#include "ui/aggregation/aggregation_panel.h"
#include "ui/aggregation/mapping_dialog.h"
#include "ui/report/report_table_model.h"
#include "ui/reports/report_view.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>

using namespace bidlab;
using namespace bidlab::ui;
using namespace bidlab::aggregate;

namespace {

QString generated(const QTemporaryDir& dir, qint64 rows, const QString& name = QStringLiteral("log.csv"))
{
    LogSpec spec;
    spec.rows = rows;
    spec.campaigns = 20;
    spec.days = 10;
    const QString path = dir.filePath(name);
    if (!generateLog(spec, path).ok())
        qFatal("cannot generate %s", qPrintable(path));
    return path;
}

bool runToEnd(AggregationPanel& panel)
{
    QSignalSpy finished(panel.tracker(), &jobs::JobTracker::finished);
    panel.run();
    return finished.wait(60'000) || finished.size() == 1;
}

} // namespace

class AggregationPanelTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QSettings().clear(); }

    void runsAndShowsTheReport()
    {
        QTemporaryDir dir;
        AggregationPanel panel;
        QSignalSpy changed(&panel, &Panel::reportChanged);
        QVERIFY(!panel.currentReport());
        QVERIFY(panel.setFile(generated(dir, 20'000)));
        QVERIFY(panel.layoutText().contains(QStringLiteral("8 columns")));
        panel.setDimensions({ QStringLiteral("campaign"), QStringLiteral("date") });
        QCOMPARE(panel.dimensions(), (QStringList { QStringLiteral("campaign"), QStringLiteral("date") }));
        QVERIFY(runToEnd(panel));
        QVERIFY(panel.result().has_value());
        QCOMPARE(panel.result()->total.rows, 20'000);
        QCOMPARE(panel.result()->groups.size(), std::size_t(200));
        QVERIFY(!changed.isEmpty());
        const std::optional<report::Report> report = panel.currentReport();
        QVERIFY(report.has_value());
        QCOMPARE(report->tables.front().title, QStringLiteral("Rollup"));
        QCOMPARE(report->tables.front().rows.size(), 200 + 20 + 1);
        // The view shows every table and chart.
        QCOMPARE(panel.reportView()->tabs()->count(), report->tables.size() + report->charts.size());

        // A different chart choice rebuilds the report.
        auto* top = panel.findChild<QSpinBox*>(QStringLiteral("topCount"));
        top->setValue(3);
        QCOMPARE(panel.currentReport()->charts.front().categories.size(), 3);
    }

    void theTableModelIsSoundAndSortsNumbers()
    {
        QTemporaryDir dir;
        AggregationPanel panel;
        QVERIFY(panel.setFile(generated(dir, 5'000)));
        QVERIFY(runToEnd(panel));
        ReportTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTable(panel.currentReport()->tables.at(1)); // By campaign
        QCOMPARE(model.rowCount(), 20);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(Qt::UserRole);
        int impressions = -1;
        for (int c = 0; c < model.columnCount(); ++c) {
            if (model.headerData(c, Qt::Horizontal).toString() == QLatin1String("Impressions"))
                impressions = c;
        }
        QVERIFY(impressions > 0);
        proxy.sort(impressions, Qt::DescendingOrder);
        for (int r = 1; r < proxy.rowCount(); ++r)
            QVERIFY(proxy.data(proxy.index(r - 1, impressions), Qt::UserRole).toDouble()
                    >= proxy.data(proxy.index(r, impressions), Qt::UserRole).toDouble());
        QCOMPARE(model.data(model.index(0, impressions), Qt::TextAlignmentRole).toInt(),
                 int(Qt::AlignRight | Qt::AlignVCenter));
    }

    void theMappingIsRememberedPerLayout()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(path,
                                   "campaigns/online_advertising_performance/online_advertising_performance_data.csv");
        {
            AggregationPanel panel;
            QVERIFY(panel.setFile(path));
            QCOMPARE(panel.mapping().year, 0);
            QVERIFY(panel.layoutText().contains(QStringLiteral("no year")));
            QVERIFY(runToEnd(panel));
            QVERIFY(!panel.result()); // failed: no year
            ColumnMapping mapping = panel.mapping();
            mapping.year = 2020;
            panel.setMapping(mapping);
        }
        AggregationPanel again;
        QVERIFY(again.setFile(path));
        QCOMPARE(again.mapping().year, 2020);
        QCOMPARE(again.mapping().column(Role::Impressions), QStringLiteral("displays"));
        again.setDimensions({ QStringLiteral("month") });
        QVERIFY(runToEnd(again));
        QVERIFY(again.result().has_value());
        QCOMPARE(again.result()->groups.size(), std::size_t(3)); // April, May, June 2020
        QCOMPARE(again.result()->total[Measure::Impressions], 239'014'261);

        QTemporaryDir dir; // another layout keeps its own (guessed) mapping
        AggregationPanel other;
        QVERIFY(other.setFile(generated(dir, 10)));
        QCOMPARE(other.mapping().year, 0);
    }

    void theMappingDialogEditsRolesAndYear()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(path, "campaigns/facebook_kag_conversion/KAG_conversion_data.csv");
        const Expected<FileLayout> layout = inspectFile(path);
        QVERIFY(layout.ok());
        MappingDialog dialog(*layout, guessMapping(layout->headers));
        QComboBox* conversions = dialog.roleBox(Role::Conversions);
        QCOMPARE(conversions->currentText(), QStringLiteral("Total_Conversion"));
        conversions->setCurrentIndex(conversions->findText(QStringLiteral("Approved_Conversion")));
        dialog.yearBox()->setValue(2017);
        const ColumnMapping edited = dialog.mapping();
        QCOMPARE(edited.column(Role::Conversions), QStringLiteral("Approved_Conversion"));
        QCOMPARE(edited.year, 2017);
        QCOMPARE(edited.column(Role::Cost), QStringLiteral("Spent"));
    }

    void aBadFileSaysWhy()
    {
        QTemporaryDir dir;
        AggregationPanel panel;
        QVERIFY(!panel.setFile(dir.filePath(QStringLiteral("missing.csv"))));
        QVERIFY(panel.layoutText().isEmpty());
    }

    void cancelLeavesNoResult()
    {
        QTemporaryDir dir;
        AggregationPanel panel;
        QVERIFY(panel.setFile(generated(dir, 600'000)));
        QSignalSpy finished(panel.tracker(), &jobs::JobTracker::finished);
        panel.run();
        panel.tracker()->cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60'000);
        QCOMPARE(finished.front().front().value<jobs::JobTracker::Outcome>(), jobs::JobTracker::Outcome::Canceled);
        QVERIFY(!panel.result());
    }

    void aDroppedFileIsOpened()
    {
        QTemporaryDir dir;
        const QString path = generated(dir, 10);
        AggregationPanel panel;
        QMimeData mime;
        mime.setUrls({ QUrl::fromLocalFile(path) });
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&panel, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&panel, &drop);
        QVERIFY(panel.layoutText().contains(QStringLiteral("8 columns")));
        QCOMPARE(panel.params().path, path);
    }
};

BIDLAB_TEST_MAIN_GUI(AggregationPanelTest)
#include "test_aggregation_panel.moc"
