// SPDX-License-Identifier: MIT
#pragma once

#include "core/anomaly/alert_engine.h"
#include "core/engine/engine.h"
#include "core/engine/engine_snapshot.h"
#include "core/engine/incident.h"
#include "core/store/run_store.h"

#include <array>
#include <optional>

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>

// Live alerts (issue 8): the engine's snapshots, turned into one value per metric and tick, fed through the
// alert rules. Times are milliseconds since the run started (the snapshots' elapsed time), so the start of an
// injected incident and the alert it raised are on the same clock and the detection delay is their difference.
namespace bidlab::anomaly {

// An alert of a live run, with the incident that was going on when it was raised (if one was injected).
struct LiveAlert
{
    Alert alert;
    QString incident; // incidentName() of the latest incident injected before the alert, or empty
    qint64 incidentStartMs = -1; // when it started (run time), -1 without one

    // Raise time minus incident start; -1 without an incident.
    qint64 delayMs() const { return incidentStartMs < 0 ? -1 : alert.raisedMs - incidentStartMs; }
};

// The alerts as the run store keeps them.
QList<store::StoredAlert> storedAlerts(const QList<LiveAlert>& alerts);
// One line: "12.3 s  critical  p99 latency jump (p99_latency_ms = 0.42, score 0.71)  slow-worker +0.8 s".
QString describeAlert(const LiveAlert& alert);

// An incident the monitor injected (or saw being injected), with its start in run time.
struct LiveIncident
{
    engine::IncidentKind kind = engine::IncidentKind::TrafficSpike;
    qint64 startMs = -1; // -1 until the engine has applied it
};

// The rules a LiveMonitor starts with: defaultAlertRules(), with two changes measured on real runs (README,
// "Live alerts"). The p99 latency is judged against the run's own recent baseline rather than by an EWMA
// z-score: its value (LiveMetrics) is the median of the last 2 s of tick p99s, so more than half of the
// recent ticks must be slow (a scheduling stall lifts one batch, a slow worker every one); the rule fires when
// it is 4x the median of the 10 s before (detector "baseline-ratio", score 0.75) and at least 10 ms (a tenth
// of the default tmax: below it latency costs no bid) for 1 s. On a loaded machine the baseline rises with
// the load, and isolated stalls never reach the median. And a rule on the share of filtered events
// ("filtered_share": a bot attack raises it at once, while the CTR of the valid clicks hardly moves;
// threshold 0.8, as the share of a few dozen events a second is noisy and skewed).
QList<AlertRule> liveAlertRules();

// The metric an incident is expected to move most (the one its alert should be on).
QString expectedMetric(engine::IncidentKind kind);

// The values a snapshot gives each metric of defaultAlertRules(), as (metric, value) pairs; metrics whose
// ratio is undefined (zero denominator) are left out. Rates are over the last second (a sliding window of
// ticks) so that a 100 ms tick's handful of clicks does not drown the signal; p99 latency is the median of
// the end-to-end p99 of the last 2 s of ticks that had responses (the lower median: a level most recent
// ticks reached, which one stalled batch cannot lift).
class LiveMetrics
{
public:
    LiveMetrics() { m_p99.fill(-1); }
    QList<std::pair<QString, double>> add(const engine::EngineSnapshot& snapshot);

private:
    static constexpr int kWindow = 10; // ticks (1 s)
    std::array<engine::Counters, kWindow> m_ticks {};
    std::array<double, kWindow> m_seconds {};
    std::array<int, kWindow> m_restarts {};
    static constexpr int kLatencyWindow = 20; // ticks (2 s)
    static constexpr qint64 kMinConversionsForRoas = 20; // in the window, before ROAS is watched
    std::array<qint64, kLatencyWindow> m_p99 {}; // ns, -1 for a tick without responses
    int m_nextP99 = 0;
    int m_next = 0;
    int m_filled = 0;
    int m_lastRestarts = 0;
};

// Feeds every snapshot of a run to the alert rules. attach() connects it to an Engine (queued signals: it
// sees every tick, in order, in the thread it lives in); addSnapshot()/noteIncident() feed it by hand.
// A dashboard connects to alertRaised/alertEnded, or shows alerts() through a model.
class LiveMonitor : public QObject
{
    Q_OBJECT
public:
    explicit LiveMonitor(QList<AlertRule> rules = liveAlertRules(), QObject* parent = nullptr);
    ~LiveMonitor() override;

    // Follows this engine's snapshots and incident events; reset() at each run start. nullptr detaches.
    void attach(engine::Engine* engine);
    engine::Engine* engine() const { return m_engine; }

    // Injects an incident into the attached engine now / once the run has lasted `seconds`.
    void injectIncident(engine::IncidentKind kind);
    void scheduleIncident(engine::IncidentKind kind, double seconds);

    // Forgets the alerts, incidents and the detectors' learning (a new run).
    void reset();
    void addSnapshot(const engine::EngineSnapshot& snapshot);
    // An incident started at this run time (attach() calls it on the engine's incident events).
    void noteIncident(engine::IncidentKind kind, qint64 startMs);

    const QList<LiveAlert>& alerts() const { return m_alerts; }
    const QList<LiveIncident>& incidents() const { return m_incidents; }
    const QList<AlertRule>& rules() const { return m_engineRules.rules(); }
    qint64 lastTimeMs() const { return m_lastMs; }

Q_SIGNALS:
    void alertRaised(const bidlab::anomaly::LiveAlert& alert, qsizetype index);
    void alertEnded(const bidlab::anomaly::LiveAlert& alert, qsizetype index);
    void incidentStarted(const bidlab::anomaly::LiveIncident& incident);
    void cleared();

private:
    void onEvent(const engine::EngineEvent& event);
    void runSchedule(double seconds);

    QList<AlertRule> m_rulesTemplate;
    AlertEngine m_engineRules;
    LiveMetrics m_metrics;
    QList<LiveAlert> m_alerts;
    QList<LiveIncident> m_incidents;
    QList<engine::IncidentKind> m_requested; // injected, waiting for the engine's event
    QList<std::pair<double, engine::IncidentKind>> m_schedule; // (seconds, kind), not yet injected
    QPointer<engine::Engine> m_engine;
    QList<QMetaObject::Connection> m_connections;
    qint64 m_lastMs = 0;
};

} // namespace bidlab::anomaly

Q_DECLARE_METATYPE(bidlab::anomaly::LiveAlert)
Q_DECLARE_METATYPE(bidlab::anomaly::LiveIncident)
