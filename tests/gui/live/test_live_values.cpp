// SPDX-License-Identifier: MIT
// The dashboard's value logic: ring buffers, the QPS scale, number texts, KPI rates, the per-second
// recorder, the bid landscape and the run report.
#include "core/common/money.h"
#include "core/engine/engine_config.h"
#include "tests/common/test_support.h"
#include "tests/gui/live/snapshot_factory.h"
#include "ui/history/run_report.h"
#include "ui/live/bid_landscape.h"
#include "ui/live/kpi_tracker.h"
#include "ui/live/live_chart_grid.h"
#include "ui/live/qps_scale.h"
#include "ui/live/series_recorder.h"
#include "ui/report/report_export.h"
#include "ui/widgets/number_text.h"
#include "ui/widgets/time_series_ring.h"

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace bidlab;
using namespace bidlab::ui;

namespace {

// Three seconds of a run at 10k QPS, finished.
engine::RunSummary threeSecondRun()
{
    SeriesRecorder recorder;
    for (qint64 tick = 1; tick <= 30; ++tick)
        recorder.add(test::makeSnapshot(tick, 10'000));
    engine::EngineConfig config;
    config.targetQps = 10'000;
    engine::RunSummary run = recorder.summarySoFar(config.toJson(), 1'700'000'000'000);
    run.endState = engine::EngineState::Finished;
    run.endReason = QStringLiteral("stopped");
    run.inFlightAtEnd = 0;
    return run;
}

const RunMarker kIncident { 1.4, QStringLiteral("incident"), QStringLiteral("latency spike"),
                            QStringLiteral("Injected the incident 'slow responses'."), RunMarker::kAllCharts };
const RunMarker kQpsAlert { 2.2, QStringLiteral("alert"), QStringLiteral("alert: qps"),
                            QStringLiteral("Alert (warning): zscore on qps = 2100, score 4.20."), LiveChartGrid::Qps };
const RunMarker kRoasAlert { 2.6, QStringLiteral("alert"), QStringLiteral("alert: roas"),
                             QStringLiteral("Alert (critical): drop on roas = 0.2, score 6.00."),
                             LiveChartGrid::Money };

QStringList markerLabels(const report::Chart& chart)
{
    QStringList labels;
    for (const report::Marker& m : chart.markers)
        labels << m.label;
    return labels;
}

QString pdfText(const QString& path)
{
    const test::ProcessResult text
        = test::runProgram(QStandardPaths::findExecutable(QStringLiteral("pdftotext")), { path, QStringLiteral("-") });
    return text.exitCode == 0 ? text.out : QString();
}

} // namespace

class TestLiveValues : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ringKeepsTheNewestPoints()
    {
        TimeSeriesRing ring(5);
        for (int i = 0; i < 8; ++i)
            ring.append(i, i * 10);
        QCOMPARE(ring.size(), 5);
        QCOMPARE(ring.at(0), QPointF(3, 30));
        QCOMPARE(ring.last(), QPointF(7, 70));
        QList<QPointF> out;
        const YExtent extent = ring.copyWindow(5, 100, out);
        QCOMPARE(out, (QList<QPointF> { { 5, 50 }, { 6, 60 }, { 7, 70 } }));
        QCOMPARE(extent.min, 50.0);
        QCOMPARE(extent.max, 70.0);
        ring.append(qQNaN(), 1); // ignored
        ring.append(8, qInf()); // ignored
        QCOMPARE(ring.size(), 5);
        ring.append(2, 1); // x went back: a new run
        QCOMPARE(ring.size(), 1);
        QCOMPARE(ring.copyWindow(100, 10, out).isEmpty(), true);
        QVERIFY(out.isEmpty());
    }

    void decimationKeepsPeaks()
    {
        TimeSeriesRing ring(10'000);
        for (int i = 0; i < 6000; ++i)
            ring.append(i * 0.1, i == 3001 ? 1000.0 : (i == 4500 ? -500.0 : std::sin(i * 0.01)));
        QList<QPointF> out;
        const YExtent extent = ring.copyWindow(0, 300, out);
        QVERIFY2(out.size() <= 2 * 300 + 1, qPrintable(QString::number(out.size())));
        QVERIFY(out.size() >= 300);
        QCOMPARE(extent.max, 1000.0);
        QCOMPARE(extent.min, -500.0);
        QVERIFY(out.contains(QPointF(300.1, 1000.0)));
        QVERIFY(out.contains(QPointF(450.0, -500.0)));
        QCOMPARE(out.front(), QPointF(0, 0));
        QCOMPARE(out.back(), ring.last());
        for (qsizetype i = 1; i < out.size(); ++i)
            QVERIFY(out[i].x() > out[i - 1].x()); // still a function of x
    }

    void qpsScaleIsLogarithmic()
    {
        QCOMPARE(qps_scale::qpsAt(0), 100);
        QCOMPARE(qps_scale::qpsAt(qps_scale::kSteps), 5'000'000);
        QCOMPARE(qps_scale::qpsAt(-5), 100);
        QCOMPARE(qps_scale::positionOf(50), 0);
        QCOMPARE(qps_scale::positionOf(10'000'000), qps_scale::kSteps);
        // Equal steps are equal ratios: the middle of the slider is the geometric mean (~22,361).
        const qint64 middle = qps_scale::qpsAt(qps_scale::kSteps / 2);
        QVERIFY2(middle >= 22'300 && middle <= 22'400, qPrintable(QString::number(middle)));
        for (int position = 0; position <= qps_scale::kSteps; position += 37) {
            const qint64 qps = qps_scale::qpsAt(position);
            QVERIFY(std::abs(qps_scale::positionOf(qps) - position) <= 1);
            if (position > 0)
                QVERIFY(qps >= qps_scale::qpsAt(position - 37));
        }
        QCOMPARE(qps_scale::qpsAt(qps_scale::positionOf(10'000)), 10'000);
    }

    void numberTexts()
    {
        QCOMPARE(compactNumber(0), QStringLiteral("0"));
        QCOMPARE(compactNumber(950), QStringLiteral("950"));
        QCOMPARE(compactNumber(12'345), QStringLiteral("12.3 k"));
        QCOMPARE(compactNumber(4'560'000), QStringLiteral("4.56 M"));
        QCOMPARE(compactNumber(-2'500), QStringLiteral("-2.50 k"));
        QCOMPARE(compactNumber(0.0123), QStringLiteral("0.0123"));
        QCOMPARE(compactNumber(qQNaN()), QStringLiteral("—"));
        QCOMPARE(groupedCount(1'234'567), QStringLiteral("1,234,567"));
        QCOMPARE(percentText(0.01234), QStringLiteral("1.23 %"));
        QCOMPARE(percentText(std::nullopt), QStringLiteral("—"));
        QCOMPARE(decimalText(2.0, 3), QStringLiteral("2.000"));
        QCOMPARE(durationText(850), QStringLiteral("850 ns"));
        QCOMPARE(durationText(12'300), QStringLiteral("12.3 µs"));
        QCOMPARE(durationText(4'560'000), QStringLiteral("4.56 ms"));
        QCOMPARE(durationText(1'200'000'000), QStringLiteral("1.20 s"));
    }

    void kpiRatesAndTrends()
    {
        KpiTracker tracker;
        auto figures = tracker.figures();
        QCOMPARE(figures[0].value, QStringLiteral("—"));
        for (qint64 tick = 1; tick <= 5; ++tick)
            tracker.add(test::makeSnapshot(tick, 10'000));
        figures = tracker.figures();
        QCOMPARE(figures[0].name, QStringLiteral("Requests"));
        QCOMPARE(figures[0].value, QStringLiteral("5,000"));
        QVERIFY(figures[0].change.isEmpty()); // half a second: no rate over a second yet
        for (qint64 tick = 6; tick <= 120; ++tick)
            tracker.add(test::makeSnapshot(tick, 10'000));
        figures = tracker.figures();
        QCOMPARE(figures[0].value, QStringLiteral("120,000"));
        QCOMPARE(figures[0].change, QStringLiteral("+10.0 k/s"));
        QCOMPARE(figures[1].change, QStringLiteral("+5.00 k/s")); // bids
        QCOMPARE(figures[2].change, QStringLiteral("+1.25 k/s")); // wins
        QCOMPARE(figures[5].name, QStringLiteral("Spend"));
        QCOMPARE(figures[5].value, QStringLiteral("15,000")); // 125 wins a tick, 1 unit each
        QVERIFY(figures[5].toolTip.startsWith(QStringLiteral("15000.00")));
        QCOMPARE(figures[5].change, QStringLiteral("+1.25 k/s"));
        // Constant shares: ratios do not move.
        QCOMPARE(figures[8].name, QStringLiteral("CTR"));
        QCOMPARE(figures[8].value, QStringLiteral("9.60 %")); // 12 clicks per 125 impressions
        QCOMPARE(figures[8].change, QStringLiteral("= in 10 s"));
        QCOMPARE(figures[9].value, QStringLiteral("10.417")); // eCPC: 125 units per 12 clicks
        // A rising eCPC is bad news.
        engine::EngineSnapshot dearer = test::makeSnapshot(121, 10'000);
        dearer.totals.spend += 100'000 * 1'000'000LL;
        tracker.add(dearer);
        figures = tracker.figures();
        QVERIFY(figures[9].change.startsWith(QStringLiteral("▲")));
        QCOMPARE(figures[9].mood, KpiFigure::Mood::Bad);
        // A new run starts over.
        tracker.add(test::makeSnapshot(1, 10'000));
        QCOMPARE(tracker.figures()[0].value, QStringLiteral("1,000"));
        // Big counts: three digits on the tile, the exact figure in the tooltip.
        engine::EngineSnapshot big = test::makeSnapshot(1, 10'000);
        big.totals.generated = 123'456'789;
        tracker.add(big);
        QCOMPARE(tracker.figures()[0].value, QStringLiteral("123 M"));
        QVERIFY(tracker.figures()[0].toolTip.startsWith(QStringLiteral("123,456,789")));
    }

    void recorderKeepsTheEnginesSeconds()
    {
        SeriesRecorder recorder;
        QVERIFY(recorder.isEmpty());
        for (qint64 tick = 1; tick <= 25; ++tick)
            recorder.add(test::makeSnapshot(tick, 10'000));
        const QList<engine::SeriesPoint> points = recorder.points();
        QCOMPARE(points.size(), 2); // two seconds closed; the third is under way
        QCOMPARE(points[0].second, 0);
        QCOMPARE(points[1].second, 1);
        QCOMPARE(points[1].counters.generated, 10'000);
        const engine::RunSummary soFar = recorder.summarySoFar({}, 0);
        QCOMPARE(soFar.totals.generated, 25'000);
        QCOMPARE(soFar.seconds, 2.5);
        QCOMPARE(soFar.series.size(), 2);
        QCOMPARE(soFar.campaigns.size(), 3);
        QCOMPARE(soFar.inFlightAtEnd, 0);
        recorder.add(test::makeSnapshot(1));
        QVERIFY(recorder.points().isEmpty()); // a new run
    }

    void landscapePointsAreCampaigns()
    {
        const auto campaign = [](int id, const char* name, Micros spend, qint64 bids, qint64 wins) {
            engine::CampaignRow row;
            row.id = id;
            row.name = QString::fromLatin1(name);
            row.spend = spend;
            row.bids = bids;
            row.wins = wins;
            return row;
        };
        const engine::CampaignRow rich = campaign(1, "rich", 3'000'000, 100, 50);
        const engine::CampaignRow few = campaign(2, "few", 1'000'000, 5, 5);
        const engine::CampaignRow none = campaign(3, "none", 0, 100, 0);
        const QList<LandscapePoint> points = campaignLandscape({ rich, few, none });
        QCOMPARE(points.size(), 1);
        QCOMPARE(points[0].name, QStringLiteral("rich"));
        QCOMPARE(points[0].winRate, 0.5);
        QCOMPARE(points[0].priceCpm, 60.0); // 3 units over 50 wins = 0.06 per impression = 60 CPM
    }

    void runReportHoldsTheRun()
    {
        SeriesRecorder recorder;
        for (qint64 tick = 1; tick <= 30; ++tick)
            recorder.add(test::makeSnapshot(tick, 10'000));
        engine::EngineConfig config;
        config.workers = 3;
        config.targetQps = 10'000;
        engine::RunSummary run = recorder.summarySoFar(config.toJson(), 1'700'000'000'000);
        run.endState = engine::EngineState::Finished;
        run.endReason = QStringLiteral("stopped");
        run.inFlightAtEnd = 0;
        const report::Report r = runReport(run, QStringLiteral("#7 test"));
        QCOMPARE(r.title, QStringLiteral("Bidding run: #7 test"));
        const auto param = [&](const QString& name) {
            for (const auto& [key, value] : r.parameters) {
                if (key == name)
                    return value;
            }
            return QString();
        };
        QCOMPARE(param(QStringLiteral("Workers")), QStringLiteral("3"));
        QCOMPARE(param(QStringLiteral("Target QPS")), QStringLiteral("10000"));
        QCOMPARE(param(QStringLiteral("End")), QStringLiteral("stopped"));
        QCOMPARE(r.charts.size(), 5);
        QCOMPARE(r.charts[0].title, QStringLiteral("Target vs achieved QPS"));
        QVERIFY(r.charts[2].logY);
        QCOMPARE(r.charts[0].series.size(), 2);
        QCOMPARE(r.charts[0].series[1].points.size(), 3);
        QCOMPARE(r.charts[0].series[1].points[0], QPointF(1, 10.0)); // k requests/s
        QCOMPARE(r.charts[3].series[0].points.back().y(), toUnits(run.totals.spend)); // cumulative: 3 whole seconds
        // Table 0 is the per-second series (what CSV export writes), one row per second.
        QCOMPARE(r.tables[0].title, QStringLiteral("Per-second series"));
        QCOMPARE(r.tables[0].rows.size(), 3);
        QCOMPARE(r.tables[0].columns[3].name, QStringLiteral("generated"));
        QCOMPARE(r.tables[0].rows[1][3].toLongLong(), 10'000);
        for (const report::Table& table : r.tables) {
            for (const report::Row& row : table.rows)
                QCOMPARE(row.size(), table.columns.size()); // every row as wide as its header
        }
        QCOMPARE(r.tables[1].rows[0][1].toLongLong(), run.totals.generated); // accounting
        QVERIFY(r.notes.front().startsWith(QStringLiteral("Accounting balanced")));
        // Two runs overlaid: each series carries its run's label.
        const QList<report::Chart> overlay
            = runCharts({ { QStringLiteral("#1"), &run }, { QStringLiteral("#2"), &run } });
        QCOMPARE(overlay[1].series.size(), 4);
        QCOMPARE(overlay[1].series[2].name, QStringLiteral("#2 bid rate"));
    }

    // The markers drawn on the live charts reach the run report: on its charts, in the per-second series (the
    // CSV) and in a table of their own.
    void runReportCarriesTheChartMarkers()
    {
        const engine::RunSummary run = threeSecondRun();
        const report::Report plain = runReport(run, QStringLiteral("#8"));
        QCOMPARE(plain.tables[0].columns.back().name, QStringLiteral("markers"));
        for (const report::Row& row : plain.tables[0].rows)
            QVERIFY(row.back().isNull());
        for (const report::Table& table : plain.tables)
            QVERIFY(table.title != QStringLiteral("Chart markers"));
        for (const report::Chart& chart : plain.charts)
            QVERIFY(chart.markers.isEmpty());

        const report::Report r = runReport(run, QStringLiteral("#8"), { kIncident, kQpsAlert, kRoasAlert });
        const report::Table& series = r.tables[0];
        QCOMPARE(series.rows.size(), 3);
        QVERIFY(series.rows[0].back().isNull());
        QCOMPARE(series.rows[1].back().toString(), kIncident.text); // second 1 holds 1.4 s
        QCOMPARE(series.rows[2].back().toString(), kQpsAlert.text + QStringLiteral(" | ") + kRoasAlert.text);
        const report::Table& markers = r.tables.back();
        QCOMPARE(markers.title, QStringLiteral("Chart markers"));
        QCOMPARE(markers.columns.size(), 3);
        QCOMPARE(markers.rows.size(), 3);
        QCOMPARE(markers.rows[1], (report::Row { 2.2, QStringLiteral("alert"), kQpsAlert.text }));
        QCOMPARE(r.charts.size(), 5);
        QCOMPARE(markerLabels(r.charts[0]), (QStringList { kIncident.label, kQpsAlert.label }));
        QCOMPARE(markerLabels(r.charts[1]), (QStringList { kIncident.label }));
        QCOMPARE(markerLabels(r.charts[2]), (QStringList { kIncident.label }));
        QCOMPARE(markerLabels(r.charts[3]), (QStringList { kIncident.label, kRoasAlert.label }));
        QCOMPARE(markerLabels(r.charts[4]), (QStringList { kIncident.label, kRoasAlert.label })); // ROAS is on money
        QCOMPARE(r.charts[0].markers[1].x, 2.2);

        // Exported: the CSV's rows carry the markers' text, the PDF shows the table and the marks' labels.
        QTemporaryDir dir;
        const QString csvPath = dir.filePath(QStringLiteral("run.csv"));
        QVERIFY(exportReport(r, csvPath).ok());
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csv.readAll()).split(QStringLiteral("\r\n"));
        QVERIFY(lines[0].endsWith(QStringLiteral(",markers")));
        QVERIFY2(lines[2].endsWith(QLatin1Char(',') + kIncident.text), qPrintable(lines[2]));
        QVERIFY2(lines[3].contains(kRoasAlert.text), qPrintable(lines[3]));

        const QString pdfPath = dir.filePath(QStringLiteral("run.pdf"));
        QVERIFY(exportReport(r, pdfPath).ok());
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty()
            || QStandardPaths::findExecutable(QStringLiteral("pdftoppm")).isEmpty())
            QSKIP("poppler-utils (pdftotext, pdftoppm) is not installed");
        const QString text = pdfText(pdfPath).simplified();
        QVERIFY2(text.contains(QStringLiteral("Chart markers")), qPrintable(text));
        QVERIFY(text.contains(kQpsAlert.text));
        QVERIFY(text.contains(kIncident.label)); // on the charts only: the table has the sentence
        QVERIFY(text.contains(kRoasAlert.label));
        const QString prefix = dir.filePath(QStringLiteral("page"));
        const test::ProcessResult rendered
            = test::runProgram(QStandardPaths::findExecutable(QStringLiteral("pdftoppm")),
                               { QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("60"), pdfPath, prefix });
        QCOMPARE(rendered.exitCode, 0);
        const QImage first(prefix + QStringLiteral("-1.png"));
        QVERIFY(!first.isNull());
        if (!qEnvironmentVariableIsEmpty("BIDLAB_SCREENSHOT_DIR"))
            QFile::copy(pdfPath, qEnvironmentVariable("BIDLAB_SCREENSHOT_DIR") + QStringLiteral("/run-markers.pdf"));
    }
};

BIDLAB_TEST_MAIN_GUI(TestLiveValues)
#include "test_live_values.moc"
