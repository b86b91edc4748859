// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/engine_snapshot.h"

#include <cmath>

// Hand-made snapshots for the dashboard's value tests: a run whose every number is known, so that what the
// models, tiles and charts show can be checked exactly.
namespace bidlab::test {

// Tick `tick` (1-based, 100 ms each) of a run at `qps` requests per second with `workers` workers: half the
// requests get a bid, a quarter of the bids win, every 10th win is clicked, spend 1 unit (CPM 1000) per win.
inline engine::EngineSnapshot makeSnapshot(qint64 tick, qint64 qps = 10'000, int workers = 2, int campaigns = 3)
{
    engine::EngineSnapshot s;
    s.tick = tick;
    s.elapsedSeconds = double(tick) / 10.0;
    s.tickSeconds = 0.1;
    s.simTimeMs = 1'704'067'200'000 + tick * 60'000; // a world minute per tick
    s.state = engine::EngineState::Running;
    s.targetQps = qps;
    s.workerCount = workers;
    engine::Counters c;
    c.generated = qps / 10;
    c.bids = c.generated / 2;
    c.noBids = c.generated - c.bids;
    c.wins = c.bids / 4;
    c.losses = c.bids - c.wins;
    c.impressions = c.wins;
    c.clicks = c.wins / 10;
    c.conversions = c.clicks / 5;
    c.spend = c.wins * 1'000'000;
    c.revenue = c.conversions * 20'000'000;
    s.tickCounters = c;
    for (qint64 i = 0; i < tick; ++i)
        s.totals += c;
    s.rates = engine::Rates::of(c, 0.1);
    s.totalRates = engine::Rates::of(s.totals, s.elapsedSeconds);
    s.latency = { c.generated, 150'000, 120'000, 300'000, 900'000, 2'500'000, 4'000'000 };
    s.computeLatency = { c.generated, 20'000, 15'000, 40'000, 80'000, 120'000, 300'000 };
    for (int w = 0; w < workers; ++w) {
        engine::WorkerRow row;
        row.id = w;
        row.pid = 4000 + w;
        row.state = engine::WorkerState::Running;
        row.requestsPerSecond = double(qps) / workers;
        row.meanLatencyNs = 150'000;
        row.p99LatencyNs = 900'000;
        row.answered = tick * c.generated / workers;
        s.workers.append(row);
    }
    if (tick % 10 == 0) { // the tick that closes a second carries its row
        engine::SeriesPoint second;
        second.second = int(tick / 10) - 1;
        for (int i = 0; i < 10; ++i)
            second.counters += c;
        second.p50Ns = 120'000;
        second.p99Ns = 900'000;
        second.p999Ns = 2'500'000;
        second.workersAlive = workers;
        second.targetQps = qps;
        s.second = second;
    }
    for (int k = 0; k < campaigns; ++k) {
        engine::CampaignRow row;
        row.id = k;
        row.name = QStringLiteral("campaign %1").arg(k);
        row.dailyBudget = 1000 * 1'000'000LL;
        row.bids = s.totals.bids / campaigns;
        row.wins = row.bids / (k + 2);
        row.spend = row.wins * (k + 1) * 1'000'000LL;
        row.spentToday = row.spend;
        row.clicks = row.wins / 10;
        row.conversions = row.clicks / 5;
        row.revenue = row.conversions * 20'000'000LL;
        s.campaigns.append(row);
    }
    return s;
}

} // namespace bidlab::test
