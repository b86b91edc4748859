// SPDX-License-Identifier: MIT
#include "core/replay/strategy_factory.h"

#include "core/replay/bidding_strategy.h"
#include "core/replay/campaign_info.h"
#include "core/replay/dp_strategies.h"
#include "core/replay/mcpc_strategy.h"
#include "core/replay/replay_input.h"

#include <cmath>

#include <QCoreApplication>

namespace bidlab::replay {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("Replay", text);
}

Micros priceMicros(double units)
{
    return static_cast<Micros>(std::llround(units * static_cast<double>(kPriceUnitMicros)));
}

// The median training market price: the c of ORTB's winning function w(b) = b / (b + c), for which
// w(c) = 1/2.
int medianPrice(const CampaignInfo& info)
{
    std::int64_t seen = 0;
    for (int price = 0; price <= info.maxPrice(); ++price) {
        seen += info.priceCounts[static_cast<std::size_t>(price)];
        if (2 * seen >= info.impressionsTrain)
            return price;
    }
    return info.maxPrice();
}

} // namespace

QStringList replayStrategyNames()
{
    return QStringList { QStringLiteral("rlb"), QStringLiteral("ssmdp"), QStringLiteral("mcpc") }
    + engineStrategyNames();
}

QString tunedParameter(const QString& name)
{
    if (name == QLatin1String("constant") || name == QLatin1String("linear"))
        return QStringLiteral("b0");
    if (name == QLatin1String("ortb"))
        return QStringLiteral("lambda");
    return {};
}

bool needsTuning(const StrategySpec& spec)
{
    const QString parameter = tunedParameter(spec.name);
    return (parameter == QLatin1String("b0") && !spec.b0) || (parameter == QLatin1String("lambda") && !spec.lambda);
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
    if (spec.name == QLatin1String("linear"))
        return QStringLiteral("Lin");
    if (spec.name == QLatin1String("ortb"))
        return spec.lambda ? QStringLiteral("ORTB (λ=%1)").arg(*spec.lambda) : QStringLiteral("ORTB");
    if (spec.name == QLatin1String("constant") && spec.b0)
        return QStringLiteral("Constant (%1)").arg(*spec.b0);
    if (spec.name == QLatin1String("constant"))
        return QStringLiteral("Constant");
    if (spec.name == QLatin1String("random"))
        return QStringLiteral("Random");
    return spec.name;
}

bool needsValueTable(const QString& name)
{
    return name == QLatin1String("rlb") || name == QLatin1String("ssmdp");
}

Expected<bidding::StrategyParams> biddingParams(const StrategySpec& spec, const StrategyContext& context)
{
    const auto kind = bidding::strategyFromName(spec.name);
    if (!kind || !engineStrategyNames().contains(spec.name))
        return Error { tr("\"%1\" is not one of the engine's strategies (%2).")
                           .arg(spec.name, engineStrategyNames().join(QStringLiteral(", "))) };
    const int maxBid = context.rules.maxBid;
    bidding::StrategyParams params;
    params.kind = *kind;
    params.averageCtr = context.info.averageCtr();
    params.bidStepCpm = kPriceUnitMicros;
    if (needsTuning(spec))
        return Error { tr("The strategy \"%1\" needs %2 or a tuning log.").arg(spec.name, tunedParameter(spec.name)) };
    if (spec.b0 && !(*spec.b0 >= 0 && *spec.b0 <= 1e9))
        return Error { tr("b0 must be from 0 to 1,000,000,000 price units.") };
    switch (params.kind) {
    case bidding::StrategyKind::Constant:
    case bidding::StrategyKind::Linear:
        params.baseBidCpm = priceMicros(*spec.b0);
        break;
    case bidding::StrategyKind::Random:
        params.randomMinCpm = 0;
        params.randomMaxCpm = priceMicros(spec.b0.value_or(maxBid));
        break;
    case bidding::StrategyKind::Ortb:
        if (!(*spec.lambda > 0))
            return Error { tr("ORTB's lambda must be above 0.") };
        params.ortbLambda = *spec.lambda;
        params.ortbCCpm = priceMicros(spec.ortbC.value_or(std::max(medianPrice(context.info), 1)));
        if (params.ortbCCpm <= 0)
            return Error { tr("ORTB's c must be above 0.") };
        break;
    case bidding::StrategyKind::Seed:
        break;
    }
    return params;
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
    if (engineStrategyNames().contains(spec.name)) {
        auto params = biddingParams(spec, context);
        if (!params)
            return Error { params.error() };
        return std::unique_ptr<ReplayStrategy>(std::make_unique<BiddingStrategy>(*params, maxBid, spec.seed));
    }
    return Error { QCoreApplication::translate("Replay", "Unknown strategy \"%1\"; the replay runs %2.")
                       .arg(spec.name, replayStrategyNames().join(QStringLiteral(", "))) };
}

} // namespace bidlab::replay
