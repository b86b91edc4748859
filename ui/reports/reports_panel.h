// SPDX-License-Identifier: MIT
#pragma once

#include "ui/mainwindow/panel.h"

#include <functional>

#include <QPointer>

class QComboBox;
class QLabel;

namespace bidlab::ui {

class ReportView;

// The Reports tab: a browser of the reports the other tabs currently have (Panel::currentReport()), with
// a preview and one-click export. It finds the tabs through the main window's panel list, and follows
// their reportChanged() signals.
class ReportsPanel : public Panel
{
    Q_OBJECT
public:
    explicit ReportsPanel(QWidget* parent = nullptr);

    QString title() const override { return tr("Reports"); }
    QString key() const override { return QStringLiteral("reports"); }
    QWidget* controls() override { return m_controls; }
    std::optional<report::Report> currentReport() const override;

    // Where the sources come from; by default the main window's panels. For tests and embedding.
    void setSourceProvider(std::function<QList<Panel*>()> provider);
    // Lists the panels that have a report now and previews the chosen one.
    void refresh();

    QComboBox* sourceChooser() const { return m_sources; }
    ReportView* view() const { return m_view; }

    void saveSettings(QSettings& settings) const override;
    void restoreSettings(QSettings& settings) override;

protected:
    void showEvent(QShowEvent* event) override;

private:
    QList<Panel*> sourcePanels() const;
    void showChosen();

    std::function<QList<Panel*>()> m_provider;
    QWidget* m_controls;
    QComboBox* m_sources;
    QLabel* m_hint;
    ReportView* m_view;
    QString m_wantedKey; // the source to choose when it appears (restored setting)
};

} // namespace bidlab::ui
