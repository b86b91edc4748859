// SPDX-License-Identifier: MIT
#include "core/aggregate/log_generator.h"
#include "core/jobs/job_tracker.h"
#include "tests/common/image_checks.h"
#include "tests/common/test_support.h"
#include "ui/aggregation/aggregation_panel.h"
#include "ui/mainwindow/main_window.h"
#include "ui/reports/kpi_tiles.h"
#include "ui/reports/report_view.h"
#include "ui/reports/reports_panel.h"

#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>

using namespace bidlab;
using namespace bidlab::ui;

class ReportsPanelTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QSettings().clear(); }

    void listsTheTabsWithAReportAndExportsIt()
    {
        QTemporaryDir dir;
        aggregate::LogSpec spec;
        spec.rows = 30'000;
        spec.campaigns = 12;
        const QString log = dir.filePath(QStringLiteral("log.csv"));
        QVERIFY(aggregate::generateLog(spec, log).ok());

        MainWindow window;
        auto* aggregation = qobject_cast<AggregationPanel*>(window.panel(QStringLiteral("aggregation")));
        auto* reports = qobject_cast<ReportsPanel*>(window.panel(QStringLiteral("reports")));
        QVERIFY(aggregation && reports);
        window.show();
        window.tabs()->setCurrentWidget(reports);
        QCOMPARE(reports->sourceChooser()->count(), 0); // nothing has a report yet
        QVERIFY(!reports->currentReport());

        QVERIFY(aggregation->setFile(log));
        aggregation->setDimensions({ QStringLiteral("campaign"), QStringLiteral("device"), QStringLiteral("date") });
        QSignalSpy finished(aggregation->tracker(), &jobs::JobTracker::finished);
        aggregation->run();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60'000);

        // The Reports tab follows the aggregation's reportChanged.
        QTRY_COMPARE(reports->sourceChooser()->count(), 1);
        QCOMPARE(reports->sourceChooser()->currentText(), QStringLiteral("Aggregation"));
        QVERIFY(reports->currentReport().has_value());
        QCOMPARE(reports->currentReport()->tables.size(), aggregation->currentReport()->tables.size());
        const QStringList kpis = reports->view()->kpis()->texts();
        QVERIFY(kpis.contains(QStringLiteral("Rows aggregated: 30000")));
        QCOMPARE(reports->view()->tabs()->count(),
                 reports->currentReport()->tables.size() + reports->currentReport()->charts.size());

        for (const char* suffix : { "csv", "xlsx", "pdf" }) {
            const QString path = dir.filePath(QStringLiteral("report.") + QLatin1String(suffix));
            QVERIFY2(reports->view()->exportTo(path), suffix);
            QVERIFY(QFileInfo(path).size() > 100);
        }
        const QString pdftoppm = QStandardPaths::findExecutable(QStringLiteral("pdftoppm"));
        if (pdftoppm.isEmpty())
            QSKIP("pdftoppm (poppler-utils) is not installed");
        const QString prefix = dir.filePath(QStringLiteral("page"));
        const test::ProcessResult rendered
            = test::runProgram(pdftoppm,
                               { QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("40"),
                                 QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"), QStringLiteral("2"),
                                 dir.filePath(QStringLiteral("report.pdf")), prefix });
        QCOMPARE(rendered.exitCode, 0);
        // pdftoppm pads page numbers to the width of the page count: page-1.png or page-01.png.
        const QStringList pages = QDir(dir.path()).entryList({ QStringLiteral("page-*.png") }, QDir::Files, QDir::Name);
        QCOMPARE(pages.size(), 2);
        for (const QString& page : pages) {
            const QImage image(dir.filePath(page));
            QVERIFY2(!image.isNull(), qPrintable(page));
            const double ink = test::inkRatio(image);
            QVERIFY2(ink > 0.01 && ink < 0.6, qPrintable(QStringLiteral("%1: %2").arg(page).arg(ink)));
        }
    }

    void aProvidedSourceIsPreviewed()
    {
        // Usable on its own: any list of panels can be the sources.
        QTemporaryDir dir;
        aggregate::LogSpec spec;
        spec.rows = 1'000;
        const QString log = dir.filePath(QStringLiteral("log.csv"));
        QVERIFY(aggregate::generateLog(spec, log).ok());
        AggregationPanel aggregation;
        QVERIFY(aggregation.setFile(log));
        QSignalSpy finished(aggregation.tracker(), &jobs::JobTracker::finished);
        aggregation.run();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60'000);
        ReportsPanel reports;
        reports.setSourceProvider([&] { return QList<Panel*> { &aggregation }; });
        QCOMPARE(reports.sourceChooser()->count(), 1);
        QCOMPARE(reports.currentReport()->title, QStringLiteral("Campaign aggregation"));
    }
};

BIDLAB_TEST_MAIN_GUI(ReportsPanelTest)
#include "test_reports_panel.moc"
