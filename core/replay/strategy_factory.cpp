// SPDX-License-Identifier: MIT
#include "core/replay/strategy_factory.h"

#include "core/replay/campaign_info.h"
#include "core/replay/dp_strategies.h"
#include "core/replay/mcpc_strategy.h"

#include <QCoreApplication>

namespace bidlab::replay {

QStringList replayStrategyNames()
{
    return { QStringLiteral("rlb"), QStringLiteral("ssmdp"), QStringLiteral("mcpc") };
}

QStringList engineStrategyNames()
{
    return { QStringLiteral("constant"), QStringLiteral("random"), QStringLiteral("linear"), QStringLiteral("ortb") };
}

QString strategyLabel(const StrategySpec& spec)
{
    if (spec.name == QLatin1String("rlb"))
        return QStringLiteral("RLB");
    if (spec.name == QLatin1String("ssmdp"))
        return QStringLiteral("SS-MDP");
    if (spec.name == QLatin1String("mcpc"))
        return QStringLiteral("Mcpc");
    if (spec.name == QLatin1String("linear") && spec.b0)
        return QStringLiteral("Lin (b0=%1)").arg(*spec.b0);
    return spec.name;
}

bool needsValueTable(const QString& name)
{
    return name == QLatin1String("rlb") || name == QLatin1String("ssmdp");
}

Expected<std::unique_ptr<ReplayStrategy>> makeStrategy(const StrategySpec& spec, const StrategyContext& context)
{
    const int maxBid = context.rules.maxBid;
    if (spec.name == QLatin1String("mcpc")) {
        const auto cpc = context.info.costPerClick();
        if (!cpc)
            return Error { QCoreApplication::translate("Replay",
                                                       "Mcpc needs the campaign's cost per click, but campaign %1 has "
                                                       "no training clicks.")
                               .arg(context.info.campaign) };
        return std::unique_ptr<ReplayStrategy>(std::make_unique<McpcStrategy>(*cpc, maxBid));
    }
    if (needsValueTable(spec.name) && !context.table)
        return Error { QCoreApplication::translate("Replay", "%1 needs the value table.").arg(strategyLabel(spec)) };
    if (spec.name == QLatin1String("rlb"))
        return std::unique_ptr<ReplayStrategy>(std::make_unique<RlbStrategy>(context.table, maxBid));
    if (spec.name == QLatin1String("ssmdp"))
        return std::unique_ptr<ReplayStrategy>(
            std::make_unique<SsMdpStrategy>(context.table, context.info.averageCtr(), maxBid));
    if (engineStrategyNames().contains(spec.name))
        return Error { QCoreApplication::translate("Replay",
                                                   "The strategy \"%1\" comes from the bidding engine (issue 3), "
                                                   "which is not built yet; the replay runs %2 today.")
                           .arg(spec.name, replayStrategyNames().join(QStringLiteral(", "))) };
    return Error { QCoreApplication::translate("Replay", "Unknown strategy \"%1\"; the replay runs %2.")
                       .arg(spec.name, replayStrategyNames().join(QStringLiteral(", "))) };
}

} // namespace bidlab::replay
