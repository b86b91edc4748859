// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace bidlab::engine {

// Incidents the simulator can inject on demand, each with a known start, so that anomaly detection
// (issue 8) can measure its delay. Engine::injectIncident(kind) starts one (between batches in deterministic
// mode); each lasts 10 s — of the virtual clock in deterministic mode — except the crash loop, which lasts
// until the crash-loop limit stops the worker. Their forms are simple: 5x the target QPS; 60 % bot requests;
// worker 0 takes 200 us more per request; competing bids x1.8; worker 0 killed each time it starts.
enum class IncidentKind : std::uint8_t {
    TrafficSpike, // the request rate jumps
    BotAttack, // a burst of bot traffic: CTR collapses, many filtered events
    SlowWorker, // one worker's compute time jumps (latency)
    MarketPriceJump, // competing bids jump
    CrashLoop, // one worker crashes again and again until the crash-loop limit
};

const QStringList& incidentNames(); // "traffic-spike", "bot-attack", "slow-worker", "market-price-jump", "crash-loop"
QString incidentName(IncidentKind kind);
std::optional<IncidentKind> incidentFromName(const QString& name);

} // namespace bidlab::engine

Q_DECLARE_METATYPE(bidlab::engine::IncidentKind)
