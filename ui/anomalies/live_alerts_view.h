// SPDX-License-Identifier: MIT
#pragma once

#include "core/anomaly/live_monitor.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;
class QTableView;
class QToolButton;

namespace bidlab::ui {

class LiveAlertModel;

// The Anomalies tab's "Live" page: a run of the engine watched by the live alert rules, the table of its
// alerts, and an "Inject incident" menu. It runs its own engine (Start/Stop), or follows one a dashboard owns
// (setEngine). The monitor and the model are public so that a dashboard can show the same alerts.
class LiveAlertsView : public QWidget
{
    Q_OBJECT
public:
    explicit LiveAlertsView(QWidget* parent = nullptr);
    ~LiveAlertsView() override;

    // Follows this engine instead of the view's own (nullptr: back to its own).
    void setEngine(engine::Engine* engine);
    engine::Engine* engine() const { return m_monitor->engine(); }
    anomaly::LiveMonitor* monitor() const { return m_monitor; }
    LiveAlertModel* model() const { return m_model; }

    // The scenario of the view's own runs (default: real time, 2 workers); the QPS box overrides its QPS.
    void setRunConfig(const engine::EngineConfig& config) { m_config = config; }
    // Starts a run of the view's own engine until Stop; an error is returned (and shown by the button).
    Status startRun();
    void stopRun();
    void injectIncident(engine::IncidentKind kind);

Q_SIGNALS:
    void statusMessage(const QString& text, int timeoutMs);

private:
    void updateState();
    void notify(const anomaly::LiveAlert& alert);

    engine::EngineConfig m_config;
    engine::Engine* m_ownEngine;
    anomaly::LiveMonitor* m_monitor;
    LiveAlertModel* m_model;
    QPushButton* m_start;
    QPushButton* m_stop;
    QSpinBox* m_qps;
    QToolButton* m_inject;
    QLabel* m_status;
    QTableView* m_table;
    QMetaObject::Connection m_stateConnection;
};

} // namespace bidlab::ui
