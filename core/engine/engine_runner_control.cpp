// SPDX-License-Identifier: MIT
// The engine runner's live control: pause, resume, stop, worker count, QPS, strategy, model deployment, and
// the incidents the anomaly detection is measured on.
#include "core/engine/engine_runner.h"
#include "core/engine/ipc/cycle_clock.h"
#include "core/engine/synthetic_traffic.h"

#include <QCoreApplication>

namespace bidlab::engine::detail {

namespace {

constexpr std::int64_t kIncidentNs = 10'000'000'000; // incidents last 10 s

QString tr(const char* text)
{
    return QCoreApplication::translate("Engine", text);
}

} // namespace

void EngineRunner::pause()
{
    if (m_state == EngineState::Running && !m_stopping) {
        setState(EngineState::Paused);
        event(EventSeverity::Info, EventKind::SettingChanged, tr("Paused."));
    }
}

void EngineRunner::resume()
{
    if (m_state == EngineState::Paused && !m_stopping) {
        m_paceNextNs = static_cast<double>(ipc::steadyNowNs());
        setState(EngineState::Running);
        event(EventSeverity::Info, EventKind::SettingChanged, tr("Resumed."));
    }
}

void EngineRunner::stop(const QString& reason)
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_endReason = reason;
    setState(EngineState::Stopping);
}

void EngineRunner::setWorkerCount(int workers)
{
    workers = std::clamp(workers, EngineConfig::kMinWorkers, EngineConfig::kMaxWorkers);
    const std::int64_t now = ipc::steadyNowNs();
    int active = 0;
    for (const auto& slot : m_slots)
        active += slot->state != WorkerState::Stopped && !slot->retiring;
    // Grow: reuse stopped slots first, then new ones.
    for (std::size_t i = 0; active < workers && i < m_slots.size(); ++i) {
        WorkerSlot& slot = *m_slots[i];
        if (slot.state == WorkerState::Stopped && !slot.processRunning) {
            slot.crashTimes.clear();
            spawn(slot, now);
            ++active;
        } else if (slot.retiring && slot.channel && !slot.channel->header().retire.load()) {
            slot.retiring = false; // still draining: keep it
            ++active;
        }
    }
    while (active < workers) {
        m_slots.push_back(std::make_unique<WorkerSlot>());
        m_slots.back()->id = static_cast<int>(m_slots.size() - 1);
        spawn(*m_slots.back(), now);
        ++active;
    }
    // Shrink: the highest slots stop taking requests, drain, then exit.
    for (std::size_t i = m_slots.size(); active > workers && i-- > 0;) {
        WorkerSlot& slot = *m_slots[i];
        if (slot.state == WorkerState::Stopped || slot.retiring)
            continue;
        if (slot.state == WorkerState::Failed) {
            slot.state = WorkerState::Stopped;
        } else {
            slot.retiring = true;
            slot.state = WorkerState::Draining;
        }
        --active;
    }
    m_config.workers = workers;
    if (m_hooks.configChanged)
        m_hooks.configChanged(m_config);
    event(EventSeverity::Info, EventKind::SettingChanged, tr("Worker processes: %1.").arg(workers));
}

void EngineRunner::setTargetQps(qint64 qps)
{
    m_config.targetQps = std::clamp(qps, EngineConfig::kMinQps, EngineConfig::kMaxQps);
    m_config.unlimitedQps = false;
    m_paceNextNs = static_cast<double>(ipc::steadyNowNs());
    if (m_hooks.configChanged)
        m_hooks.configChanged(m_config);
    event(EventSeverity::Info, EventKind::SettingChanged, tr("Target QPS: %1.").arg(m_config.targetQps));
}

void EngineRunner::setUnlimitedQps(bool unlimited)
{
    if (m_config.unlimitedQps == unlimited)
        return;
    m_config.unlimitedQps = unlimited;
    m_paceNextNs = static_cast<double>(ipc::steadyNowNs());
    if (m_hooks.configChanged)
        m_hooks.configChanged(m_config);
    event(EventSeverity::Info, EventKind::SettingChanged,
          unlimited ? tr("Target QPS: unlimited.") : tr("Target QPS: %1.").arg(m_config.targetQps));
}

void EngineRunner::setStrategy(int arm, const bidding::StrategyParams& params)
{
    for (std::size_t a = 0; a < m_armStrategies.size(); ++a) {
        if (arm < 0 || static_cast<std::size_t>(arm) == a) {
            m_armStrategies[a] = params;
            m_exchange->setArmShading(static_cast<int>(a), params.shading);
            if (a < m_config.arms.size())
                m_config.arms[a].strategy = params;
        }
    }
    if (arm < 0 || m_config.arms.empty())
        m_config.strategy = params;
    m_hub->setStrategies(m_armStrategies, m_config.auction == AuctionType::FirstPrice);
    for (const auto& slot : m_slots) {
        if (slot->channel)
            slot->channel->nudge();
    }
    if (m_hooks.configChanged)
        m_hooks.configChanged(m_config);
    event(EventSeverity::Info, EventKind::StrategyChanged,
          arm < 0 ? tr("Strategy: %1.").arg(bidding::strategyName(params.kind))
                  : tr("Strategy of arm %1: %2.").arg(arm).arg(bidding::strategyName(params.kind)));
}

