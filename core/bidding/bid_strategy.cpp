// SPDX-License-Identifier: MIT
#include "core/bidding/bid_strategy.h"

#include <algorithm>
#include <cmath>

namespace bidlab::bidding {

namespace {

Micros cpmMicros(double currencyUnits)
{
    return std::isfinite(currencyUnits) ? fromUnits(currencyUnits) : 0;
}

class SeedStrategy final : public BidStrategy
{
public:
    // The seed's _calculate_bid_price: the floor raised by the user's value and the context's relevance.
    Micros price(const BidInput& in) const override
    {
        return cpmMicros(toUnits(in.floorCpm) * (1.0 + in.ltv) * (1.0 + in.relevance));
    }
};

class ConstantStrategy final : public BidStrategy
{
public:
    explicit ConstantStrategy(Micros bid)
        : m_bid(bid)
    { }
    Micros price(const BidInput&) const override { return m_bid; }

private:
    Micros m_bid;
};

class RandomStrategy final : public BidStrategy
{
public:
    RandomStrategy(Micros low, Micros high)
        : m_low(std::min(low, high))
        , m_span(static_cast<std::uint64_t>(std::max(low, high) - std::min(low, high)) + 1)
    { }
    Micros price(const BidInput& in) const override
    {
        // 53 random bits as a fraction of the span: uniform enough for a price, no division.
        const double u = static_cast<double>(in.noise >> 11) * 0x1.0p-53;
        return m_low + static_cast<Micros>(u * static_cast<double>(m_span));
    }

private:
    Micros m_low;
    std::uint64_t m_span;
};

class LinearStrategy final : public BidStrategy
{
public:
    LinearStrategy(Micros base, double averageCtr)
        : m_scale(static_cast<double>(base) / averageCtr)
    { }
    Micros price(const BidInput& in) const override
    {
        return static_cast<Micros>(m_scale * in.pCtr * in.valueMultiplier + 0.5); // never negative
    }

private:
    double m_scale;
};

// Bids in whole steps of params.bidStepCpm: linear in the replay's own arithmetic, the others rounded down.
class SteppedStrategy final : public BidStrategy
{
public:
    SteppedStrategy(const StrategyParams& p, std::unique_ptr<BidStrategy> inner)
        : m_params(p)
        , m_inner(std::move(inner))
    { }
    Micros price(const BidInput& in) const override
    {
        if (m_params.kind == StrategyKind::Linear)
            return linearStepPrice(in.pCtr * in.valueMultiplier, m_params);
        const Micros step = m_params.bidStepCpm;
        return std::max<Micros>(m_inner->price(in), 0) / step * step;
    }

private:
    StrategyParams m_params;
    std::unique_ptr<BidStrategy> m_inner;
};

class OrtbStrategy final : public BidStrategy
{
public:
    OrtbStrategy(const StrategyParams& p)
        : m_c(toUnits(p.ortbCCpm))
        , m_lambda(p.ortbLambda)
        , m_form(p.ortbForm)
    { }
    Micros price(const BidInput& in) const override
    {
        const double theta = in.pCtr * in.valueMultiplier;
        return cpmMicros(m_form == 2 ? ortbBid2(theta, m_c, m_lambda) : ortbBid1(theta, m_c, m_lambda));
    }

private:
    double m_c;
    double m_lambda;
    int m_form;
};

} // namespace

const QStringList& strategyNames()
{
    static const QStringList names { QStringLiteral("seed"), QStringLiteral("constant"), QStringLiteral("random"),
                                     QStringLiteral("linear"), QStringLiteral("ortb") };
    return names;
}

QString strategyName(StrategyKind kind)
{
    return strategyNames().value(static_cast<int>(kind));
}

std::optional<StrategyKind> strategyFromName(const QString& name)
{
    const qsizetype i = strategyNames().indexOf(name.trimmed().toLower());
    if (i < 0)
        return std::nullopt;
    return static_cast<StrategyKind>(i);
}

namespace {

std::unique_ptr<BidStrategy> makeUnsteppedStrategy(const StrategyParams& p)
{
    switch (p.kind) {
    case StrategyKind::Seed:
        return std::make_unique<SeedStrategy>();
    case StrategyKind::Constant:
        return std::make_unique<ConstantStrategy>(p.baseBidCpm);
    case StrategyKind::Random:
        return std::make_unique<RandomStrategy>(p.randomMinCpm, p.randomMaxCpm);
    case StrategyKind::Linear:
        return std::make_unique<LinearStrategy>(p.baseBidCpm, p.averageCtr > 0 ? p.averageCtr : 0.02);
    case StrategyKind::Ortb:
        return std::make_unique<OrtbStrategy>(p);
    }
    return std::make_unique<ConstantStrategy>(0);
}

} // namespace

std::unique_ptr<BidStrategy> makeStrategy(const StrategyParams& p)
{
    auto strategy = makeUnsteppedStrategy(p);
    if (p.bidStepCpm > 0)
        return std::make_unique<SteppedStrategy>(p, std::move(strategy));
    return strategy;
}

Micros linearStepPrice(double theta, const StrategyParams& p)
{
    const double averageCtr = p.averageCtr > 0 ? p.averageCtr : 0.02;
    const double base = static_cast<double>(p.baseBidCpm) / static_cast<double>(p.bidStepCpm); // b0 in steps
    const double steps = std::floor(theta * base / averageCtr);
    if (!(steps > 0)) // also NaN
        return 0;
    const double limit = static_cast<double>(INT64_MAX / p.bidStepCpm);
    return static_cast<Micros>(std::min(steps, limit)) * p.bidStepCpm;
}

Micros finalBid(Micros price, const BidInput& in, NoBidReason* reason)
{
    if (price <= 0) {
        *reason = kStrategyDeclined;
        return 0;
    }
    // One impression at CPM p costs p / 1000: the budget left pays for a CPM of up to 1000 times itself.
    const Micros affordable = in.budgetLeft > INT64_MAX / 1000 ? INT64_MAX : std::max<Micros>(in.budgetLeft, 0) * 1000;
    const Micros bid = std::min({ price, in.maxBidCpm, affordable });
    if (bid <= 0 || bid < in.floorCpm) {
        *reason = kBelowFloor;
        return 0;
    }
    *reason = kBid;
    return bid;
}

double ortbBid1(double theta, double c, double lambda)
{
    if (theta <= 0.0 || lambda <= 0.0)
        return 0.0;
    return std::sqrt(c / lambda * theta + c * c) - c;
}

double ortbBid2(double theta, double c, double lambda)
{
    if (theta <= 0.0 || lambda <= 0.0)
        return 0.0;
    const double root = theta + std::sqrt(c * c * lambda * lambda + theta * theta);
    return c * (std::cbrt(root / (c * lambda)) - std::cbrt(c * lambda / root));
}

} // namespace bidlab::bidding
