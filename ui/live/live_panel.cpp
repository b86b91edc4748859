// SPDX-License-Identifier: MIT
#include "ui/live/live_panel.h"

#include "core/anomaly/live_monitor.h"
#include "core/engine/engine.h"
#include "ui/history/run_archive.h"
#include "ui/history/run_history_view.h"
#include "ui/history/run_report.h"
#include "ui/live/live_controls.h"
#include "ui/live/live_dashboard.h"

#include <QAction>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>

namespace bidlab::ui {

using engine::EngineConfig;
using engine::EngineEvent;
using engine::EngineState;
using engine::EventKind;
using engine::EventSeverity;

namespace {

enum Page { LivePage, HistoryPage };

// The engine's end reasons are sentences; one that is not gets its full stop here.
QString sentence(const QString& text)
{
    return text.endsWith(QLatin1Char('.')) ? text : text + QLatin1Char('.');
}

QString scenarioFilter()
{
    return QCoreApplication::translate("LivePanel", "Scenario (*.json);;All files (*)");
}

// The version of the config stored in the settings (the "configVersion" key; none before version 2). Raise it
// when a default of engine::WorldConfig changes, so that a stored config takes the new world.
// 2: conversionDelayMeanSeconds went from 4 hours to 30 world seconds.
constexpr int kSettingsVersion = 2;

// A config stored by an older version, with this version's world: what the left panel shows (workers, QPS,
// strategy and its parameters, auction, tmax, seed, bot share, campaign count, even pacing, duration) and the
// rest of the scenario outside the world (name, arms, traffic, model, supervision) are kept; every other world
// parameter (users, publishers, budget and market scales, the world clock, the event pipeline's delays, windows
// and shares, explicit campaigns) takes this version's default.
EngineConfig withCurrentWorld(const EngineConfig& stored)
{
    EngineConfig config = stored;
    config.world = engine::WorldConfig {};
    config.world.botShare = stored.world.botShare;
    config.world.campaignCount
        = stored.world.campaigns.empty() ? stored.world.campaignCount : int(stored.world.campaigns.size());
    config.world.evenPacing = stored.world.evenPacing;
    return config;
}

} // namespace

LivePanel::LivePanel(QWidget* parent)
    : Panel(parent)
    , m_engine(new engine::Engine(this))
    , m_monitor(new anomaly::LiveMonitor(anomaly::liveAlertRules(), this))
    , m_inject(new QAction(style()->standardIcon(QStyle::SP_MessageBoxWarning), tr("Inject incident"), this))
    , m_archive(new RunArchive(store::RunStore::defaultPath(), this))
    , m_controls(new LiveControls(this))
    , m_dashboard(new LiveDashboard(this))
    , m_history(new RunHistoryView(m_archive, this))
    , m_pages(new QTabWidget(this))
    , m_openScenario(new QAction(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open scenario…"), this))
    , m_saveScenario(new QAction(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save scenario as…"), this))
{
    engine::registerEngineMetaTypes();
    setObjectName(QStringLiteral("livePanel"));
    m_controls->hide(); // shown in the window's control panel, which takes it over
    m_pages->setObjectName(QStringLiteral("livePages"));
    m_pages->setDocumentMode(true);
    m_pages->addTab(m_dashboard, tr("Live"));
    m_pages->addTab(m_history, tr("Run history"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    m_openScenario->setObjectName(QStringLiteral("openScenario"));
    m_saveScenario->setObjectName(QStringLiteral("saveScenario"));
    m_openScenario->setShortcut(QKeySequence::Open);
    m_saveScenario->setShortcut(QKeySequence::Save);
    m_openScenario->setToolTip(tr("Load a simulation scenario (JSON) into the Live bidding controls."));
    m_saveScenario->setToolTip(tr("Save the Live bidding controls' settings as a scenario file (JSON)."));
    connect(m_openScenario, &QAction::triggered, this, &LivePanel::openScenarioInteractively);
    connect(m_saveScenario, &QAction::triggered, this, &LivePanel::saveScenarioInteractively);

    m_inject->setObjectName(QStringLiteral("liveInjectIncident"));
    m_inject->setToolTip(tr("Inject an incident into the running simulation and watch its alert appear."));
    auto* incidents = new QMenu(this);
    incidents->setObjectName(QStringLiteral("liveIncidentMenu"));
    for (qsizetype k = 0; k < engine::incidentNames().size(); ++k) {
        const auto kind = static_cast<engine::IncidentKind>(k);
        QAction* action = incidents->addAction(engine::incidentName(kind));
        action->setObjectName(QStringLiteral("live-inject-") + engine::incidentName(kind));
        action->setToolTip(tr("Expected to raise an alert on %1.").arg(anomaly::expectedMetric(kind)));
        connect(action, &QAction::triggered, m_monitor, [this, kind] { m_monitor->injectIncident(kind); });
    }
    m_inject->setMenu(incidents);
    m_inject->setEnabled(false);

    connectEngine();
    connectControls();
    connect(m_dashboard, &LiveDashboard::killWorkerRequested, m_engine, &engine::Engine::killWorker);
    connect(m_history, &RunHistoryView::rerunRequested, this, &LivePanel::rerun);
    connect(m_history, &RunHistoryView::reportChanged, this, &Panel::reportChanged);
    connect(m_history, &RunHistoryView::statusMessage, this, &Panel::statusMessage);
    connect(m_pages, &QTabWidget::currentChanged, this, &Panel::reportChanged);
    connect(m_archive, &RunArchive::saved, this, [this](qint64 id) {
        m_lastSavedRunId = id;
        report(EventSeverity::Info, EventKind::RunFinished, tr("The run is saved in the run history as #%1.").arg(id));
        Q_EMIT runSaved(id);
    });
    connect(m_archive, &RunArchive::failed, this, [this](const QString& message) {
        report(EventSeverity::Error, EventKind::Warning, message);
        Q_EMIT statusMessage(message, 8000);
    });
    m_archive->refresh();
}

LivePanel::~LivePanel()
{
    // The engine stops its run as it goes; nothing it says then may reach widgets being torn down.
    m_engine->disconnect(this);
    m_engine->disconnect(m_dashboard);
    m_monitor->disconnect(m_dashboard);
    m_monitor->attach(nullptr);
    delete m_engine;
}

QString LivePanel::title() const
{
    return tr("Live bidding");
}

QString LivePanel::key() const
{
    return QStringLiteral("live");
}

QWidget* LivePanel::controls()
{
    return m_controls;
}

QList<QAction*> LivePanel::fileMenuActions()
{
    return { m_openScenario, m_saveScenario };
}

QList<QAction*> LivePanel::toolBarActions()
{
    return { m_inject };
}

void LivePanel::connectEngine()
{
    connect(m_engine, &engine::Engine::snapshot, this, &LivePanel::onSnapshot);
    connect(m_engine, &engine::Engine::event, m_dashboard, &LiveDashboard::addEvent);
    connect(m_engine, &engine::Engine::finished, this, &LivePanel::onFinished);
    connect(m_engine, &engine::Engine::stateChanged, this, &LivePanel::onStateChanged);
    m_monitor->attach(m_engine); // resets itself when a new run's time starts again
    connect(m_monitor, &anomaly::LiveMonitor::alertRaised, m_dashboard, &LiveDashboard::addAlert);
}

void LivePanel::connectControls()
{
    // Live changes reach a running (or paused) engine; otherwise they wait in the controls for the next start.
    connect(m_controls, &LiveControls::workerCountChanged, this, [this](int workers) {
        if (isActive())
            m_engine->setWorkerCount(workers);
    });
    connect(m_controls, &LiveControls::targetQpsChanged, this, [this](qint64 qps, bool unlimited) {
        if (!isActive())
            return;
        m_engine->setUnlimitedQps(unlimited);
        if (!unlimited)
            m_engine->setTargetQps(qps);
    });
    connect(m_controls, &LiveControls::strategyChanged, this, [this](const bidding::StrategyParams& params) {
        if (isActive())
            m_engine->setStrategy(params);
    });
    connect(m_controls, &LiveControls::chartWindowChanged, m_dashboard, &LiveDashboard::setChartWindow);
}

void LivePanel::bindSimulationActions(const SimulationActions& actions)
{
    m_actions = actions;
    connect(actions.start, &QAction::triggered, this, &LivePanel::start);
    connect(actions.pause, &QAction::triggered, this, &LivePanel::togglePause);
    connect(actions.stop, &QAction::triggered, this, &LivePanel::stop);
    updateActions();
}

bool LivePanel::deployModel(const QString& path)
{
    if (m_state != EngineState::Running && m_state != EngineState::Paused)
        return false;
    m_engine->deployModel(path); // ModelDeployed or ModelRejected reach the event log
    return true;
}

bool LivePanel::isActive() const
{
    return m_state == EngineState::Starting || m_state == EngineState::Running || m_state == EngineState::Paused
        || m_state == EngineState::Stopping;
}

void LivePanel::updateActions()
{
    if (!m_actions.start)
        return;
    const bool paused = m_state == EngineState::Paused;
    m_actions.start->setEnabled(!isActive() || paused);
    m_actions.start->setText(paused ? tr("Resume") : tr("Start"));
    m_actions.start->setToolTip(paused ? tr("Resume the paused simulation (F5)")
                                       : tr("Start a bidding simulation with the Live bidding settings (F5)"));
    m_actions.pause->setEnabled(m_state == EngineState::Running || paused);
    m_actions.pause->setText(paused ? tr("Resume") : tr("Pause"));
    m_actions.pause->setToolTip(paused ? tr("Resume the simulation (F6)") : tr("Pause the simulation (F6)"));
    m_actions.stop->setEnabled(m_state == EngineState::Starting || m_state == EngineState::Running || paused);
    m_actions.stop->setToolTip(tr("Stop the simulation; every request in flight is accounted (Shift+F5)"));
}

bool LivePanel::start()
{
    if (m_state == EngineState::Paused) {
        m_engine->resume();
        return true;
    }
    if (isActive())
        return false;
    return startRun(m_controls->config()).ok();
}

std::optional<Status> LivePanel::runLive(const EngineConfig& config)
{
    if (isActive())
        return Error { tr("Stop the running simulation before starting %1.").arg(config.name) };
    m_controls->setConfig(config);
    const Status started = startRun(config);
    if (started.ok())
        report(EventSeverity::Info, EventKind::RunStarted,
               tr("Started %1, handed over by another tab.").arg(config.name));
    return started;
}

Status LivePanel::startRun(EngineConfig config)
{
    if (config.name.isEmpty())
        config.name = tr("%1, %2 workers").arg(bidding::strategyName(config.strategy.kind)).arg(config.workers);
    const Status started = m_engine->start(config);
    if (!started.ok()) {
        report(EventSeverity::Error, EventKind::ConfigRejected, started.error());
        const QString message = tr("The simulation did not start: %1").arg(started.error());
        Q_EMIT statusMessage(message, 10000);
        return Error { message };
    }
    m_monitor->reset();
    m_dashboard->clear();
    m_recorder.clear();
    m_hasSnapshot = false;
    m_runScenario = config.toJson();
    m_runStartedMs = QDateTime::currentMSecsSinceEpoch();
    m_lastRunName = config.name;
    m_pages->setCurrentIndex(LivePage);
    Q_EMIT raiseRequested();
    Q_EMIT statusMessage(tr("Simulation started: %1.").arg(config.name), 4000);
    return success();
}

void LivePanel::togglePause()
{
    if (m_state == EngineState::Running)
        m_engine->pause();
    else if (m_state == EngineState::Paused)
        m_engine->resume();
}

void LivePanel::stop()
{
    if (isActive())
        m_engine->stop();
}

void LivePanel::onSnapshot(const engine::EngineSnapshot& snapshot)
{
    m_dashboard->addSnapshot(snapshot);
    m_recorder.add(snapshot);
    m_controls->setElapsed(snapshot.elapsedSeconds);
    if (!m_hasSnapshot) {
        m_hasSnapshot = true;
        Q_EMIT reportChanged(); // the run in progress can be exported from now on
    }
}

void LivePanel::onFinished(const engine::RunSummary& summary)
{
    m_lastRun = summary;
    m_dashboard->showSummary(summary);
    m_controls->setElapsed(summary.seconds);
    m_archive->save(summary, anomaly::storedAlerts(m_monitor->alerts()), m_dashboard->markers());
    const QString how = summary.endState == EngineState::Failed ? tr("failed") : tr("finished");
    Q_EMIT statusMessage(
        tr("The run %1 after %2 s: %3").arg(how).arg(summary.seconds, 0, 'f', 1).arg(sentence(summary.endReason)),
        8000);
    Q_EMIT reportChanged();
}

void LivePanel::onStateChanged(EngineState state)
{
    m_state = state;
    m_controls->setRunState(state);
    m_inject->setEnabled(state == EngineState::Running);
    updateActions();
}

void LivePanel::report(EventSeverity severity, EventKind kind, const QString& text)
{
    EngineEvent event;
    event.timeMs = QDateTime::currentMSecsSinceEpoch();
    event.severity = severity;
    event.kind = kind;
    event.text = text;
    m_dashboard->addEvent(event);
}

std::optional<report::Report> LivePanel::currentReport() const
{
    if (m_pages->currentIndex() == HistoryPage)
        return m_history->currentReport();
    if (isActive() && m_hasSnapshot) {
        engine::RunSummary soFar = m_recorder.summarySoFar(m_runScenario, m_runStartedMs);
        soFar.endReason = tr("still running");
        return runReport(soFar, m_lastRunName, m_dashboard->markers());
    }
    if (m_lastRun) {
        const QString name
            = m_lastSavedRunId >= 0 ? tr("#%1 %2").arg(m_lastSavedRunId).arg(m_lastRunName) : m_lastRunName;
        return runReport(*m_lastRun, name, m_dashboard->markers()); // the dashboard still shows that run
    }
    return std::nullopt;
}

void LivePanel::rerun(const EngineConfig& config, const QString& runName)
{
    if (isActive()) {
        Q_EMIT statusMessage(tr("Stop the running simulation before re-running %1.").arg(runName), 6000);
        return;
    }
    m_controls->setConfig(config);
    if (start())
        report(EventSeverity::Info, EventKind::RunStarted, tr("Re-running %1 from its stored scenario.").arg(runName));
}

Status LivePanel::loadScenario(const QString& path)
{
    const Expected<EngineConfig> config = EngineConfig::load(path);
    if (!config.ok())
        return Error { config.error() };
    m_controls->setConfig(*config);
    Q_EMIT statusMessage(tr("Loaded the scenario '%1'.").arg(QFileInfo(path).fileName()), 4000);
    return success();
}

Status LivePanel::saveScenario(const QString& path) const
{
    return m_controls->config().save(path);
}

void LivePanel::openScenarioInteractively()
{
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open scenario"), settings.value(QStringLiteral("scenario/lastDir")).toString(), scenarioFilter());
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("scenario/lastDir"), QFileInfo(path).absolutePath());
    const Status loaded = loadScenario(path);
    if (!loaded.ok())
        QMessageBox::warning(this, tr("Open scenario"), loaded.error());
}

void LivePanel::saveScenarioInteractively()
{
    QSettings settings;
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save scenario"), settings.value(QStringLiteral("scenario/lastDir")).toString(), scenarioFilter());
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    settings.setValue(QStringLiteral("scenario/lastDir"), QFileInfo(path).absolutePath());
    const Status saved = saveScenario(path);
    if (!saved.ok())
        QMessageBox::warning(this, tr("Save scenario"), saved.error());
    else
        Q_EMIT statusMessage(tr("Saved the scenario '%1'.").arg(path), 4000);
}

void LivePanel::applyStartupOptions(const QVariantMap& options)
{
    const QString scenario = options.value(QStringLiteral("scenario")).toString();
    if (!scenario.isEmpty()) {
        const Status loaded = loadScenario(scenario);
        if (!loaded.ok()) {
            report(EventSeverity::Error, EventKind::ConfigRejected, loaded.error());
            Q_EMIT statusMessage(loaded.error(), 10000);
            return; // never start a run with a scenario other than the one asked for
        }
    }
    if (options.value(QStringLiteral("start")).toBool())
        start();
}

void LivePanel::saveSettings(QSettings& settings) const
{
    settings.setValue(QStringLiteral("config"),
                      QString::fromUtf8(QJsonDocument(m_controls->config().toJson()).toJson(QJsonDocument::Compact)));
    settings.setValue(QStringLiteral("configVersion"), kSettingsVersion);
    settings.setValue(QStringLiteral("chartWindow"), m_controls->chartWindowSeconds());
    settings.setValue(QStringLiteral("dashboard"), m_dashboard->saveState());
    settings.setValue(QStringLiteral("history"), m_history->saveState());
    settings.setValue(QStringLiteral("page"), m_pages->currentIndex());
}

void LivePanel::restoreConfig(const EngineConfig& stored, int version)
{
    if (version >= kSettingsVersion) {
        m_controls->setConfig(stored);
        return;
    }
    const EngineConfig upgraded = withCurrentWorld(stored);
    m_controls->setConfig(upgraded);
    if (upgraded == stored)
        return;
    const QString message = tr("The saved Live bidding scenario was from an older version of BidLab: its world was "
                               "reset to this version's defaults (your settings on the left are kept).");
    report(EventSeverity::Warning, EventKind::Warning, message);
    Q_EMIT statusMessage(message, 15000);
}

void LivePanel::restoreSettings(QSettings& settings)
{
    const QByteArray json = settings.value(QStringLiteral("config")).toString().toUtf8();
    if (!json.isEmpty()) {
        const Expected<EngineConfig> config = EngineConfig::fromJson(QJsonDocument::fromJson(json).object());
        if (config.ok())
            restoreConfig(*config, settings.value(QStringLiteral("configVersion"), 1).toInt());
    }
    const double window = settings.value(QStringLiteral("chartWindow"), 60.0).toDouble();
    m_controls->setChartWindowSeconds(window);
    m_dashboard->setChartWindow(m_controls->chartWindowSeconds());
    m_dashboard->restoreState(settings.value(QStringLiteral("dashboard")).toByteArray());
    m_history->restoreState(settings.value(QStringLiteral("history")).toByteArray());
    m_pages->setCurrentIndex(std::clamp(settings.value(QStringLiteral("page"), 0).toInt(), 0, m_pages->count() - 1));
}

} // namespace bidlab::ui
