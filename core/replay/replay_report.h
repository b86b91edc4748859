// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/money.h"
#include "core/replay/replay_job.h"
#include "core/report/report.h"

namespace bidlab::replay {

// The report of a replay: parameters, the paper's figures as KPIs (auctions, bids, impressions, clicks,
// cost, win rate, CPM, eCPC) plus the money spent, a table of the episodes and their spending, and charts
// of spending and clicks per episode. The CLI, the panel and the exports all use it.
report::Report replayReport(const ReplayRun& run);

// The spend of `cost` CPM price units in micros of the log's currency (cost / 1000 impressions).
Micros spendMicros(std::int64_t cost);

} // namespace bidlab::replay
