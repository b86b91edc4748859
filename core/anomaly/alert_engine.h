// SPDX-License-Identifier: MIT
#pragma once

#include "core/anomaly/detector.h"
#include "core/common/expected.h"

#include <memory>
#include <optional>
#include <vector>

#include <QList>
#include <QString>

// Alert rules over a stream of (time, metric, value) points: a detector per rule turns values into scores,
// and a small state machine per rule turns scores into alerts, so that one incident is one alert.
namespace bidlab::anomaly {

enum class Severity { Info, Warning, Critical };
QString severityName(Severity severity);

struct AlertRule
{
    QString name; // e.g. "p99 latency jump"
    QString metric; // the stream it watches, e.g. "p99_latency_ms"
    QString detector = QStringLiteral("ewma"); // a detectorNames() name, or "baseline-ratio" (rules only)
    double threshold = kDefaultThreshold; // on the detector's score
    // A value below it is never high, whatever its score: the level under which the metric costs nothing.
    std::optional<double> minValue;
    Severity severity = Severity::Warning;
    qint64 minDurationMs = 0; // the score must stay at or above the threshold this long
    qint64 cooldownMs = 60'000; // after an alert ends, the rule stays quiet this long, and until the score is low
    qsizetype probation = 50; // points the detector learns from before it scores
};

struct Alert
{
    QString rule;
    QString metric;
    Severity severity = Severity::Warning;
    qint64 startMs = 0; // first point of the run of high scores
    qint64 raisedMs = 0; // when the rule fired (start + at least the minimum duration)
    qint64 endMs = -1; // first point back below the threshold; -1 while open
    double peakScore = 0.0;
    double valueAtRaise = 0.0;

    bool open() const { return endMs < 0; }
};

// The rules a live run starts with: one per engine metric (EngineSnapshot's names), each an EWMA (a level
// detector: its score holds while a shift lasts) with a 1 s minimum duration and a 60 s cooldown; worker
// restarts alert at once.
// Metrics: qps, bid_rate, win_rate, ctr, spend_rate, roas, p99_latency_ms, worker_restarts.
QList<AlertRule> defaultAlertRules();

class AlertEngine
{
public:
    explicit AlertEngine(QList<AlertRule> rules = {});
    ~AlertEngine();
    AlertEngine(AlertEngine&&) noexcept;
    AlertEngine& operator=(AlertEngine&&) noexcept;

    // Adds a rule; it starts learning with the next point of its metric. An unknown detector is an error.
    Status addRule(const AlertRule& rule);
    const QList<AlertRule>& rules() const { return m_rules; }

    // Feeds one point (times must not go backwards per metric). Returns the indices (into alerts()) of the
    // alerts this point raised; usually none.
    QList<qsizetype> add(qint64 timeMs, const QString& metric, double value);

    // Every alert so far, in the order raised, open ones included.
    const QList<Alert>& alerts() const { return m_alerts; }
    // The last score a rule computed (for charts), 0 before its first point.
    double lastScore(qsizetype rule) const;

private:
    struct RuleState;
    QList<AlertRule> m_rules;
    std::vector<std::unique_ptr<RuleState>> m_states;
    QList<Alert> m_alerts;
};

} // namespace bidlab::anomaly
