// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/engine_snapshot.h"
#include "ui/live/series_recorder.h"
#include "ui/mainwindow/panel.h"

#include <optional>

class QTabWidget;

namespace bidlab::engine {
class Engine;
struct EngineConfig;
} // namespace bidlab::engine

namespace bidlab::anomaly {
class LiveMonitor;
} // namespace bidlab::anomaly

namespace bidlab::ui {

class LiveControls;
class LiveDashboard;
class RunArchive;
class RunHistoryView;

// The Live bidding tab: drives the bidding engine (Start F5 / Pause F6 / Stop Shift+F5, live changes from
// the controls), shows it on the live dashboard, keeps every finished run in the run history, and exports
// the current or a past run. Scenario files open and save from the File menu. The GUI thread only calls the
// engine's non-blocking slots and receives its queued signals.
class LivePanel : public Panel
{
    Q_OBJECT
public:
    explicit LivePanel(QWidget* parent = nullptr);
    ~LivePanel() override;

    QString title() const override;
    QString key() const override;
    QWidget* controls() override;
    QList<QAction*> fileMenuActions() override;
    QList<QAction*> toolBarActions() override;
    void bindSimulationActions(const SimulationActions& actions) override;
    std::optional<report::Report> currentReport() const override;
    void applyStartupOptions(const QVariantMap& options) override;
    // Training's "Deploy to bidders": a running (or paused) simulation hands the model to its workers.
    bool deployModel(const QString& path) override;
    // The Replay tab's "Run live" (or any tab's run): shows the config in the controls and starts it exactly
    // as given (the controls' fields would round it); an error while a run is active or the engine refuses it.
    std::optional<Status> runLive(const engine::EngineConfig& config) override;
    void saveSettings(QSettings& settings) const override;
    void restoreSettings(QSettings& settings) override;

    // Starts a run with the controls' config (or resumes a paused one); false with a message when the engine
    // refuses the config.
    bool start();
    void togglePause();
    void stop();
    Status loadScenario(const QString& path);
    Status saveScenario(const QString& path) const;

    engine::Engine* engine() const { return m_engine; }
    // The one alert monitor on this engine (the Anomalies tab's Live page shows the same one): its alerts go
    // to the event log and as markers on the charts.
    anomaly::LiveMonitor* monitor() const { return m_monitor; }
    // "Inject incident" (tool bar, a menu of the five incidents; enabled while a run is going).
    QAction* injectAction() const { return m_inject; }
    LiveControls* liveControls() const { return m_controls; }
    LiveDashboard* dashboard() const { return m_dashboard; }
    RunHistoryView* history() const { return m_history; }
    RunArchive* archive() const { return m_archive; }
    QTabWidget* pages() const { return m_pages; }
    // The last finished run, as the engine summed it up.
    const std::optional<engine::RunSummary>& lastRun() const { return m_lastRun; }
    qint64 lastSavedRunId() const { return m_lastSavedRunId; }

Q_SIGNALS:
    // The last finished run is in the history under this id.
    void runSaved(qint64 id);

private:
    void connectEngine();
    void connectControls();
    void onSnapshot(const engine::EngineSnapshot& snapshot);
    void onFinished(const engine::RunSummary& summary);
    void onStateChanged(engine::EngineState state);
    void updateActions();
    void rerun(const engine::EngineConfig& config, const QString& runName);
    Status startRun(engine::EngineConfig config);
    void report(engine::EventSeverity severity, engine::EventKind kind, const QString& text);
    // Shows a config from the settings, written by settings version `version` (an older one gets this
    // version's world, and the event log and status bar say so).
    void restoreConfig(const engine::EngineConfig& stored, int version);
    void openScenarioInteractively();
    void saveScenarioInteractively();
    bool isActive() const;

    engine::Engine* m_engine;
    anomaly::LiveMonitor* m_monitor;
    QAction* m_inject;
    RunArchive* m_archive;
    LiveControls* m_controls;
    LiveDashboard* m_dashboard;
    RunHistoryView* m_history;
    QTabWidget* m_pages;
    QAction* m_openScenario;
    QAction* m_saveScenario;
    SimulationActions m_actions;
    engine::EngineState m_state = engine::EngineState::Idle;
    SeriesRecorder m_recorder;
    QJsonObject m_runScenario;
    qint64 m_runStartedMs = 0;
    std::optional<engine::RunSummary> m_lastRun;
    QString m_lastRunName;
    qint64 m_lastSavedRunId = -1;
    bool m_hasSnapshot = false;
};

} // namespace bidlab::ui
