// SPDX-License-Identifier: MIT
#include "core/engine/engine_config.h"

#include "core/bidding/request_features.h"
#include "core/engine/traffic_source.h"

#include <cmath>

#include <QCoreApplication>
#include <QFileInfo>
#include <QSet>

namespace bidlab::engine {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("EngineConfig", text);
}

// "'field' must be between a and b (got x)."
template<class T> void checkRange(QStringList& errors, const QString& field, T value, T low, T high)
{
    if (!(value >= low && value <= high))
        errors << tr("'%1' must be between %2 and %3 (got %4).").arg(field).arg(low).arg(high).arg(value);
}

void checkStrategy(QStringList& errors, const QString& field, const bidding::StrategyParams& s)
{
    using bidding::StrategyKind;
    if (static_cast<int>(s.kind) >= bidding::strategyNames().size())
        errors << tr("'%1.name' is not a known strategy.").arg(field);
    if (s.bidStepCpm < 0)
        errors << tr("'%1.bidStepCpm' must be 0 (prices in micros) or positive.").arg(field);
    if ((s.kind == StrategyKind::Constant || s.kind == StrategyKind::Linear) && s.baseBidCpm <= 0)
        errors << tr("'%1.baseBidCpm' must be positive.").arg(field);
    if (s.maxBidCpm < 0)
        errors << tr("'%1.maxBidCpm' must be 0 (the campaigns' own caps) or positive.").arg(field);
    if (s.kind == StrategyKind::Random && (s.randomMinCpm < 0 || s.randomMaxCpm < s.randomMinCpm))
        errors << tr("'%1.randomMinCpm' and '%1.randomMaxCpm' must satisfy 0 <= min <= max.").arg(field);
    if (s.kind == StrategyKind::Linear && !(s.averageCtr > 0.0 && s.averageCtr < 1.0))
        errors << tr("'%1.averageCtr' must be between 0 and 1 (got %2).").arg(field).arg(s.averageCtr);
    if (s.kind == StrategyKind::Ortb) {
        if (s.ortbCCpm <= 0)
            errors << tr("'%1.ortbC' must be positive.").arg(field);
        if (!(s.ortbLambda > 0.0 && std::isfinite(s.ortbLambda)))
            errors << tr("'%1.ortbLambda' must be positive (got %2).").arg(field).arg(s.ortbLambda);
        if (s.ortbForm != 1 && s.ortbForm != 2)
            errors << tr("'%1.ortbForm' must be 1 or 2 (got %2).").arg(field).arg(s.ortbForm);
    }
}

void checkCampaign(QStringList& errors, const QString& field, const CampaignConfig& c)
{
    if (c.dailyBudget < 0)
        errors << tr("'%1.dailyBudget' must not be negative.").arg(field);
    if (c.maxBidCpm <= 0)
        errors << tr("'%1.maxBidCpm' must be positive.").arg(field);
    if (c.valuePerConversion < 0)
        errors << tr("'%1.valuePerConversion' must not be negative.").arg(field);
    checkRange(errors, field + QStringLiteral(".conversionRate"), c.conversionRate, 0.0, 1.0);
    checkRange(errors, field + QStringLiteral(".bidMultiplier"), c.bidMultiplier, 0.0, 100.0);
    checkRange(errors, field + QStringLiteral(".frequencyCap"), c.frequencyCap, 0, 255);
    checkRange(errors, field + QStringLiteral(".creativeQuality"), c.creativeQuality, 0.0, 10.0);
    if (c.deviceMask == 0 || c.ageBandMask == 0 || c.sizeClassMask == 0 || (c.hourMask & 0xFFFFFF) == 0)
        errors << tr("'%1' targets nothing (an empty device, age, size or hour set).").arg(field);
}

void checkWorld(QStringList& errors, const WorldConfig& w)
{
    const int campaigns = w.campaigns.empty() ? w.campaignCount : static_cast<int>(w.campaigns.size());
    if (w.campaigns.empty())
        checkRange(errors, QStringLiteral("world.campaignCount"), w.campaignCount, 1, 1000);
    else if (w.campaigns.size() > 1000)
        errors << tr("'world.campaigns' lists %1 campaigns; at most 1000 are supported.").arg(w.campaigns.size());
    for (std::size_t i = 0; i < w.campaigns.size(); ++i)
        checkCampaign(errors, QStringLiteral("world.campaigns[%1]").arg(i), w.campaigns[i]);
    checkRange(errors, QStringLiteral("world.users"), w.users, 1, 10'000'000);
    if (campaigns > 0 && static_cast<qint64>(w.users) * campaigns > (qint64(1) << 30))
        errors << tr("'world.users' times the number of campaigns must stay under 2^30 (the frequency table).");
    checkRange(errors, QStringLiteral("world.publishers"), w.publishers, 1, 1'000'000);
    checkRange(errors, QStringLiteral("world.botShare"), w.botShare, 0.0, 1.0);
    checkRange(errors, QStringLiteral("world.budgetScale"), w.budgetScale, 1e-6, 1e6);
    checkRange(errors, QStringLiteral("world.requestsPerSimSecond"), w.requestsPerSimSecond, 1e-3, 1e9);
    checkRange(errors, QStringLiteral("world.marketPriceScale"), w.marketPriceScale, 1e-3, 1e3);
    checkRange(errors, QStringLiteral("world.events.clickDelayMeanSeconds"), w.clickDelayMeanSeconds, 0.0, 86400.0);
    checkRange(errors, QStringLiteral("world.events.conversionDelayMeanSeconds"), w.conversionDelayMeanSeconds, 0.0,
               30.0 * 86400);
    checkRange(errors, QStringLiteral("world.events.attributionWindowSeconds"), w.attributionWindowSeconds, 1,
               90 * 86400);
    checkRange(errors, QStringLiteral("world.events.duplicateWindowSeconds"), w.duplicateWindowSeconds, 1, 86400);
    checkRange(errors, QStringLiteral("world.events.duplicateClickShare"), w.duplicateClickShare, 0.0, 1.0);
    checkRange(errors, QStringLiteral("world.events.invalidEventShare"), w.invalidEventShare, 0.0, 1.0);
}

} // namespace

