// SPDX-License-Identifier: MIT
#include "tests/common/image_checks.h"
#include "tests/common/test_support.h"
#include "tests/unit/report/sample_report.h"
#include "ui/charts/chart_builder.h"

#include <limits>
#include <memory>

#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QBuffer>
#include <QChart>
#include <QDateTimeAxis>
#include <QImage>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPainter>
#include <QPdfWriter>
#include <QScatterSeries>
#include <QValueAxis>

using namespace bidlab;
using ui::buildChart;
using ui::renderChart;

namespace {

QAbstractAxis* axis(QChart* chart, Qt::Orientation orientation)
{
    const auto axes = chart->axes(orientation);
    return axes.size() == 1 ? axes.front() : nullptr;
}

using bidlab::test::inkRatio;

} // namespace

class TestChartBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void timeLineWithLogAxis();
    void numericLine();
    void bars();
    void scatter();
    void unusablePointsAreLeftOut();
    void emptyChart();
    void rendersOntoImage();
    void rendersAsVectors();
    void markersSpanThePlot();
    void crowdedMarkersShareTheirLabels();
};

void TestChartBuilder::timeLineWithLogAxis()
{
    const report::Chart spec = test::sampleReport().charts[0];
    std::unique_ptr<QChart> chart(buildChart(spec));
    QCOMPARE(chart->title(), QStringLiteral("Queries per second"));
    QCOMPARE(chart->animationOptions(), QChart::NoAnimation);
    const auto series = chart->series();
    QCOMPARE(series.size(), 2);
    for (QAbstractSeries* s : series) {
        QCOMPARE(s->type(), QAbstractSeries::SeriesTypeLine);
        QVERIFY(!s->useOpenGL());
        QCOMPARE(static_cast<QLineSeries*>(s)->count(), 60);
    }
    QCOMPARE(series[0]->name(), QStringLiteral("offered"));
    auto* x = qobject_cast<QDateTimeAxis*>(axis(chart.get(), Qt::Horizontal));
    auto* y = qobject_cast<QLogValueAxis*>(axis(chart.get(), Qt::Vertical));
    QVERIFY(x);
    QVERIFY(y);
    QCOMPARE(x->titleText(), QStringLiteral("time (UTC)"));
    QCOMPARE(y->titleText(), QStringLiteral("QPS (1/s)"));
    QCOMPARE(x->min().toMSecsSinceEpoch(), qint64(spec.series[0].points.front().x()));
    QCOMPARE(x->max().toMSecsSinceEpoch(), qint64(spec.series[0].points.back().x()));
    QCOMPARE(x->format(), QStringLiteral("HH:mm:ss")); // a one-minute span
    QCOMPARE(y->base(), 10.0);
    QCOMPARE(y->min(), 100.0); // whole decades around 900..3400
    QCOMPARE(y->max(), 10000.0);
    QVERIFY(chart->legend()->isVisible());
    QCOMPARE(chart->legend()->alignment(), Qt::AlignBottom);
}

void TestChartBuilder::numericLine()
{
    report::Chart spec;
    spec.kind = report::ChartKind::Line;
    spec.xTitle = QStringLiteral("workers");
    spec.yTitle = QStringLiteral("throughput (req/s)");
    spec.series = { { QString(), { { 1, 950 }, { 2, 1890 }, { 4, 3700 }, { 8, 6900 } } } };
    std::unique_ptr<QChart> chart(buildChart(spec));
    auto* x = qobject_cast<QValueAxis*>(axis(chart.get(), Qt::Horizontal));
    auto* y = qobject_cast<QValueAxis*>(axis(chart.get(), Qt::Vertical));
    QVERIFY(x);
    QVERIFY(y);
    QVERIFY(x->min() <= 1 && x->max() >= 8);
    QVERIFY(y->min() <= 950 && y->max() >= 6900);
    QCOMPARE(y->titleText(), QStringLiteral("throughput (req/s)"));
    QVERIFY(!chart->legend()->isVisible()); // one unnamed series: nothing to tell apart
}

