// SPDX-License-Identifier: MIT
#pragma once

#include "core/replay/replay_job.h"
#include "ui/mainwindow/panel.h"

#include <optional>

class QChartView;
class QGridLayout;
class QLabel;
class QTableView;

namespace bidlab::jobs {
class JobTracker;
}

namespace bidlab::ui {

class JobView;
class ReplayControls;
class ReportTableModel;

// The Replay tab: replays a logged-auction file under a budget-constrained strategy (RLB, SS-MDP, Mcpc) as
// a background job with progress and cancel, then shows the paper's figures, the spending per episode (a
// chart and a table) and a table of every run so far, for comparing strategies side by side. File > Export
// writes the last run's report with that comparison. Run live replays, then hands the same replay to the
// Live bidding tab as an engine run (Panel::runLiveRequested), where it shows like any run.
class ReplayPanel : public Panel
{
    Q_OBJECT
public:
    explicit ReplayPanel(QWidget* parent = nullptr);
    ~ReplayPanel() override;

    QString title() const override { return tr("Replay"); }
    QString key() const override { return QStringLiteral("replay"); }
    QWidget* controls() override;
    std::optional<report::Report> currentReport() const override { return m_report; }
    void applyStartupOptions(const QVariantMap& options) override;
    void saveSettings(QSettings& settings) const override;
    void restoreSettings(QSettings& settings) override;

    // Starts a replay of what the controls say; false (with a status message) when they say nothing runnable.
    bool run();
    // Starts a replay as run() does, then asks for the same replay through the live engine
    // (runLiveRequested with engine::liveReplayConfig, at the controls' live QPS).
    bool runLive();

    // For tests.
    ReplayControls* replayControls() const { return m_controls; }
    jobs::JobTracker* tracker() const { return m_tracker; }
    ReportTableModel* episodeModel() const { return m_episodes; }
    ReportTableModel* runModel() const { return m_runs; }
    QString kpiText(const QString& name) const;

private:
    bool start(bool live);
    void show(const replay::ReplayRun& run);
    void handOver(const replay::ReplayRun& run);
    void showKpis(const report::Report& report);
    QWidget* buildResults();

    ReplayControls* m_controls;
    jobs::JobTracker* m_tracker;
    JobView* m_jobView;
    QGridLayout* m_kpiGrid = nullptr;
    QList<QPair<QLabel*, QLabel*>> m_kpiLabels;
    QChartView* m_chartView = nullptr;
    QTableView* m_episodeView = nullptr;
    QTableView* m_runView = nullptr;
    ReportTableModel* m_episodes;
    ReportTableModel* m_runs;
    std::optional<report::Report> m_report;
};

} // namespace bidlab::ui
