// SPDX-License-Identifier: MIT
#include "ui/anomalies/live_alerts_view.h"

#include "ui/anomalies/live_alert_model.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace bidlab::ui {

using engine::EngineState;

LiveAlertsView::LiveAlertsView(QWidget* parent)
    : QWidget(parent)
    , m_ownEngine(new engine::Engine(this))
    , m_ownMonitor(new anomaly::LiveMonitor(anomaly::liveAlertRules(), this))
    , m_model(new LiveAlertModel(this))
    , m_start(new QPushButton(tr("Start run"), this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_qps(new QSpinBox(this))
    , m_inject(new QToolButton(this))
    , m_status(new QLabel(this))
    , m_table(new QTableView(this))
{
    setObjectName(QStringLiteral("liveAlerts"));
    m_start->setObjectName(QStringLiteral("startLiveRun"));
    m_stop->setObjectName(QStringLiteral("stopLiveRun"));
    m_qps->setObjectName(QStringLiteral("liveQps"));
    m_qps->setRange(100, 100'000);
    m_qps->setSingleStep(500);
    m_qps->setValue(2000);
    m_qps->setSuffix(tr(" QPS"));
    m_inject->setObjectName(QStringLiteral("injectIncident"));
    m_inject->setText(tr("Inject incident"));
    m_inject->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(m_inject);
    for (qsizetype k = 0; k < engine::incidentNames().size(); ++k) {
        const auto kind = static_cast<engine::IncidentKind>(k);
        QAction* action = menu->addAction(engine::incidentName(kind));
        action->setObjectName(QStringLiteral("inject-") + engine::incidentName(kind));
        action->setToolTip(tr("Expected to raise an alert on %1.").arg(anomaly::expectedMetric(kind)));
        connect(action, &QAction::triggered, this, [this, kind] { injectIncident(kind); });
    }
    m_inject->setMenu(menu);
    m_table->setObjectName(QStringLiteral("liveAlertTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    m_status->setObjectName(QStringLiteral("liveStatus"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_start);
    bar->addWidget(m_qps);
    bar->addWidget(m_stop);
    bar->addWidget(m_inject);
    bar->addWidget(m_status, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_table);

    connect(m_start, &QPushButton::clicked, this, [this] {
        if (Status started = startRun(); !started)
            Q_EMIT statusMessage(started.error(), 10'000);
    });
    connect(m_stop, &QPushButton::clicked, this, &LiveAlertsView::stopRun);
    m_ownMonitor->attach(m_ownEngine);
    m_config.workers = 2;
    setMonitor(nullptr);
}

LiveAlertsView::~LiveAlertsView()
{
    for (const QMetaObject::Connection& c : std::as_const(m_connections))
        disconnect(c);
}

void LiveAlertsView::setMonitor(anomaly::LiveMonitor* monitor)
{
    for (const QMetaObject::Connection& c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    if (monitor && monitor != m_ownMonitor)
        stopRun(); // one engine watched at a time
    m_monitor = monitor ? monitor : m_ownMonitor;
    m_model->setMonitor(m_monitor);
    m_connections.append(connect(m_monitor, &anomaly::LiveMonitor::alertRaised, this, &LiveAlertsView::notify));
    m_connections.append(
        connect(m_monitor, &anomaly::LiveMonitor::incidentStarted, this, [this](const anomaly::LiveIncident& i) {
            m_status->setText(
                tr("%1 injected at %2 s.").arg(engine::incidentName(i.kind)).arg(i.startMs / 1000.0, 0, 'f', 1));
        }));
    if (!followsOwnEngine()) // a dashboard's monitor may go first (at exit): back to the own one
        m_connections.append(connect(m_monitor, &QObject::destroyed, this, [this] { setMonitor(nullptr); }));
    if (engine::Engine* followed = m_monitor->engine())
        m_connections.append(connect(followed, &engine::Engine::stateChanged, this, &LiveAlertsView::updateState));
    updateState();
}

Status LiveAlertsView::startRun()
{
    if (!followsOwnEngine())
        return Error { tr("The live alerts follow the Live bidding tab's engine: start the run there.") };
    engine::EngineConfig config = m_config;
    config.targetQps = m_qps->value();
    config.durationSeconds = 0; // until Stop
    m_monitor->reset();
    Status started = m_ownEngine->start(config);
    if (started)
        m_status->setText(tr("Running; the alert rules learn for the first 10 s."));
    updateState();
    return started;
}

void LiveAlertsView::stopRun()
{
    m_ownEngine->stop();
}

void LiveAlertsView::injectIncident(engine::IncidentKind kind)
{
    m_monitor->injectIncident(kind);
}

void LiveAlertsView::updateState()
{
    const EngineState state = m_monitor->engine() ? m_monitor->engine()->state() : EngineState::Idle;
    const bool running
        = state == EngineState::Running || state == EngineState::Starting || state == EngineState::Paused;
    const bool own = followsOwnEngine();
    m_start->setEnabled(own && !running && state != EngineState::Stopping);
    m_qps->setEnabled(own && !running);
    m_stop->setEnabled(own && running);
    m_inject->setEnabled(state == EngineState::Running);
}

void LiveAlertsView::notify(const anomaly::LiveAlert& alert)
{
    const QString text = anomaly::describeAlert(alert).simplified();
    m_status->setText(tr("Alert: %1").arg(text));
    Q_EMIT statusMessage(tr("Alert: %1").arg(text), 10'000);
}

} // namespace bidlab::ui