void EngineRunner::deployModel(const QString& path)
{
    if (path.toUtf8().size() >= static_cast<qsizetype>(protocol::kPathBytes)) {
        event(EventSeverity::Error, EventKind::ModelRejected, tr("The model path '%1' is too long.").arg(path));
        return;
    }
    m_deployment.previousPath = m_deployment.active ? m_deployment.previousPath : m_config.modelPath;
    m_hub->setModelPath(path);
    m_deployment = { m_hub->modelGeneration(), path, m_deployment.previousPath, true };
    for (const auto& slot : m_slots) {
        if (slot->channel)
            slot->channel->nudge();
    }
}

void EngineRunner::checkModelDeployment()
{
    if (!m_deployment.active)
        return;
    int applied = 0, rejected = 0, running = 0;
    QString message;
    for (const auto& slot : m_slots) {
        if (slot->state != WorkerState::Running || !slot->channel)
            continue;
        ++running;
        const protocol::WorkerHeader& h = slot->channel->header();
        if (h.modelGenerationApplied.load(std::memory_order_acquire) != m_deployment.generation)
            continue;
        ++applied;
        if (h.modelRejected.load(std::memory_order_relaxed)) {
            ++rejected;
            message = QString::fromUtf8(h.message);
        }
    }
    if (running == 0 || applied < running)
        return;
    m_deployment.active = false;
    const QString shown = m_deployment.path.isEmpty() ? tr("the built-in model") : m_deployment.path;
    if (rejected) {
        // Put the previous model back in the hub, so that restarted workers do not pick up the bad one.
        m_hub->setModelPath(m_deployment.previousPath);
        event(EventSeverity::Error, EventKind::ModelRejected,
              tr("The workers rejected %1 and keep their model: %2").arg(shown, message), -1, rejected);
        return;
    }
    m_config.modelPath = m_deployment.path;
    if (m_hooks.configChanged)
        m_hooks.configChanged(m_config);
    event(EventSeverity::Info, EventKind::ModelDeployed,
          tr("Model deployed to %1 workers: %2.").arg(running).arg(shown), -1, running);
}

void EngineRunner::injectIncident(IncidentKind kind)
{
    const std::int64_t now = ipc::steadyNowNs();
    // 10 s, on the virtual clock in deterministic mode (so that detection delays are reproducible).
    const bool virtualClock = m_batch && !m_config.unlimitedQps;
    const auto virtualSpan = static_cast<std::uint64_t>(m_config.targetQps) * (kIncidentNs / 1'000'000'000);
    Incident incident { kind, virtualClock ? INT64_MAX : now + kIncidentNs, virtualClock ? m_nextId + virtualSpan : 0,
                        -1 };
    QString text;
    switch (kind) {
    case IncidentKind::TrafficSpike:
        m_qpsFactor = 5.0;
        if (virtualClock) // deterministic mode: 10 s at the spiked pace, 5x the requests of 10 s
            incident.endRequest = m_nextId + virtualSpan * 5;
        text = m_config.unlimitedQps ? tr("Traffic spike injected (no effect at unlimited QPS).")
                                     : tr("Traffic spike injected: 5x the target QPS for 10 s.");
        break;
    case IncidentKind::BotAttack:
        if (auto* synthetic = dynamic_cast<SyntheticTraffic*>(m_source.get())) {
            synthetic->setBotShare(0.6);
            text = tr("Bot attack injected: 60 % of requests from bots for 10 s.");
        } else {
            text = tr("Bot attack: only the synthetic traffic can inject one.");
        }
        break;
    case IncidentKind::SlowWorker:
        incident.slot = 0;
        m_hub->header().slowdownNs[0].store(200'000, std::memory_order_relaxed);
        text = tr("Slow worker injected: worker 0 takes 200 µs more per request for 10 s.");
        break;
    case IncidentKind::MarketPriceJump:
        m_exchange->setMarketScale(1.8);
        text = tr("Market price jump injected: competing bids x1.8 for 10 s.");
        break;
    case IncidentKind::CrashLoop:
        m_crashLoopSlot = 0;
        killWorker(0);
        text = tr("Crash loop injected: worker 0 is killed each time it starts, until the crash-loop limit.");
        incident.endNs = now; // runs until the limit stops it
        incident.endRequest = 0;
        break;
    }
    m_incidents.push_back(incident);
    event(EventSeverity::Warning, EventKind::Incident, text, incident.slot);
}

void EngineRunner::endIncidents(std::int64_t now)
{
    for (auto it = m_incidents.begin(); it != m_incidents.end();) {
        if (now < it->endNs && (it->endRequest == 0 || m_nextId < it->endRequest)) {
            ++it;
            continue;
        }
        switch (it->kind) {
        case IncidentKind::TrafficSpike:
            m_qpsFactor = 1.0;
            break;
        case IncidentKind::BotAttack:
            if (auto* synthetic = dynamic_cast<SyntheticTraffic*>(m_source.get()))
                synthetic->setBotShare(m_config.world.botShare);
            break;
        case IncidentKind::SlowWorker:
            m_hub->header().slowdownNs[0].store(0, std::memory_order_relaxed);
            break;
        case IncidentKind::MarketPriceJump:
            m_exchange->setMarketScale(1.0);
            break;
        case IncidentKind::CrashLoop:
            break;
        }
        if (it->kind != IncidentKind::CrashLoop)
            event(EventSeverity::Info, EventKind::Incident, tr("Incident over: %1.").arg(incidentName(it->kind)));
        it = m_incidents.erase(it);
    }
}

} // namespace bidlab::engine::detail
