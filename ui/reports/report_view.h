// SPDX-License-Identifier: MIT
#pragma once

#include "core/report/report.h"

#include <optional>

#include <QWidget>

class QLabel;
class QTabWidget;
class QPushButton;

namespace bidlab::ui {

class KpiTiles;

// The preview of any report: title, parameters, KPI tiles, a tab per table (sortable, filterable) and per
// chart (drawn by buildChart, as in the PDF), the notes, and one-click export to CSV, XLSX or PDF through
// exportReport. Used by the Reports tab and by panels that show their own report.
class ReportView : public QWidget
{
    Q_OBJECT
public:
    explicit ReportView(QWidget* parent = nullptr);

    void setReport(std::optional<report::Report> report);
    const std::optional<report::Report>& report() const { return m_report; }

    // Writes the report to `path` (the format by its suffix); emits exported or shows the failure.
    bool exportTo(const QString& path);

    QTabWidget* tabs() const { return m_tabs; }
    KpiTiles* kpis() const { return m_kpis; }

Q_SIGNALS:
    void exported(const QString& path);

private:
    void exportAs(const QString& suffix);

    std::optional<report::Report> m_report;
    QLabel* m_title;
    QLabel* m_parameters;
    KpiTiles* m_kpis;
    QTabWidget* m_tabs;
    QLabel* m_notes;
    QList<QPushButton*> m_exportButtons;
};

} // namespace bidlab::ui
