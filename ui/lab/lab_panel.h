// SPDX-License-Identifier: MIT
#pragma once

#include "core/lab/experiment.h"
#include "ui/lab/lab_settings_form.h"
#include "ui/mainwindow/panel.h"

#include <optional>

#include <QPointer>

class QChartView;
class QTableView;
class QTextBrowser;

namespace bidlab::jobs {
class JobTracker;
}

namespace bidlab::ui {

class ReportTableModel;
class JobView;

// The "Parallelism lab" tab: one workload run sequentially, on a thread pool and on worker processes, with a
// range of workers and repeats; progress and cancel through the job frame; then the speedup-vs-workers chart
// with the ideal line, the table of figures (and every trial), a plain-language reading of the numbers, and
// File > Export of it all.
class LabPanel : public Panel
{
    Q_OBJECT
public:
    explicit LabPanel(QWidget* parent = nullptr);
    ~LabPanel() override;

    QString title() const override { return tr("Parallelism lab"); }
    QString key() const override { return QStringLiteral("lab"); }
    QWidget* controls() override;
    std::optional<report::Report> currentReport() const override;
    // {"start": true} runs the experiment at once when this tab is the one shown first.
    void applyStartupOptions(const QVariantMap& options) override;
    void saveSettings(QSettings& settings) const override;
    void restoreSettings(QSettings& settings) override;

    LabSettingsForm* settingsForm() const { return m_form; }
    jobs::JobTracker* tracker() const { return m_tracker; }
    const std::optional<lab::ExperimentResult>& lastResult() const { return m_result; }
    const ReportTableModel* figuresModel() const { return m_figures; }
    QString explanationText() const;
    QChartView* chartView() const { return m_chart; }
    // The worker program for the process executor; by default bidlab-lab-worker beside this program.
    void setWorkerProgram(const QString& path) { m_workerProgram = path; }

public Q_SLOTS:
    void run();
    void cancel();

private:
    void showResult(lab::ExperimentResult result);
    void showIntroduction();
    bool isCurrentTab() const;

    QPointer<LabSettingsForm> m_form; // shown in the window's control panel, which owns it
    jobs::JobTracker* m_tracker;
    JobView* m_jobView;
    QChartView* m_chart;
    QTextBrowser* m_explanation;
    ReportTableModel* m_figures;
    ReportTableModel* m_trials;
    QTableView* m_figuresView;
    QTableView* m_trialsView;
    std::optional<lab::ExperimentResult> m_result;
    QString m_workerProgram;
};

} // namespace bidlab::ui