void TestChartBuilder::bars()
{
    const report::Chart spec = test::sampleReport().charts[1];
    std::unique_ptr<QChart> chart(buildChart(spec));
    QCOMPARE(chart->series().size(), 1);
    auto* bars = qobject_cast<QBarSeries*>(chart->series().front());
    QVERIFY(bars);
    QCOMPARE(bars->count(), 2);
    QCOMPARE(bars->barSets()[0]->label(), QStringLiteral("May"));
    QCOMPARE(bars->barSets()[0]->at(0), 120.5);
    QCOMPARE(bars->barSets()[0]->at(1), 80.25);
    QCOMPARE(bars->barSets()[1]->at(2), 30.0);
    auto* x = qobject_cast<QBarCategoryAxis*>(axis(chart.get(), Qt::Horizontal));
    QVERIFY(x);
    QCOMPARE(x->categories(), spec.categories);
    QCOMPARE(x->titleText(), QStringLiteral("exchange"));
    auto* y = qobject_cast<QValueAxis*>(axis(chart.get(), Qt::Vertical));
    QVERIFY(y);
    QCOMPARE(y->min(), 0.0); // bars grow from zero
    QVERIFY(y->max() >= 120.5);
}

void TestChartBuilder::scatter()
{
    report::Chart spec;
    spec.kind = report::ChartKind::Scatter;
    spec.title = QStringLiteral("Bid vs market price");
    spec.series = { { QStringLiteral("wins"), { { 1.2, 1.0 }, { 2.5, 2.2 } } },
                    { QStringLiteral("losses"), { { 0.8, 1.4 } } } };
    std::unique_ptr<QChart> chart(buildChart(spec));
    QCOMPARE(chart->series().size(), 2);
    for (QAbstractSeries* s : chart->series())
        QCOMPARE(s->type(), QAbstractSeries::SeriesTypeScatter);
    QVERIFY(qobject_cast<QValueAxis*>(axis(chart.get(), Qt::Horizontal)));
    QVERIFY(qobject_cast<QValueAxis*>(axis(chart.get(), Qt::Vertical)));
}

// NaN and infinite coordinates never reach Qt Charts; neither do values a log axis cannot place.
void TestChartBuilder::unusablePointsAreLeftOut()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    report::Chart spec;
    spec.logY = true;
    spec.series = { { QStringLiteral("s"), { { 0, 10 }, { 1, 0 }, { 2, -3 }, { 3, nan }, { nan, 5 }, { 5, 100 } } } };
    std::unique_ptr<QChart> chart(buildChart(spec));
    auto* line = qobject_cast<QLineSeries*>(chart->series().front());
    QVERIFY(line);
    QCOMPARE(line->points(), (QList<QPointF> { { 0, 10 }, { 5, 100 } }));

    spec.logY = false;
    std::unique_ptr<QChart> linear(buildChart(spec));
    QCOMPARE(qobject_cast<QLineSeries*>(linear->series().front())->count(), 4);
}

void TestChartBuilder::emptyChart()
{
    report::Chart spec;
    spec.title = QStringLiteral("Nothing yet");
    std::unique_ptr<QChart> chart(buildChart(spec));
    QVERIFY(chart->series().isEmpty());
    QImage image(400, 240, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    renderChart(painter, QRectF(0, 0, 400, 240), spec);
    for (report::ChartKind kind : { report::ChartKind::Bar, report::ChartKind::Scatter }) {
        spec.kind = kind;
        renderChart(painter, QRectF(0, 0, 400, 240), spec); // no crash on empty bars or scatter
    }
}

// The chart is laid out and drawn: axes, lines and labels leave ink on the page.
void TestChartBuilder::rendersOntoImage()
{
    QImage image(900, 520, QImage::Format_RGB32);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        renderChart(painter, QRectF(0, 0, 900, 520), test::sampleReport().charts[0]);
    }
    const double ink = inkRatio(image);
    QVERIFY2(ink > 0.02 && ink < 0.6, qPrintable(QString::number(ink)));
}

// On a PDF painter the chart is vector drawing: the file holds no image at all.
void TestChartBuilder::rendersAsVectors()
{
    QByteArray pdf;
    QBuffer buffer(&pdf);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setResolution(300);
        QPainter painter(&writer);
        renderChart(painter, QRectF(0, 0, 2000, 1200), test::sampleReport().charts[0]);
        renderChart(painter, QRectF(0, 1300, 2000, 1200), test::sampleReport().charts[1]);
    }
    QVERIFY(pdf.startsWith("%PDF-"));
    QVERIFY(pdf.size() > 5000);
    QVERIFY(!pdf.contains("/Subtype /Image"));
}

