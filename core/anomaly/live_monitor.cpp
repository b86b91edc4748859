// SPDX-License-Identifier: MIT
#include "core/anomaly/live_monitor.h"

#include "core/engine/engine.h"

#include <algorithm>
#include <cmath>

namespace bidlab::anomaly {

using engine::EngineEvent;
using engine::EngineSnapshot;
using engine::IncidentKind;

QList<AlertRule> liveAlertRules()
{
    QList<AlertRule> rules = defaultAlertRules();
    for (AlertRule& rule : rules) {
        if (rule.metric == QLatin1String("p99_latency_ms")) {
            rule.detector = QStringLiteral("baseline-ratio");
            rule.threshold = 0.75; // 4x the baseline
            rule.minValue = 10.0; // ms
            rule.minDurationMs = 1000;
        }
    }
    AlertRule bots = rules.first();
    bots.name = QStringLiteral("Filtered events jump (bots?)");
    bots.metric = QStringLiteral("filtered_share");
    bots.severity = Severity::Critical;
    bots.threshold = 0.8; // 20 sd: the share is a ratio of a few dozen events a second, skewed; an attack is > 50 sd
    rules.append(bots);
    return rules;
}

QString expectedMetric(IncidentKind kind)
{
    switch (kind) {
    case IncidentKind::TrafficSpike:
        return QStringLiteral("qps");
    case IncidentKind::BotAttack:
        return QStringLiteral("filtered_share");
    case IncidentKind::SlowWorker:
        return QStringLiteral("p99_latency_ms");
    case IncidentKind::MarketPriceJump:
        return QStringLiteral("win_rate");
    case IncidentKind::CrashLoop:
        return QStringLiteral("worker_restarts");
    }
    return {};
}

QList<store::StoredAlert> storedAlerts(const QList<LiveAlert>& alerts)
{
    QList<store::StoredAlert> stored;
    for (const LiveAlert& live : alerts) {
        const Alert& a = live.alert;
        stored.append({ a.rule, a.metric, severityName(a.severity), a.startMs, a.raisedMs, a.endMs, a.peakScore,
                        a.valueAtRaise, live.incident, live.incidentStartMs });
    }
    return stored;
}

QString describeAlert(const LiveAlert& live)
{
    const Alert& a = live.alert;
    QString text = QStringLiteral("%1 s  %2  %3 (%4 = %5, score %6)")
                       .arg(a.raisedMs / 1000.0, 6, 'f', 1)
                       .arg(severityName(a.severity), -8)
                       .arg(a.rule, a.metric)
                       .arg(a.valueAtRaise, 0, 'g', 4)
                       .arg(a.peakScore, 0, 'f', 2);
    if (live.incidentStartMs >= 0)
        text += QStringLiteral("  after %1 (+%2 s)").arg(live.incident).arg(live.delayMs() / 1000.0, 0, 'f', 1);
    return text;
}

QList<std::pair<QString, double>> LiveMetrics::add(const EngineSnapshot& s)
{
    int restarts = 0;
    for (const engine::WorkerRow& w : s.workers)
        restarts += w.restarts;
    m_ticks[static_cast<std::size_t>(m_next)] = s.tickCounters;
    m_seconds[static_cast<std::size_t>(m_next)] = s.tickSeconds;
    m_restarts[static_cast<std::size_t>(m_next)] = std::max(0, restarts - m_lastRestarts);
    m_lastRestarts = restarts;
    m_p99[static_cast<std::size_t>(m_nextP99)] = s.latency.count > 0 ? s.latency.p99 : -1;
    m_nextP99 = (m_nextP99 + 1) % kLatencyWindow;
    m_next = (m_next + 1) % kWindow;
    m_filled = std::min(m_filled + 1, kWindow);

    engine::Counters window;
    double seconds = 0.0;
    int restartsInWindow = 0;
    for (int i = 0; i < m_filled; ++i) {
        window += m_ticks[static_cast<std::size_t>(i)];
        seconds += m_seconds[static_cast<std::size_t>(i)];
        restartsInWindow += m_restarts[static_cast<std::size_t>(i)];
    }
    // The lower median of the recent ticks' p99 (ticks without responses left out; unused slots are -1 too).
    std::array<qint64, kLatencyWindow> recent {};
    const auto end = std::copy_if(m_p99.begin(), m_p99.end(), recent.begin(), [](qint64 ns) { return ns >= 0; });
    const auto count = end - recent.begin();
    qint64 p99 = -1;
    if (count > 0) {
        const auto middle = recent.begin() + (count - 1) / 2;
        std::nth_element(recent.begin(), middle, end);
        p99 = *middle;
    }
    QList<std::pair<QString, double>> values;
    if (seconds <= 0.0)
        return values;
    const engine::Rates r = engine::Rates::of(window, seconds);
    const auto put = [&values](const char* metric, const std::optional<double>& value) {
        if (value && std::isfinite(*value))
            values.append({ QString::fromLatin1(metric), *value });
    };
    put("qps", r.qps);
    put("bid_rate", r.bidRate);
    put("win_rate", r.winRate);
    put("ctr", r.ctr);
    put("spend_rate", static_cast<double>(window.spend) / 1e6 / seconds);
    // ROAS over a handful of conversions is noise (one conversion more or less doubles it): it is watched only
    // when the window holds enough of them to mean something.
    if (window.conversions >= kMinConversionsForRoas)
        put("roas", r.roas);
    if (p99 >= 0)
        put("p99_latency_ms", static_cast<double>(p99) / 1e6);
    put("worker_restarts", restartsInWindow);
    if (window.eventsProcessed > 0)
        put("filtered_share", static_cast<double>(window.eventsFiltered) / static_cast<double>(window.eventsProcessed));
    return values;
}

LiveMonitor::LiveMonitor(QList<AlertRule> rules, QObject* parent)
    : QObject(parent)
    , m_rulesTemplate(std::move(rules))
    , m_engineRules(m_rulesTemplate)
{
    qRegisterMetaType<LiveAlert>();
    qRegisterMetaType<LiveIncident>();
}

LiveMonitor::~LiveMonitor() = default;

void LiveMonitor::attach(engine::Engine* engine)
{
    for (const QMetaObject::Connection& c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_engine = engine;
    if (!engine)
        return;
    m_connections.append(connect(engine, &engine::Engine::snapshot, this, &LiveMonitor::addSnapshot));
    m_connections.append(connect(engine, &engine::Engine::event, this, &LiveMonitor::onEvent));
}

void LiveMonitor::injectIncident(IncidentKind kind)
{
    if (!m_engine)
        return;
    m_requested.append(kind);
    m_engine->injectIncident(kind);
}

void LiveMonitor::scheduleIncident(IncidentKind kind, double seconds)
{
    m_schedule.append({ seconds, kind });
}

void LiveMonitor::reset()
{
    m_engineRules = AlertEngine(m_rulesTemplate);
    m_metrics = LiveMetrics();
    m_alerts.clear();
    m_incidents.clear();
    m_requested.clear();
    m_lastMs = 0;
    Q_EMIT cleared();
}

void LiveMonitor::runSchedule(double seconds)
{
    for (qsizetype i = 0; i < m_schedule.size();) {
        if (m_schedule.at(i).first > seconds) {
            ++i;
            continue;
        }
        injectIncident(m_schedule.takeAt(i).second);
    }
}

void LiveMonitor::addSnapshot(const EngineSnapshot& snapshot)
{
    const qint64 timeMs = std::llround(snapshot.elapsedSeconds * 1000.0);
    if (timeMs < m_lastMs) // a new run on the same engine
        reset();
    m_lastMs = timeMs;
    const QList<qsizetype> before = [this] {
        QList<qsizetype> open;
        for (qsizetype i = 0; i < m_alerts.size(); ++i) {
            if (m_alerts.at(i).alert.open())
                open.append(i);
        }
        return open;
    }();
    for (const auto& [metric, value] : m_metrics.add(snapshot)) {
        const QList<qsizetype> raised = m_engineRules.add(timeMs, metric, value);
        for (qsizetype index : raised) {
            LiveAlert live { m_engineRules.alerts().at(index), {}, -1 };
            if (!m_incidents.isEmpty() && m_incidents.last().startMs >= 0) {
                live.incident = engine::incidentName(m_incidents.last().kind);
                live.incidentStartMs = m_incidents.last().startMs;
            }
            m_alerts.append(live); // the alert engine's indices and ours stay the same
            Q_EMIT alertRaised(live, index);
        }
    }
    for (qsizetype i : before) {
        m_alerts[i].alert = m_engineRules.alerts().at(i);
        if (!m_alerts.at(i).alert.open())
            Q_EMIT alertEnded(m_alerts.at(i), i);
    }
    runSchedule(snapshot.elapsedSeconds);
}

void LiveMonitor::noteIncident(IncidentKind kind, qint64 startMs)
{
    m_incidents.append({ kind, startMs });
    Q_EMIT incidentStarted(m_incidents.last());
}

void LiveMonitor::onEvent(const EngineEvent& event)
{
    // The engine reports an injection as a warning, its end as information.
    if (event.kind != engine::EventKind::Incident || event.severity != engine::EventSeverity::Warning)
        return;
    if (m_requested.isEmpty())
        return; // injected by someone else: the event does not say which kind
    noteIncident(m_requested.takeFirst(), std::llround(event.elapsedSeconds * 1000.0));
}

} // namespace bidlab::anomaly
