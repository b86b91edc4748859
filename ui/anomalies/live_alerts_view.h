// SPDX-License-Identifier: MIT
#pragma once

#include "core/anomaly/live_monitor.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;
class QTableView;
class QToolButton;

namespace bidlab::ui {

class LiveAlertModel;

// The Anomalies tab's "Live" page: a run of the engine watched by the live alert rules, the table of its
// alerts, and an "Inject incident" menu. It runs its own engine with its own monitor (Start/Stop), or shows
// the monitor a dashboard runs on its engine (setMonitor): one monitor per engine, so no alert is raised twice.
class LiveAlertsView : public QWidget
{
    Q_OBJECT
public:
    explicit LiveAlertsView(QWidget* parent = nullptr);
    ~LiveAlertsView() override;

    // Shows this monitor (and follows its engine) instead of the view's own (nullptr: back to its own).
    void setMonitor(anomaly::LiveMonitor* monitor);
    engine::Engine* engine() const { return m_monitor->engine(); }
    bool followsOwnEngine() const { return m_monitor == m_ownMonitor; }
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
    anomaly::LiveMonitor* m_ownMonitor;
    QPointer<anomaly::LiveMonitor> m_monitor; // the one shown: the own one or a dashboard's
    LiveAlertModel* m_model;
    QPushButton* m_start;
    QPushButton* m_stop;
    QSpinBox* m_qps;
    QToolButton* m_inject;
    QLabel* m_status;
    QTableView* m_table;
    QList<QMetaObject::Connection> m_connections; // to the shown monitor and its engine
};

} // namespace bidlab::ui
