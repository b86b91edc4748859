// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/engine_snapshot.h"
#include "core/engine/latency_histogram.h"
#include "core/engine/worker_channel.h"

#include <cstdint>
#include <deque>
#include <optional>

namespace bidlab::engine::detail {

// One worker position of a run and the processes behind it over time (a restart is a new incarnation with
// a new segment): its state, its crash history and restart policy, and its share of the metrics.
struct WorkerSlot
{
    int id = 0;
    WorkerState state = WorkerState::Starting;
    int incarnation = 0;
    qint64 pid = 0;
    int restarts = 0;
    std::optional<WorkerChannel> channel;
    bool processRunning = false;
    bool retiring = false;
    bool expectExit = false; // retired or shut down: its exit is not a crash
    std::deque<std::int64_t> crashTimes; // within the crash-loop window
    std::int64_t restartAtNs = 0;
    std::int64_t lastProgressNs = 0;
    std::int64_t killRequestedNs = 0; // set by killWorker(): measures detection and replacement
    std::int64_t answered = 0;
    std::int64_t tickAnswered = 0;
    std::int64_t misordered = 0; // answers for another request than the one in their place (this incarnation)
    LatencyHistogram tickLatency;

    bool accepting() const { return state == WorkerState::Running && !retiring && channel; }

    // Records a crash; true when it completes a crash loop (`limit` crashes within `windowNs`).
    bool recordCrash(std::int64_t now, int limit, std::int64_t windowNs);
    // Back-off before the restart that follows the latest crash: 50 ms, doubling with every crash in the
    // window, up to 2 s.
    std::int64_t restartDelayNs() const;

    // The slot's row of the current tick; resetTick() starts the next one.
    WorkerRow row(double tickSeconds) const;
    void resetTick();
};

} // namespace bidlab::engine::detail