// A marker is a vertical line at its x from the bottom of the y axis up to its label, out of the legend; the x axis
// reaches a marker before the first point.
void TestChartBuilder::markersSpanThePlot()
{
    for (const bool logY : { false, true }) {
        report::Chart spec;
        spec.kind = report::ChartKind::Line;
        spec.logY = logY;
        spec.series = { report::Series { QStringLiteral("p99"), { { 2, 1 }, { 3, 40 }, { 10, 5 } } } };
        spec.markers = { { 0.5, QStringLiteral("worker 1 died") },
                         { 6, QStringLiteral("alert: qps") },
                         { qQNaN(), QStringLiteral("nowhere") } };
        std::unique_ptr<QChart> chart(buildChart(spec));
        const QList<QAbstractSeries*> series = chart->series();
        QCOMPARE(series.size(), 3); // the data, then the two drawable markers
        auto* x = qobject_cast<QValueAxis*>(axis(chart.get(), Qt::Horizontal));
        QVERIFY(x && x->min() <= 0.5 && x->max() >= 10);
        QAbstractAxis* y = axis(chart.get(), Qt::Vertical);
        const double low = logY ? qobject_cast<QLogValueAxis*>(y)->min() : qobject_cast<QValueAxis*>(y)->min();
        const double high = logY ? qobject_cast<QLogValueAxis*>(y)->max() : qobject_cast<QValueAxis*>(y)->max();
        auto* marker = qobject_cast<QLineSeries*>(series[2]);
        QVERIFY(marker);
        QCOMPARE(marker->name(), QStringLiteral("alert: qps"));
        const QList<QPointF> points = marker->points();
        QCOMPARE(points.size(), 2); // from the bottom up to the label, well below the top
        QCOMPARE(points.front(), QPointF(6, low));
        QCOMPARE(points.back().x(), 6.0);
        QVERIFY(points.back().y() > low && points.back().y() < high);
        QVERIFY(marker->pointLabelsVisible());
        QCOMPARE(marker->pointLabelsFormat(), QStringLiteral("alert: qps"));
        QCOMPARE(marker->pen().style(), Qt::DashLine);
        const auto entries = chart->legend()->markers(marker);
        QVERIFY(!entries.isEmpty());
        for (const QLegendMarker* entry : entries)
            QVERIFY(!entry->isVisible());
        QVERIFY(chart->legend()->isVisible()); // the named data series keeps its legend
    }
}

void TestChartBuilder::crowdedMarkersShareTheirLabels()
{
    // A crash loop: a long incident text, deaths and restarts, an alert, all within a second of a 100 s chart.
    report::Chart spec;
    spec.kind = report::ChartKind::Line;
    spec.series = { report::Series { QStringLiteral("qps"), { { 0, 10 }, { 100, 10 } } } };
    const QString incident = QStringLiteral("Crash loop injected: worker 0 is killed each time it starts, 10 s.");
    spec.markers = { { 50.0, QStringLiteral("worker 0 died") }, { 50.1, incident },
                     { 50.2, QStringLiteral("worker 0 back") }, { 50.3, QStringLiteral("worker 0 died") },
                     { 50.4, QStringLiteral("worker 0 back") }, { 50.5, QStringLiteral("alert: worker_restarts") },
                     { 90.0, QStringLiteral("worker 0 died") } };
    std::unique_ptr<QChart> chart(buildChart(spec));
    const QList<QAbstractSeries*> series = chart->series();
    QCOMPARE(series.size(), 1 + 7); // every marker keeps its line
    QStringList labels;
    for (QAbstractSeries* s : series.mid(1)) {
        auto* line = qobject_cast<QLineSeries*>(s);
        if (line->pointLabelsVisible())
            labels << line->pointLabelsFormat();
    }
    // The group at 50 s: its first two distinct labels (the long one cut), then the rest summed up; the lone
    // marker at 90 s keeps its own.
    QCOMPARE(labels,
             (QStringList { QStringLiteral("worker 0 died ×2"),
                            QStringLiteral("Crash loop injected: worker 0 is killed\u2026"), QStringLiteral("+2 more"),
                            QStringLiteral("worker 0 died") }));
}

BIDLAB_TEST_MAIN_GUI(TestChartBuilder)

#include "test_chart_builder.moc"
