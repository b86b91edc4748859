// SPDX-License-Identifier: MIT
#pragma once

#include "core/stats/ab_analysis.h"
#include "ui/mainwindow/panel.h"

#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QSplitter;
class QTabWidget;
class QTableView;

namespace bidlab::jobs {
class JobTracker;
}

namespace bidlab::ui {

class AbResultsModel;
class ExperimentDetail;
class ForestPlot;
class JobView;
class PlanningView;

// The A/B tests tab: open CSV tables (aggregated, per user or per day), pick the metric, test, correction
// and alpha; the analysis runs as a background job and fills a sortable results table, a forest plot of
// the lifts and a page of every test for the selected comparison. A planning tab sizes tests before they
// run. The last tables and choices come back at the next launch.
class AbTestsPanel : public Panel
{
    Q_OBJECT
public:
    explicit AbTestsPanel(QWidget* parent = nullptr);
    ~AbTestsPanel() override;

    QString title() const override { return tr("A/B tests"); }
    QString key() const override { return QStringLiteral("abtests"); }
    QWidget* controls() override { return m_controls; }
    std::optional<report::Report> currentReport() const override;
    void saveSettings(QSettings& settings) const override;
    void restoreSettings(QSettings& settings) override;

    // Reads and analyses these tables (what "Open tables…" does after its dialog).
    void openFiles(const QStringList& files);
    // Columns chosen by hand (what "Columns…" does after its dialog), then reads the tables again.
    void setChosenColumns(const QMap<stats::Role, QString>& columns);
    const stats::Analysis* analysis() const { return m_analysis.get(); }
    jobs::JobTracker* tracker() const { return m_tracker; }
    QTableView* resultsView() const { return m_table; }
    ForestPlot* forestPlot() const { return m_forest; }
    ExperimentDetail* detail() const { return m_detail; }

Q_SIGNALS:
    void analysisChanged();

private:
    QWidget* createControls();
    QWidget* createResults();
    void chooseFiles();
    void chooseColumns();
    void setFiles(const QStringList& files);
    void analyse(bool reload);
    void setAnalysis(stats::Analysis analysis);
    void recorrect();
    void showSelected();
    void updateForest();
    void updateSummary();
    void updateNotes();
    void updateMetricChoices();
    stats::AnalysisOptions options() const;

    QWidget* m_controls = nullptr;
    QLabel* m_files = nullptr;
    QLabel* m_columns = nullptr;
    QComboBox* m_metric = nullptr;
    QComboBox* m_test = nullptr;
    QComboBox* m_correction = nullptr;
    QDoubleSpinBox* m_alpha = nullptr;
    QLineEdit* m_control = nullptr;
    QSpinBox* m_resamples = nullptr;
    QSpinBox* m_seed = nullptr;
    QPushButton* m_run = nullptr;
    QLabel* m_summary = nullptr;
    QTabWidget* m_tabs = nullptr;
    QLineEdit* m_filter = nullptr;
    QTableView* m_table = nullptr;
    AbResultsModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    ForestPlot* m_forest = nullptr;
    ExperimentDetail* m_detail = nullptr;
    QPlainTextEdit* m_notes = nullptr;
    PlanningView* m_planning = nullptr;
    JobView* m_jobView = nullptr;
    jobs::JobTracker* m_tracker = nullptr;
    QSplitter* m_vertical = nullptr;
    QSplitter* m_horizontal = nullptr;
    QStringList m_fileList;
    QMap<stats::Role, QString> m_chosenColumns; // by hand, in "Columns…"
    QPushButton* m_chooseColumns = nullptr;
    std::shared_ptr<const stats::Analysis> m_analysis;
};

} // namespace bidlab::ui
