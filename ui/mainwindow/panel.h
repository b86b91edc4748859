// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"
#include "core/engine/engine_config.h"
#include "core/report/report.h"

#include <optional>

#include <QList>
#include <QVariantMap>
#include <QWidget>

class QAction;
class QSettings;

namespace bidlab::ui {

// The window's simulation actions (tool bar and Simulation menu, with shortcuts F5 / F6 / Shift+F5). They
// stay disabled until a panel binds them to an engine.
struct SimulationActions
{
    QAction* start = nullptr;
    QAction* pause = nullptr;
    QAction* stop = nullptr;
};

// One tab of the main window (Live bidding, Aggregation, ...). The panel is the central content; its
// controls() widget is shown in the window's left control panel while the tab is current.
class Panel : public QWidget
{
    Q_OBJECT
public:
    explicit Panel(QWidget* parent = nullptr);

    virtual QString title() const = 0;
    // Stable key for QSettings groups and object names ("live", "aggregation", ...).
    virtual QString key() const = 0;
    // Left-side controls; nullptr when the panel has none.
    virtual QWidget* controls() { return nullptr; }
    // Actions for the main tool bar (e.g. Start / Pause / Stop), shown whatever the current tab.
    virtual QList<QAction*> toolBarActions() { return {}; }
    // Actions for the File menu (e.g. open and save a scenario), listed above Export whatever the current tab.
    virtual QList<QAction*> fileMenuActions() { return {}; }
    // Offered to every panel once; the panel that drives the engine connects and enables them.
    virtual void bindSimulationActions(const SimulationActions& actions) { Q_UNUSED(actions) }
    // What File > Export writes; nullopt while there is nothing to export.
    virtual std::optional<report::Report> currentReport() const { return std::nullopt; }

    // Startup options from the command line, e.g. {"start": true, "scenario": "/path"}; after restoreSettings.
    virtual void applyStartupOptions(const QVariantMap& options) { Q_UNUSED(options) }

    // "Deploy to bidders": the main window offers a CtrModel file to every panel in turn (after a panel emitted
    // deployModelRequested); the panel that drives the live engine hands it to Engine::deployModel and returns
    // true, the others return false.
    virtual bool deployModel(const QString& path)
    {
        Q_UNUSED(path)
        return false;
    }

    // "Run live": the main window offers an engine run to every panel in turn (after a panel emitted
    // runLiveRequested); the panel that drives the live engine shows the config in its controls, starts it
    // exactly as given and returns whether it started; the others return nullopt.
    virtual std::optional<Status> runLive(const engine::EngineConfig& config)
    {
        Q_UNUSED(config)
        return std::nullopt;
    }

    // Called inside the panel's own settings group.
    virtual void saveSettings(QSettings& settings) const;
    virtual void restoreSettings(QSettings& settings);

Q_SIGNALS:
    void statusMessage(const QString& message, int timeoutMs = 0);
    void reportChanged();
    // The panel wants to be the current tab (e.g. a simulation started from the tool bar or the command line).
    void raiseRequested();
    // Asks the window to deploy a model file to the running engine's bidder workers (MainWindow::deployModel).
    void deployModelRequested(const QString& path);
    // Asks the window to start this run on the live engine and show it (MainWindow::runLive).
    void runLiveRequested(const bidlab::engine::EngineConfig& config);
};

} // namespace bidlab::ui