QString auctionTypeName(AuctionType type)
{
    return type == AuctionType::FirstPrice ? QStringLiteral("first") : QStringLiteral("second");
}

QStringList EngineConfig::validate() const
{
    QStringList errors;
    checkRange(errors, QStringLiteral("workers"), workers, kMinWorkers, kMaxWorkers);
    if (!unlimitedQps && !(targetQps >= kMinQps && targetQps <= kMaxQps))
        errors << tr("'targetQps' must be between %1 and %2, or unlimited (got %3).")
                      .arg(kMinQps)
                      .arg(kMaxQps)
                      .arg(targetQps);
    checkStrategy(errors, QStringLiteral("strategy"), strategy);
    if (arms.size() == 1 || arms.size() > static_cast<std::size_t>(kMaxArms))
        errors << tr("'arms' must list 2 to %1 arms, or none (got %2).").arg(kMaxArms).arg(arms.size());
    QSet<QString> armNames;
    for (std::size_t i = 0; i < arms.size(); ++i) {
        const QString field = QStringLiteral("arms[%1]").arg(i);
        if (arms[i].name.trimmed().isEmpty() || armNames.contains(arms[i].name))
            errors << tr("'%1.name' must be a name no other arm has.").arg(field);
        armNames.insert(arms[i].name);
        if (!(arms[i].weight > 0.0 && std::isfinite(arms[i].weight)))
            errors << tr("'%1.weight' must be positive (got %2).").arg(field).arg(arms[i].weight);
        checkStrategy(errors, field + QStringLiteral(".strategy"), arms[i].strategy);
    }
    checkRange(errors, QStringLiteral("tmaxMs"), tmaxMs, 1, 10'000);
    if (!trafficKinds().contains(traffic.kind))
        errors << tr("'traffic.kind' must be one of %1 (got '%2').")
                      .arg(trafficKinds().join(QStringLiteral(", ")), traffic.kind);
    if (!modelPath.isEmpty()) {
        Expected<bidding::CtrModel> model = bidding::CtrModel::load(modelPath);
        if (!model)
            errors << tr("'model': %1").arg(model.error());
        else if (Expected<bidding::BoundModel> bound = bidding::BoundModel::bind(std::move(model).value()); !bound)
            errors
                << tr("'model': the model '%1' cannot bid on the engine's requests: %2").arg(modelPath, bound.error());
    }
    checkWorld(errors, world);
    if (!(durationSeconds >= 0.0 && std::isfinite(durationSeconds)))
        errors << tr("'durationSeconds' must be 0 (no limit) or positive (got %1).").arg(durationSeconds);
    if (maxRequests < 0)
        errors << tr("'maxRequests' must be 0 (no limit) or positive (got %1).").arg(maxRequests);
    if (deterministic && unlimitedQps && durationSeconds > 0.0)
        errors << tr("'durationSeconds' needs a finite 'targetQps' in deterministic mode (the virtual clock runs at "
                     "it); give 'maxRequests' instead.");
    checkRange(errors, QStringLiteral("supervision.crashLoopLimit"), crashLoopLimit, 1, 1000);
    checkRange(errors, QStringLiteral("supervision.crashLoopWindowSeconds"), crashLoopWindowSeconds, 1, 3600);
    checkRange(errors, QStringLiteral("supervision.workerNice"), workerNice, 0, 19);
    if (!workerExecutable.isEmpty() && !QFileInfo(workerExecutable).isExecutable())
        errors << tr("'workerExecutable': '%1' is not an executable file.").arg(workerExecutable);
    return errors;
}

std::vector<ArmConfig> EngineConfig::effectiveArms() const
{
    if (!arms.empty())
        return arms;
    return { ArmConfig { QStringLiteral("all"), 1.0, strategy } };
}

qint64 EngineConfig::requestLimit() const
{
    qint64 limit = maxRequests;
    if (deterministic && !unlimitedQps && durationSeconds > 0.0) {
        const auto virtualCount = static_cast<qint64>(std::llround(durationSeconds * static_cast<double>(targetQps)));
        limit = limit > 0 ? std::min(limit, virtualCount) : virtualCount;
    }
    return limit;
}

} // namespace bidlab::engine
