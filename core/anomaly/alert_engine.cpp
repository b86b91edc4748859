// SPDX-License-Identifier: MIT
#include "core/anomaly/alert_engine.h"

#include "core/anomaly/baseline_ratio_detector.h"

#include <algorithm>

namespace bidlab::anomaly {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return QStringLiteral("info");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Critical:
        return QStringLiteral("critical");
    }
    return {};
}

QList<AlertRule> defaultAlertRules()
{
    auto rule = [](const char* name, const char* metric, const char* detector, Severity severity, qint64 minMs) {
        AlertRule r;
        r.name = QString::fromLatin1(name);
        r.metric = QString::fromLatin1(metric);
        r.detector = QString::fromLatin1(detector);
        r.severity = severity;
        r.minDurationMs = minMs;
        r.cooldownMs = 60'000;
        r.probation = 100; // 10 s of 100 ms snapshots
        return r;
    };
    return {
        rule("Traffic spike or drop", "qps", "ewma", Severity::Warning, 1000),
        rule("Bid rate change", "bid_rate", "ewma", Severity::Warning, 1000),
        rule("Win rate change", "win_rate", "ewma", Severity::Warning, 1000),
        rule("CTR collapse (bots?)", "ctr", "ewma", Severity::Critical, 1000),
        rule("Spend rate change", "spend_rate", "ewma", Severity::Warning, 1000),
        rule("ROAS change", "roas", "ewma", Severity::Warning, 1000),
        rule("p99 latency jump", "p99_latency_ms", "ewma", Severity::Critical, 1000),
        rule("Worker restarts", "worker_restarts", "ewma", Severity::Critical, 0),
    };
}

// Idle -> Pending (score high) -> Firing (high for minDuration: alert raised) -> Cooldown (score low: alert
// ended) -> Idle (cooldown over and score low). A drop below the threshold while pending returns to Idle.
struct AlertEngine::RuleState
{
    enum class Phase { Idle, Pending, Firing, Cooldown };

    std::unique_ptr<Detector> detector;
    Phase phase = Phase::Idle;
    qint64 since = 0; // Pending: start of the high run; Cooldown: end of the alert
    qsizetype alert = -1; // Firing: index of the open alert
    double peak = 0.0;
    double score = 0.0;
};

AlertEngine::AlertEngine(QList<AlertRule> rules)
{
    for (const AlertRule& rule : rules)
        addRule(rule);
}

AlertEngine::~AlertEngine() = default;
AlertEngine::AlertEngine(AlertEngine&&) noexcept = default;
AlertEngine& AlertEngine::operator=(AlertEngine&&) noexcept = default;

Status AlertEngine::addRule(const AlertRule& rule)
{
    std::unique_ptr<Detector> detector = rule.detector == QLatin1String("baseline-ratio")
        ? std::make_unique<BaselineRatioDetector>(DetectorOptions { rule.probation })
        : makeDetector(rule.detector, { rule.probation });
    if (!detector)
        return Error { QStringLiteral("Alert rule '%1': unknown detector '%2'.").arg(rule.name, rule.detector) };
    auto state = std::make_unique<RuleState>();
    state->detector = std::move(detector);
    m_states.push_back(std::move(state));
    m_rules.append(rule);
    return success();
}

double AlertEngine::lastScore(qsizetype rule) const
{
    return rule >= 0 && rule < m_rules.size() ? m_states[static_cast<std::size_t>(rule)]->score : 0.0;
}

QList<qsizetype> AlertEngine::add(qint64 timeMs, const QString& metric, double value)
{
    QList<qsizetype> raised;
    for (qsizetype r = 0; r < m_rules.size(); ++r) {
        const AlertRule& rule = m_rules.at(r);
        if (rule.metric != metric)
            continue;
        RuleState& state = *m_states[static_cast<std::size_t>(r)];
        state.score = state.detector->update(value);
        const bool high = state.score >= rule.threshold && (!rule.minValue || value >= *rule.minValue);
        using Phase = RuleState::Phase;
        // The cooldown ends once it has elapsed and the score is low again (re-armed): a deviation that
        // outlasts it, or the recovery from the incident, is still the same incident.
        if (state.phase == Phase::Cooldown && timeMs - state.since >= rule.cooldownMs && !high)
            state.phase = Phase::Idle;
        switch (state.phase) {
        case Phase::Idle:
            if (!high)
                break;
            state.phase = Phase::Pending;
            state.since = timeMs;
            state.peak = state.score;
            [[fallthrough]];
        case Phase::Pending:
            if (!high) {
                state.phase = Phase::Idle;
                break;
            }
            state.peak = std::max(state.peak, state.score);
            if (timeMs - state.since >= rule.minDurationMs) {
                state.phase = Phase::Firing;
                state.alert = m_alerts.size();
                m_alerts.append({ rule.name, rule.metric, rule.severity, state.since, timeMs, -1, state.peak, value });
                raised.append(state.alert);
            }
            break;
        case Phase::Firing: {
            Alert& alert = m_alerts[state.alert];
            if (high) {
                alert.peakScore = std::max(alert.peakScore, state.score);
                break;
            }
            alert.endMs = timeMs;
            state.phase = Phase::Cooldown;
            state.since = timeMs;
            break;
        }
        case Phase::Cooldown:
            break;
        }
    }
    return raised;
}

} // namespace bidlab::anomaly
