// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"
#include "core/replay/auction_log.h"
#include "core/replay/strategy_factory.h"

#include <functional>
#include <span>
#include <vector>

class QThreadPool;

namespace bidlab::replay {

// One point of a tuning grid and the clicks it won.
struct TuningPoint
{
    double value = 0;
    std::int64_t clicks = 0;
};

struct TuningResult
{
    QString parameter; // "b0", "lambda"
    double best = 0;
    std::int64_t bestClicks = 0;
    std::int64_t episodes = 0; // complete episodes of the tuning log that were played
    std::vector<TuningPoint> grid; // every point, in grid order
};

// The grid a strategy's parameter is tuned over: b0 = 5, 10, ..., 300 price units (the grid that chose
// RLB's stored Lin b0, REPLAY.md §6); λ = 10^-6 .. 10^-1 in ten steps per decade.
std::vector<double> tuningGrid(const QString& parameter);

// Tunes the parameter the spec lacks (tunedParameter) on a tuning log with the replay's rules: complete
// episodes only, every grid point played, total clicks the objective, ties to the larger value (as the
// stored Lin b0 were chosen). `keepGoing(fraction)` cancels with false (then an Error says so).
Expected<TuningResult> tuneStrategy(const StrategySpec& spec, std::span<const LoggedAuction> tuningLog,
                                    const StrategyContext& context, QThreadPool* pool,
                                    const std::function<bool(double fraction)>& keepGoing = {});

// The spec with the tuned value filled in.
StrategySpec withTuned(StrategySpec spec, const TuningResult& tuning);

} // namespace bidlab::replay
