// SPDX-License-Identifier: MIT
#pragma once

#include "core/anomaly/live_monitor.h"
#include "core/common/expected.h"
#include "core/engine/engine_config.h"

namespace bidlab::anomaly {

struct ScheduledIncident
{
    engine::IncidentKind kind;
    double seconds; // run time at which it is injected
};

struct MonitoredRun
{
    engine::RunSummary summary;
    QList<LiveAlert> alerts;
    QList<LiveIncident> incidents;
};

// Runs the engine to its end with a LiveMonitor on it (default rules) and the incidents injected on time,
// in a local event loop: for headless callers (bench, tests), never the GUI thread. A run that does not end
// within timeoutMs is stopped and reported as an error.
Expected<MonitoredRun> runMonitored(const engine::EngineConfig& config, const QList<ScheduledIncident>& incidents,
                                    int timeoutMs = 600'000);

} // namespace bidlab::anomaly
