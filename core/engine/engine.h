// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/engine_config.h"
#include "core/engine/engine_snapshot.h"
#include "core/engine/incident.h"

#include <functional>
#include <memory>
#include <span>

#include <QObject>

namespace bidlab::engine {

namespace detail {
class EngineCore;
}

// Every generated request's outcome, for tests that check exactly-once accounting with a ledger.
enum class Outcome : std::uint8_t { Bid, NoBid, Timeout, Shed };
struct OutcomeRecord
{
    std::uint64_t requestId;
    Outcome outcome;
};
// Called on the engine's thread, in batches, as outcomes are counted. Test use: it costs a call per batch.
using OutcomeRecorder = std::function<void(std::span<const OutcomeRecord>)>;

// The multi-process bidding engine (DESIGN.md, "The simulation"): a traffic source, bidder worker
// processes fed through shared-memory rings, the exchange and its auction, the event pipeline and the
// metrics. All heavy work runs on threads the engine owns; every call here returns at once, and results
// arrive through queued signals (emitted in the thread this object lives in), so a GUI never waits.
class Engine : public QObject
{
    Q_OBJECT
public:
    explicit Engine(QObject* parent = nullptr);
    ~Engine() override; // stops a run (workers terminated) and joins the engine's threads

    EngineState state() const;
    // The config of the current (or last) run, with the live changes applied.
    EngineConfig config() const;

    // Called on the engine's thread with every snapshot, before the signal is queued (for consumers that
    // must see every tick without an event loop, e.g. detectors). Set it before start(); keep it short.
    void setSnapshotCallback(std::function<void(const EngineSnapshot&)> callback);
    void setOutcomeRecorder(OutcomeRecorder recorder); // before start()

    // Validates the config (errors name the field) and starts a run; returns at once. A run already going
    // is an error. The first snapshot follows within a tick; finished() follows the end of the run.
    Status start(const EngineConfig& config);

public Q_SLOTS:
    void pause();
    void resume();
    void stop(); // drains: every request in flight is answered or counted; then finished()

    // Live changes, applied between ticks.
    void setWorkerCount(int workers); // 1..16: spawn, or drain and retire
    void setTargetQps(qint64 qps); // 100..5,000,000
    void setUnlimitedQps(bool unlimited);
    void setStrategy(const bidlab::bidding::StrategyParams& params); // every arm
    void setArmStrategy(int arm, const bidlab::bidding::StrategyParams& params);
    void deployModel(const QString& path); // the workers load it; ModelDeployed / ModelRejected events follow
    void killWorker(int id); // SIGKILL, as "Kill process" in the dashboard: the engine recovers
    void injectIncident(bidlab::engine::IncidentKind kind);

Q_SIGNALS:
    void snapshot(const bidlab::engine::EngineSnapshot& snapshot);
    void event(const bidlab::engine::EngineEvent& event);
    void finished(const bidlab::engine::RunSummary& summary);
    void stateChanged(bidlab::engine::EngineState state);

private:
    std::unique_ptr<detail::EngineCore> m_core;
};

} // namespace bidlab::engine
