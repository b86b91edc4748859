// SPDX-License-Identifier: MIT
// The live dashboard fed with hand-made snapshots: charts, tiles, tables and the landscape show exactly what
// the snapshots hold, redraws are coalesced, charts save as PNG and SVG and tell the value under the mouse.
#include "tests/common/image_checks.h"
#include "tests/common/test_support.h"
#include "tests/gui/live/snapshot_factory.h"
#include "ui/live/campaign_table_model.h"
#include "ui/live/event_log_model.h"
#include "ui/live/kpi_board.h"
#include "ui/live/live_chart_grid.h"
#include "ui/live/live_dashboard.h"
#include "ui/live/worker_table_model.h"
#include "ui/mainwindow/theme.h"
#include "ui/widgets/kpi_tile.h"
#include "ui/widgets/live_chart.h"
#include "ui/widgets/scatter_plot.h"

#include <cmath>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFile>
#include <QGraphicsLineItem>
#include <QGraphicsSimpleTextItem>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPen>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolTip>
#include <QValueAxis>
#include <QtTest>

using namespace bidlab;
using namespace bidlab::ui;

namespace {

void feed(LiveDashboard& dashboard, qint64 fromTick, qint64 toTick, qint64 qps = 10'000)
{
    for (qint64 tick = fromTick; tick <= toTick; ++tick)
        dashboard.addSnapshot(test::makeSnapshot(tick, qps, 4, 12));
}

// Shows the dashboard at the size it has in a 1280x800 window.
bool showAtWindowSize(LiveDashboard& dashboard)
{
    dashboard.resize(1000, 680);
    dashboard.show();
    return QTest::qWaitForWindowExposed(&dashboard);
}

// Saves a picture of the widget when BIDLAB_SCREENSHOT_DIR is set (to look at it).
void keepPicture(QWidget& widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("BIDLAB_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        widget.grab().save(dir + QLatin1Char('/') + name);
}

} // namespace

class TestLiveDashboard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void snapshotsReachChartsTilesAndTables()
    {
        LiveDashboard dashboard;
        QVERIFY(showAtWindowSize(dashboard));
        QAbstractItemModelTester workers(dashboard.workerModel(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester campaigns(dashboard.campaignModel(),
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester events(dashboard.eventModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxy(dashboard.campaignProxy(),
                                       QAbstractItemModelTester::FailureReportingMode::QtTest);

        feed(dashboard, 1, 300); // 30 s
        dashboard.redraw();
        LiveChart* qps = dashboard.charts()->chart(LiveChartGrid::Qps);
        QCOMPARE(qps->series(0)->count(), 300); // achieved, one point a tick (no decimation at this size)
        QCOMPARE(qps->series(0)->at(0), QPointF(0.1, 10.0)); // k requests/s
        QCOMPARE(qps->series(1)->at(299), QPointF(30.0, 10.0)); // target
        auto* x = qobject_cast<QValueAxis*>(qps->xAxis());
        QCOMPARE(x->min(), 0.0); // the first minute fills the window from the left
        QCOMPARE(x->max(), 60.0);
        auto* rateAxis = qobject_cast<QValueAxis*>(dashboard.charts()->chart(LiveChartGrid::Rates)->yAxis());
        QCOMPARE(rateAxis->max(), 100.0);
        QCOMPARE(dashboard.charts()->chart(LiveChartGrid::Rates)->series(0)->at(0).y(), 50.0); // bid rate %
        QCOMPARE(dashboard.charts()->chart(LiveChartGrid::Rates)->series(1)->at(0).y(), 25.0); // win rate %
        LiveChart* latency = dashboard.charts()->chart(LiveChartGrid::Latency);
        QCOMPARE(latency->series(1)->at(0).y(), 0.9); // p99 in ms
        auto* logAxis = qobject_cast<QLogValueAxis*>(latency->yAxis());
        QVERIFY(logAxis);
        QCOMPARE(logAxis->min(), 0.1); // whole decades around 0.12 .. 2.5 ms
        QCOMPARE(logAxis->max(), 10.0);
        LiveChart* money = dashboard.charts()->chart(LiveChartGrid::Money);
        QCOMPARE(money->series(0)->at(299).y(), 300 * 125.0); // cumulative spend, currency units
        QVERIFY(money->yAxis(true));
        {
            // A flat zero line still gets a readable axis: 0 to 1, not 0 to 1e-10.
            LiveChart flat(QStringLiteral("flat"), QStringLiteral("x"), { QStringLiteral("y") });
            flat.addLine(QStringLiteral("zero"), Qt::black);
            flat.append(0, 1, 0);
            flat.append(0, 2, 0);
            flat.refresh();
            auto* y = qobject_cast<QValueAxis*>(flat.yAxis());
            QCOMPARE(y->min(), 0.0);
            QCOMPARE(y->max(), 1.0);
        }
        QCOMPARE(money->series(2)->count(), 300); // ROAS on the right axis

        QCOMPARE(dashboard.kpis()->tile(0)->value(), QStringLiteral("300,000"));
        QCOMPARE(dashboard.kpis()->tile(0)->change(), QStringLiteral("+10.0 k/s"));
        QCOMPARE(dashboard.workerModel()->rowCount(), 4);
        QCOMPARE(dashboard.campaignModel()->rowCount(), 12);
        QCOMPARE(dashboard.landscape()->pointCount(), 12);
        keepPicture(dashboard, QStringLiteral("dashboard-light.png"));

        // A longer run: the window slides and the oldest points leave the screen (but not the rings).
        feed(dashboard, 301, 1200); // 120 s
        dashboard.redraw();
        QCOMPARE(x->max(), 120.0);
        QCOMPARE(x->min(), 60.0);
        QVERIFY(qps->series(0)->count() <= 601);
        QVERIFY(qps->series(0)->at(0).x() >= 60.0);
        dashboard.setChartWindow(600);
        QCOMPARE(x->min(), 0.0); // ten minutes back: everything kept is shown again
        QVERIFY(qps->series(0)->count() >= 400); // decimated to the plot's width, at most 2 points a pixel column
        QVERIFY(qps->series(0)->count() <= 1200);

        // A new run empties everything.
        dashboard.clear();
        QCOMPARE(qps->series(0)->count(), 0);
        QCOMPARE(dashboard.workerModel()->rowCount(), 0);
        QCOMPARE(dashboard.kpis()->tile(0)->value(), QStringLiteral("—"));
    }

    void redrawsAreCoalesced()
    {
        LiveDashboard dashboard;
        dashboard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
        const qint64 before = dashboard.redrawCount();
        feed(dashboard, 1, 50); // a burst, as after a busy moment
        QCOMPARE(dashboard.redrawCount(), before);
        QTRY_VERIFY_WITH_TIMEOUT(dashboard.redrawCount() > before, 5000);
        QTest::qWait(3 * LiveDashboard::kFrameMs);
        QCOMPARE(dashboard.redrawCount(), before + 1); // one redraw for the burst
        QCOMPARE(dashboard.charts()->chart(LiveChartGrid::Qps)->series(0)->count(), 50);
    }

    void killActionNamesTheSelectedWorker()
    {
        LiveDashboard dashboard;
        dashboard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
        feed(dashboard, 1, 3);
        dashboard.redraw();
        QSignalSpy kill(&dashboard, &LiveDashboard::killWorkerRequested);
        QVERIFY(!dashboard.killAction()->isEnabled());
        dashboard.workerView()->selectRow(2);
        QVERIFY(dashboard.killAction()->isEnabled());
        dashboard.killAction()->trigger();
        QCOMPARE(kill.size(), 1);
        QCOMPARE(kill.front().front().toInt(), 2);
    }

    void eventsCountOnTheTab()
    {
        LiveDashboard dashboard;
        engine::EngineEvent crash;
        crash.severity = engine::EventSeverity::Error;
        crash.kind = engine::EventKind::WorkerCrashed;
        crash.worker = 1;
        crash.text = QStringLiteral("Worker 1 (pid 4001) died: killed by signal 9; 17 requests in flight.");
        dashboard.addEvent(crash);
        dashboard.redraw();
        QCOMPARE(dashboard.eventModel()->rowCount(), 1);
        QCOMPARE(dashboard.details()->tabText(2), QStringLiteral("Events (1 error)"));
        // A crash is marked on the charts too, a stderr line is not.
        LiveChart* qps = dashboard.charts()->chart(LiveChartGrid::Qps);
        QCOMPARE(qps->markerCount(), 1);
        QCOMPARE(qps->markerLine(0)->toolTip(), QStringLiteral("worker 1 died (0.0 s)"));
        engine::EngineEvent takenBack = crash; // the engine's note on the same crash
        takenBack.severity = engine::EventSeverity::Info;
        dashboard.addEvent(takenBack);
        QCOMPARE(qps->markerCount(), 1);
        engine::EngineEvent line;
        line.kind = engine::EventKind::WorkerStderr;
        line.text = QStringLiteral("hello");
        dashboard.addEvent(line);
        QCOMPARE(qps->markerCount(), 1);
        // The dashboard keeps the marker for the run report, until the next run clears it.
        QCOMPARE(dashboard.markers(),
                 (QList<RunMarker> { { 0.0, QStringLiteral("worker-crashed"), QStringLiteral("worker 1 died"),
                                       crash.text, RunMarker::kAllCharts } }));
        engine::EngineEvent warning;
        warning.severity = engine::EventSeverity::Warning;
        warning.kind = engine::EventKind::Warning;
        warning.text = QStringLiteral("a warning");
        dashboard.addEvent(warning);
        dashboard.redraw();
        QCOMPARE(dashboard.details()->tabText(2), QStringLiteral("Events (1 warning, 1 error)"));
        dashboard.addEvent(warning);
        dashboard.addEvent(crash);
        dashboard.redraw();
        QCOMPARE(dashboard.details()->tabText(2), QStringLiteral("Events (2 warnings, 2 errors)"));
        dashboard.clear();
        QVERIFY(dashboard.markers().isEmpty());
    }

    void chartsSaveAndTellValues()
    {
        LiveDashboard dashboard;
        QVERIFY(showAtWindowSize(dashboard));
        feed(dashboard, 1, 100);
        dashboard.redraw();
        LiveChart* qps = dashboard.charts()->chart(LiveChartGrid::Qps);
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("qps.png"));
        const QString svg = dir.filePath(QStringLiteral("qps.svg"));
        QVERIFY(qps->saveImage(png).ok());
        QVERIFY(qps->saveImage(svg).ok());
        const QImage image(png);
        QCOMPARE(image.size(), qps->size() * qps->devicePixelRatio());
        QVERIFY(test::inkRatio(image) > 0.02);
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray drawing = file.readAll();
        QVERIFY(drawing.contains("<svg"));
        QVERIFY(drawing.contains("<polyline") || drawing.contains("<path"));
        QVERIFY(drawing.contains("Target vs achieved QPS"));
        const Status bad = qps->saveImage(dir.filePath(QStringLiteral("qps.gif")));
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().contains(QStringLiteral("qps.gif")));

        // Hovering the (dashed, topmost) target line shows its value and units.
        QLineSeries* target = qps->series(1);
        const QPointF scene = qps->chart()->mapToPosition(target->at(50), target);
        const QPoint onView = qps->mapFromScene(scene);
        QTest::mouseMove(qps->viewport(), onView);
        QTRY_VERIFY_WITH_TIMEOUT(QToolTip::isVisible(), 3000);
        QVERIFY2(QToolTip::text().contains(QStringLiteral("target: 10 (k req/s)")), qPrintable(QToolTip::text()));
        QVERIFY(QToolTip::text().contains(QStringLiteral("time (s) 5.")));
    }

    void markersStandAtTheirTimeAndScroll()
    {
        LiveDashboard dashboard;
        QVERIFY(showAtWindowSize(dashboard));
        dashboard.charts()->setWindow(60);
        feed(dashboard, 1, 300); // 30 s of snapshots
        dashboard.charts()->addMarker(12.5, QStringLiteral("QPS spike on campaign 7 with a long name"), Qt::red);
        dashboard.charts()->addMarker(13.0, QStringLiteral("arm B"), Qt::blue);
        dashboard.redraw();
        LiveChart* qps = dashboard.charts()->chart(LiveChartGrid::Qps);
        QCOMPARE(qps->markerCount(), 2);
        const QGraphicsLineItem* line = qps->markerLine(0);
        QVERIFY(line->isVisible());
        // At x = 12.5 s of the axis, from the top to the bottom of the plot.
        const QRectF plot = qps->chart()->plotArea();
        const double expected = qps->chart()->mapToPosition(QPointF(12.5, 1), qps->series(0)).x();
        QVERIFY2(std::fabs(line->line().x1() - expected) < 0.5, qPrintable(QString::number(line->line().x1())));
        QCOMPARE(line->line().x2(), line->line().x1());
        QCOMPARE(line->line().y1(), plot.top());
        QCOMPARE(line->line().y2(), plot.bottom());
        QCOMPARE(line->pen().color(), QColor(Qt::red));
        // The label is cut, the tooltip whole; a close marker's label goes one row lower.
        QCOMPARE(qps->markerLabel(0)->text().size(), 24);
        QCOMPARE(line->toolTip(), QStringLiteral("QPS spike on campaign 7 with a long name (12.5 s)"));
        QVERIFY(qps->markerLabel(1)->pos().y() > qps->markerLabel(0)->pos().y());
        // Every chart has them.
        for (int chart = 0; chart < LiveChartGrid::ChartCount; ++chart)
            QCOMPARE(dashboard.charts()->chart(LiveChartGrid::Chart(chart))->markerCount(), 2);

        // 60 s later the window [30, 90] has left them behind: hidden, still kept.
        feed(dashboard, 301, 900);
        dashboard.redraw();
        QVERIFY(!qps->markerLine(0)->isVisible());
        QVERIFY(!qps->markerLabel(0)->isVisible());
        // A 10-minute window shows them again, further left.
        dashboard.charts()->setWindow(600);
        dashboard.redraw();
        QVERIFY(qps->markerLine(0)->isVisible());
        QVERIFY(qps->markerLine(0)->line().x1() < expected);
        keepPicture(dashboard, QStringLiteral("dashboard-markers.png"));

        // Only the newest kMaxMarkers are kept; a new run clears them.
        for (int i = 0; i < LiveChart::kMaxMarkers + 10; ++i)
            qps->addMarker(50 + i * 0.1, QStringLiteral("m"));
        QCOMPARE(qps->markerCount(), LiveChart::kMaxMarkers);
        dashboard.charts()->clear();
        QCOMPARE(qps->markerCount(), 0);
    }

    void followsTheDarkPalette()
    {
        applyTheme(Theme::Dark);
        LiveDashboard dashboard;
        QVERIFY(showAtWindowSize(dashboard));
        feed(dashboard, 1, 300);
        dashboard.redraw();
        LiveChart* qps = dashboard.charts()->chart(LiveChartGrid::Qps);
        const QColor background = qps->chart()->backgroundBrush().color();
        QVERIFY2(background.lightness() < 80, qPrintable(background.name()));
        keepPicture(dashboard, QStringLiteral("dashboard-dark.png"));
        applyTheme(Theme::Light);
        QTRY_VERIFY(qps->chart()->backgroundBrush().color().lightness() > 200);
    }
};

BIDLAB_TEST_MAIN_GUI(TestLiveDashboard)
#include "test_live_dashboard.moc"
