// SPDX-License-Identifier: MIT
#pragma once

#include "ui/mainwindow/panel.h"
#include "ui/mainwindow/theme.h"

#include <QList>
#include <QMainWindow>

class QLabel;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QToolBar;

namespace bidlab::ui {

// The application's frame: tool bar, a left control panel that follows the current tab, the tabs of the
// capabilities, and a status bar. It remembers geometry, layout and settings (QSettings).
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    QTabWidget* tabs() const { return m_tabs; }
    const QList<Panel*>& panels() const { return m_panels; }
    Panel* panel(const QString& key) const;

    // Hands a CtrModel file to the panel that drives the live engine (Panel::deployModel); false, with a
    // status message saying so, when no panel runs one.
    bool deployModel(const QString& path);
    // Hands an engine run to the panel that drives the live engine (Panel::runLive), which starts it and
    // becomes the current tab; the failure, also shown in the status bar, when none could start it.
    Status runLive(const engine::EngineConfig& config);

    void saveSettings() const;
    void restoreSettings();

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void createSimulationActions();
    void drawSimulationIcons();
    void createActions();
    void showCurrentControls();
    void exportCurrentReport();
    void chooseJobThreads();
    void setTheme(Theme theme);
    void about();

    QList<Panel*> m_panels;
    QSplitter* m_splitter;
    QStackedWidget* m_controls;
    QTabWidget* m_tabs;
    QToolBar* m_toolBar;
    QAction* m_exportAction = nullptr;
    SimulationActions m_simulation;
    QLabel* m_threadsLabel;
    Theme m_theme = Theme::System;
};

} // namespace bidlab::ui
