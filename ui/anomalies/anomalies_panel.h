// SPDX-License-Identifier: MIT
#pragma once

#include "core/anomaly/detection.h"
#include "ui/mainwindow/panel.h"

#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableView;

namespace bidlab::jobs {
class JobTracker;
}

namespace bidlab::ui {

class AnomalyChart;
class DetectionTableModel;
class JobView;
class LiveAlertsView;

// The Anomalies tab: open any timestamp,value CSV, choose a detector, see the series with its detections
// and the score with the threshold, list the detections, export the report. Scoring runs as a background
// job; moving the threshold re-marks the detections at once without scoring again. A second page shows the
// live alerts of an engine run (LiveAlertsView).
class AnomaliesPanel : public Panel
{
    Q_OBJECT
public:
    explicit AnomaliesPanel(QWidget* parent = nullptr);

    QString title() const override { return tr("Anomalies"); }
    QString key() const override { return QStringLiteral("anomalies"); }
    QWidget* controls() override { return m_controls; }
    std::optional<report::Report> currentReport() const override;
    void saveSettings(QSettings& settings) const override;
    void restoreSettings(QSettings& settings) override;

    // Opens a file and scores it with the chosen detector (in the background).
    void openFile(const QString& path);
    void setDetector(const QString& name);
    void setThreshold(double threshold);
    void run();

    // For tests.
    std::shared_ptr<const anomaly::DetectionResult> result() const { return m_result; }
    jobs::JobTracker* tracker() const { return m_tracker; }
    AnomalyChart* chart() const { return m_chart; }
    DetectionTableModel* detectionModel() const { return m_model; }
    QString summaryText() const;
    LiveAlertsView* liveView() const { return m_live; }

Q_SIGNALS:
    void resultChanged();

private:
    QWidget* buildControls();
    void chooseFile();
    void showResult(anomaly::DetectionResult result);
    void onThresholdChanged(double threshold);
    void updateSummary();

    QString m_path;
    std::shared_ptr<const anomaly::DetectionResult> m_result;
    jobs::JobTracker* m_tracker;
    QWidget* m_controls;
    QLabel* m_file = nullptr;
    QComboBox* m_detector = nullptr;
    QDoubleSpinBox* m_threshold = nullptr;
    QSpinBox* m_probation = nullptr;
    QPushButton* m_run = nullptr;
    JobView* m_jobView = nullptr;
    QLabel* m_summary = nullptr;
    AnomalyChart* m_chart;
    DetectionTableModel* m_model;
    QTableView* m_table;
    LiveAlertsView* m_live;
};

} // namespace bidlab::ui
