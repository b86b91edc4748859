// SPDX-License-Identifier: MIT
#pragma once

#include "core/train/hyper_search.h"
#include "ui/mainwindow/panel.h"
#include "ui/training/training_settings_form.h"

#include <memory>
#include <mutex>

#include <QPointer>

class QChartView;
class QLabel;
class QPushButton;
class QTableView;
class QTabWidget;

namespace bidlab::jobs {
class JobTracker;
}

namespace bidlab::ui {

class JobView;
class ReportTableModel;
class TrainingSettingsForm;

// Carries the search leaderboard from the pool threads to the panel: the latest copy under a mutex and a
// queued signal; it outlives the panel if the job does (deleted later on the GUI thread).
class LeaderboardRelay : public QObject
{
    Q_OBJECT
public:
    void post(const train::Leaderboard& board);
    train::Leaderboard latest() const;
Q_SIGNALS:
    void changed();

private:
    mutable std::mutex m_mutex;
    train::Leaderboard m_latest;
};

// The Training tab: a data set with its preview, a model and its parameters, Train / Tune with progress and
// cancel, then the loss curve, ROC curve, calibration plot, feature importance, the live search leaderboard,
// the test metrics, "Save model…", "Deploy to bidders" and File > Export of it all.
class TrainingPanel : public Panel
{
    Q_OBJECT
public:
    explicit TrainingPanel(QWidget* parent = nullptr);
    ~TrainingPanel() override;

    QString title() const override { return tr("Training"); }
    QString key() const override { return QStringLiteral("training"); }
    QWidget* controls() override;
    std::optional<report::Report> currentReport() const override;
    void saveSettings(QSettings& settings) const override;
    void restoreSettings(QSettings& settings) override;

    TrainingSettingsForm* settingsForm() const { return m_form; }
    jobs::JobTracker* tracker() const { return m_tracker; }
    const std::optional<train::TrainOutcome>& lastOutcome() const { return m_outcome; }
    const ReportTableModel* leaderboardModel() const { return m_leaderboard; }
    QString metricsText() const;
    // Writes the last trained model; the error names the file.
    Status saveModel(const QString& path) const;
    // "Deploy to bidders": writes the last trained model into the models folder (the workers read the file
    // when it is deployed and again when they restart) and emits deployModelRequested with its path.
    Expected<QString> deployToBidders();
    // Where deployed models are kept: <app data>/models.
    static QString deployedModelsFolder();

public Q_SLOTS:
    void startTraining();
    void startTuning();

private:
    void updatePreview();
    void showOutcome(const train::TrainOutcome& outcome);
    void showLeaderboard(const train::Leaderboard& board);
    void setChart(QChartView* view, const report::Chart& chart);
    void chooseModelFile();

    QPointer<TrainingSettingsForm> m_form;
    jobs::JobTracker* m_tracker;
    JobView* m_jobView;
    QTableView* m_preview;
    ReportTableModel* m_previewModel;
    QLabel* m_previewStatus;
    QLabel* m_metrics;
    QPushButton* m_saveModel;
    QPushButton* m_deploy;
    QTabWidget* m_tabs;
    QChartView* m_loss;
    QChartView* m_roc;
    QChartView* m_calibration;
    QChartView* m_importance;
    QTableView* m_leaderboardView;
    ReportTableModel* m_leaderboard;
    std::optional<train::TrainOutcome> m_outcome;
    std::optional<report::Report> m_report;
};

} // namespace bidlab::ui
