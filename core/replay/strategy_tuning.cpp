// SPDX-License-Identifier: MIT
#include "core/replay/strategy_tuning.h"

#include "core/replay/replay_evaluator.h"

#include <cmath>

#include <QCoreApplication>

namespace bidlab::replay {

std::vector<double> tuningGrid(const QString& parameter)
{
    std::vector<double> grid;
    if (parameter == QLatin1String("b0")) {
        for (int b0 = 5; b0 <= 300; b0 += 5)
            grid.push_back(b0);
    } else if (parameter == QLatin1String("lambda")) {
        for (int k = 0; k <= 50; ++k)
            grid.push_back(std::pow(10.0, -6.0 + k / 10.0));
    }
    return grid;
}

StrategySpec withTuned(StrategySpec spec, const TuningResult& tuning)
{
    if (tuning.parameter == QLatin1String("b0"))
        spec.b0 = tuning.best;
    else if (tuning.parameter == QLatin1String("lambda"))
        spec.lambda = tuning.best;
    return spec;
}

Expected<TuningResult> tuneStrategy(const StrategySpec& spec, std::span<const LoggedAuction> tuningLog,
                                    const StrategyContext& context, QThreadPool* pool,
                                    const std::function<bool(double)>& keepGoing)
{
    TuningResult result;
    result.parameter = tunedParameter(spec.name);
    const std::vector<double> grid = tuningGrid(result.parameter);
    if (grid.empty())
        return Error {
            QCoreApplication::translate("Replay", "The strategy \"%1\" has nothing to tune.").arg(spec.name)
        };
    const std::size_t length = static_cast<std::size_t>(std::max(context.rules.length, 1));
    result.episodes = static_cast<std::int64_t>(tuningLog.size() / length);
    if (result.episodes == 0)
        return Error { QCoreApplication::translate("Replay", "The tuning log holds no complete episode of %1 auctions.")
                           .arg(context.rules.length) };
    const auto complete = tuningLog.first(static_cast<std::size_t>(result.episodes) * length);
    for (std::size_t i = 0; i < grid.size(); ++i) {
        if (keepGoing && !keepGoing(static_cast<double>(i) / static_cast<double>(grid.size())))
            return Error { QCoreApplication::translate("Replay", "The tuning was cancelled.") };
        TuningResult point;
        point.parameter = result.parameter;
        point.best = grid[i];
        auto strategy = makeStrategy(withTuned(spec, point), context);
        if (!strategy)
            return Error { strategy.error() };
        const auto played = replay(complete, **strategy, context.rules, pool);
        const std::int64_t clicks = played ? played->totals.clicks : 0;
        result.grid.push_back({ grid[i], clicks });
        if (i == 0 || clicks >= result.bestClicks) { // ties to the larger value
            result.best = grid[i];
            result.bestClicks = clicks;
        }
    }
    return result;
}

} // namespace bidlab::replay
