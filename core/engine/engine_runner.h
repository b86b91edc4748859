// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/engine.h"
#include "core/engine/exchange.h"
#include "core/engine/hub.h"
#include "core/engine/lockstep_batch.h"
#include "core/engine/run_metrics.h"
#include "core/engine/traffic_source.h"
#include "core/engine/worker_channel.h"
#include "core/engine/worker_slot.h"
#include "core/engine/worker_supervisor.h"
#include "core/engine/world.h"

#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace bidlab::engine::detail {

// One run of the engine, on its own thread: the traffic source, the dispatcher (pacing, back-pressure,
// re-dispatch), the collector of responses, the exchange, the metrics and the supervision of the worker
// slots (start, crash, restart with back-off, crash loop, retire, hang). Everything here runs on the
// runner's thread; other threads talk to it through post() and notice(), which wake it.
class EngineRunner
{
public:
    struct Hooks
    {
        std::function<void(const EngineSnapshot&)> snapshot;
        std::function<void(const EngineEvent&)> event;
        std::function<void(const RunSummary&)> finished;
        std::function<void(EngineState)> state;
        std::function<void(const EngineConfig&)> configChanged;
        OutcomeRecorder recorder;
    };

    EngineRunner(EngineConfig config, QString workerProgram, WorkerSupervisor* supervisor, Hooks hooks);
    ~EngineRunner();

    void run(); // the thread's body: returns when the run has finished

    // Thread-safe entry points.
    void post(std::function<void(EngineRunner&)> command);
    void notice(const SupervisorNotice& notice);

    // Commands (on the runner's thread, through post()).
    void pause();
    void resume();
    void stop(const QString& reason);
    void setWorkerCount(int workers);
    void setTargetQps(qint64 qps);
    void setUnlimitedQps(bool unlimited);
    void setStrategy(int arm, const bidding::StrategyParams& params); // arm < 0: every arm
    void deployModel(const QString& path);
    void killWorker(int id);
    void injectIncident(IncidentKind kind);

private:
    struct Pending
    {
        bidding::BidRequest request;
        std::int64_t createdNs;
    };

    bool prepare();
    void loop();
    void handleInbox();
    void handleNotice(const SupervisorNotice& notice);
    void produce(std::int64_t now);
    void produceBatch(std::int64_t now);
    void redispatch(std::int64_t now);
    std::size_t dispatchNew(WorkerSlot& slot, std::size_t n, std::int64_t now, double firstDueNs, double intervalNs);
    bool collect(std::int64_t now);
    void misordered(WorkerSlot& slot, std::uint64_t expected, std::uint64_t given);
    void finishBatch();
    void answer(const bidding::BidRequest& request, const bidding::BidResponse& response, std::int64_t createdNs,
                std::int64_t now, WorkerSlot& slot);
    void superviseSlots(std::int64_t now);
    void spawn(WorkerSlot& slot, std::int64_t now);
    void workerGone(WorkerSlot& slot, const SupervisorNotice& notice);
    void reclaim(WorkerSlot& slot, std::int64_t now);
    void checkModelDeployment();
    void endIncidents(std::int64_t now);
    void tick(std::int64_t now, bool last = false);
    void finishRun();
    void idle(std::int64_t now);
    void setState(EngineState state);
    void event(EventSeverity severity, EventKind kind, QString text, int worker = -1, qint64 count = 0,
               qint64 sinceKillNs = 0);
    void record(std::uint64_t id, Outcome outcome);
    int armOf(std::uint32_t user) const;
    WorkerSlot* roomiest();
    int liveSlots() const;
    bool requestLimitReached() const;
    double elapsedSeconds(std::int64_t now) const;

    EngineConfig m_config;
    QString m_program;
    WorkerSupervisor* m_supervisor;
    Hooks m_hooks;

    std::unique_ptr<World> m_world;
    std::unique_ptr<TrafficSource> m_source;
    std::optional<Hub> m_hub;
    std::unique_ptr<Exchange> m_exchange;
    std::vector<std::unique_ptr<WorkerSlot>> m_slots;
    std::size_t m_nextSlot = 0; // where the search for the roomiest worker starts (round robin on ties)
    std::deque<Pending> m_pending; // taken back from dead workers, to send again
    std::unique_ptr<LockstepBatch> m_batch; // deterministic mode
    std::vector<double> m_armThresholds;
    std::vector<bidding::StrategyParams> m_armStrategies;

    // Inbox from other threads.
    std::mutex m_inboxMutex;
    std::vector<std::function<void(EngineRunner&)>> m_commands;
    std::vector<SupervisorNotice> m_notices;
    std::atomic<bool> m_inboxFull { false }; // something arrived since the last look
    bool m_commandsWaiting = false; // commands held back until the batch out is complete (runner's thread)

    EngineState m_state = EngineState::Starting;
    bool m_stopping = false;
    QString m_endReason;
    bool m_failed = false;
    std::uint64_t m_nextId = 0;
    std::uint64_t m_limit = 0; // 0 = none
    std::int64_t m_startNs = 0;
    qint64 m_startedAtMs = 0;
    double m_paceNextNs = 0.0;
    double m_qpsFactor = 1.0; // the traffic-spike incident
    std::int64_t m_tmaxNs = 0;
    std::int64_t m_nextTickNs = 0;
    std::int64_t m_lastPublishNs = 0;
    std::int64_t m_simMax = 0;
    std::int64_t m_lastTickNs = 0;
    std::unique_ptr<RunMetrics> m_metrics;
    std::vector<OutcomeRecord> m_ledger;
    int m_totalRestarts = 0;

    struct Deployment
    {
        std::uint32_t generation = 0;
        QString path;
        QString previousPath;
        bool active = false;
    } m_deployment;
    struct Incident
    {
        IncidentKind kind;
        std::int64_t endNs; // wall clock
        std::uint64_t endRequest; // deterministic mode: the virtual clock, in requests
        int slot = -1;
    };
    std::vector<Incident> m_incidents;
    int m_crashLoopSlot = -1; // the crash-loop incident's victim
};

} // namespace bidlab::engine::detail
