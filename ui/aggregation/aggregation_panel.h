// SPDX-License-Identifier: MIT
#pragma once

#include "core/aggregate/aggregate_report.h"
#include "core/aggregate/aggregate_result.h"
#include "core/aggregate/file_layout.h"
#include "ui/mainwindow/panel.h"

#include <optional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace bidlab::jobs {
class JobTracker;
}

namespace bidlab::ui {

class JobView;
class ReportView;

// The Aggregation tab: a file (picker or drag-and-drop), its column mapping (remembered per file layout),
// the group-by dimensions in order, filters, threads, Run/Cancel with progress; the result as a report
// (KPIs, sortable and filterable tables per rollup level, top-N / over-time / share charts) with export.
class AggregationPanel : public Panel
{
    Q_OBJECT
public:
    explicit AggregationPanel(QWidget* parent = nullptr);
    ~AggregationPanel() override;

    QString title() const override { return tr("Aggregation"); }
    QString key() const override { return QStringLiteral("aggregation"); }
    QWidget* controls() override { return m_controls; }
    std::optional<report::Report> currentReport() const override { return m_report; }
    void applyStartupOptions(const QVariantMap& options) override;
    void saveSettings(QSettings& settings) const override;
    void restoreSettings(QSettings& settings) override;

    // Reads the file's header and sample; false (with the reason shown) when it cannot be read.
    bool setFile(const QString& path);
    void setMapping(const aggregate::ColumnMapping& mapping); // and remembers it for the file's layout
    const aggregate::ColumnMapping& mapping() const { return m_mapping; }
    void setDimensions(const QStringList& dimensions);
    QStringList dimensions() const;
    aggregate::AggregateParams params() const;
    void run();
    void editMapping();

    const std::optional<aggregate::AggregateResult>& result() const { return m_result; }
    jobs::JobTracker* tracker() const { return m_tracker; }
    ReportView* reportView() const { return m_view; }
    QString layoutText() const;

    // The mapping remembered for a header row (QSettings), or the guess from its names.
    static aggregate::ColumnMapping rememberedMapping(const QStringList& headers);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    QWidget* buildControls();
    QWidget* buildChartOptions();
    void fillDimensions(const QStringList& checked);
    void fillChartChoices();
    void showResult(aggregate::AggregateResult result);
    void rebuildReport();
    aggregate::ReportOptions reportOptions() const;

    QWidget* m_controls;
    QLineEdit* m_file;
    QLabel* m_layoutLabel;
    QPushButton* m_mappingButton;
    QListWidget* m_dimensions;
    QCheckBox* m_useFrom;
    QCheckBox* m_useTo;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QComboBox* m_filterDimension;
    QLineEdit* m_filterValues;
    QCheckBox* m_filterExclude;
    QSpinBox* m_threads;
    QPushButton* m_run;
    JobView* m_jobView;
    QComboBox* m_topMetric;
    QSpinBox* m_topCount;
    QComboBox* m_timeMetric;
    QComboBox* m_shareDimension;
    QComboBox* m_shareMetric;
    ReportView* m_view;
    QLabel* m_runInfo;

    jobs::JobTracker* m_tracker;
    std::optional<aggregate::FileLayout> m_layout;
    aggregate::ColumnMapping m_mapping;
    std::optional<aggregate::AggregateResult> m_result;
    std::optional<report::Report> m_report;
};

} // namespace bidlab::ui
