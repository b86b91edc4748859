// SPDX-License-Identifier: MIT
// The Anomalies panel in a real (offscreen) window: open a file, score it in the background, move the
// threshold, export, and a bad file.
#include "core/jobs/job_tracker.h"
#include "tests/common/test_support.h"
#include "ui/anomalies/anomalies_panel.h"
#include "ui/anomalies/anomaly_chart.h"
#include "ui/anomalies/detection_table_model.h"
#include "ui/report/report_export.h"

#include <cmath>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimeZone>

using namespace bidlab;
using namespace bidlab::ui;

namespace {

// 800 five-minute values with a gentle cycle and two spikes (rows 500 and 700).
QString writeSeries(const QTemporaryDir& dir)
{
    QByteArray csv = "timestamp,value\n";
    const QDateTime start(QDate(2024, 3, 1), QTime(0, 0), QTimeZone::utc());
    for (int i = 0; i < 800; ++i) {
        double value = 100.0 + 10.0 * std::sin(i * 2.0 * 3.14159265358979 / 96.0) + ((i * 7919) % 17) / 17.0;
        if (i == 500)
            value += 60.0;
        if (i == 700)
            value -= 60.0;
        csv += start.addSecs(300LL * i).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).toUtf8() + ','
            + QByteArray::number(value, 'f', 4) + '\n';
    }
    const QString path = dir.filePath(QStringLiteral("spikes.csv"));
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(csv);
    return path;
}

} // namespace

class AnomaliesPanelTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void scoresAFileAndShowsItsDetections()
    {
        QTemporaryDir dir;
        AnomaliesPanel panel;
        panel.resize(1000, 700);
        panel.show();
        QAbstractItemModelTester tester(panel.detectionModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(!panel.currentReport().has_value());
        QSignalSpy results(&panel, &AnomaliesPanel::resultChanged);
        panel.openFile(writeSeries(dir));
        QTRY_COMPARE_WITH_TIMEOUT(results.size(), 1, 20'000);
        const auto result = panel.result();
        QCOMPARE(result->series.size(), qsizetype(800));
        QCOMPARE(result->detector, QStringLiteral("ensemble"));
        QCOMPARE(panel.chart()->valuePointCount(), qsizetype(800));
        const std::vector<qsizetype> expected { 500, 700 };
        QCOMPARE(result->detections, expected);
        QCOMPARE(panel.detectionModel()->rowCount(), 2);
        QCOMPARE(panel.detectionModel()->seriesRow(0), qsizetype(500));
        QCOMPARE(panel.chart()->detectionPointCount(), qsizetype(2));
        QVERIFY2(panel.summaryText().contains(QStringLiteral("800 rows, 2 detections")),
                 qPrintable(panel.summaryText()));

        // Moving the threshold re-marks the detections without scoring again.
        panel.setThreshold(0.0);
        QCOMPARE(panel.detectionModel()->rowCount(), 800);
        QCOMPARE(panel.chart()->detectionPointCount(), qsizetype(800));
        QCOMPARE(results.size(), 1);
        panel.setThreshold(0.999);
        QCOMPARE(panel.detectionModel()->rowCount(), 0);

        // The report exports through the shared writers.
        panel.setThreshold(0.5);
        const auto report = panel.currentReport();
        QVERIFY(report.has_value());
        QCOMPARE(report->tables.first().rows.size(), qsizetype(2));
        const QString pdf = dir.filePath(QStringLiteral("anomalies.pdf"));
        QVERIFY(exportReport(*report, pdf).ok());
        QVERIFY(QFile(pdf).size() > 1000);

        // Another detector scores again in the background.
        panel.setDetector(QStringLiteral("seasonal"));
        QTRY_COMPARE_WITH_TIMEOUT(results.size(), 2, 20'000);
        QCOMPARE(panel.result()->detector, QStringLiteral("seasonal"));
    }

    void aBadFileFailsWithItsName()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("timestamp,value\nnot a time,1\n");
        file.close();
        AnomaliesPanel panel;
        QSignalSpy finished(panel.tracker(), &jobs::JobTracker::finished);
        QSignalSpy status(&panel, &Panel::statusMessage);
        panel.openFile(path);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20'000);
        QCOMPARE(finished.first().at(0).value<jobs::JobTracker::Outcome>(), jobs::JobTracker::Outcome::Failed);
        QVERIFY(finished.first().at(1).toString().contains(QStringLiteral("broken.csv")));
        QCOMPARE(status.size(), 1);
        QVERIFY(!panel.currentReport().has_value());
    }
};

BIDLAB_TEST_MAIN_GUI(AnomaliesPanelTest)
#include "test_anomalies_panel.moc"
