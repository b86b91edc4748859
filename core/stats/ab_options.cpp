// SPDX-License-Identifier: MIT
#include "core/stats/ab_options.h"

#include "core/stats/enum_names.h"
#include "core/stats/translation.h"

#include <array>

namespace bidlab::stats {

namespace {

using detail::Named;

constexpr std::array<Named<Metric>, 4> kMetrics {
    { { Metric::Ctr, "ctr" }, { Metric::Cvr, "cvr" }, { Metric::Revenue, "revenue" }, { Metric::Roas, "roas" } }
};

constexpr std::array<Named<ProportionTest>, 5> kTests { { { ProportionTest::Auto, "auto" },
                                                          { ProportionTest::ZTest, "z" },
                                                          { ProportionTest::ChiSquare, "chi2" },
                                                          { ProportionTest::Yates, "yates" },
                                                          { ProportionTest::Fisher, "fisher" } } };

} // namespace

std::optional<Metric> metricFromKey(const QString& key)
{
    return detail::fromKey<Metric>(kMetrics, key);
}

QString metricKey(Metric metric)
{
    return detail::toKey<Metric>(kMetrics, metric);
}

QString metricLabel(Metric metric)
{
    switch (metric) {
    case Metric::Ctr:
        return detail::tr("CTR");
    case Metric::Cvr:
        return detail::tr("CVR");
    case Metric::Revenue:
        return detail::tr("Revenue per unit");
    case Metric::Roas:
        return detail::tr("ROAS");
    }
    return {};
}

QStringList metricKeys()
{
    return detail::keys<Metric>(kMetrics);
}

std::optional<ProportionTest> proportionTestFromKey(const QString& key)
{
    return detail::fromKey<ProportionTest>(kTests, key);
}

QString proportionTestKey(ProportionTest test)
{
    return detail::toKey<ProportionTest>(kTests, test);
}

QStringList proportionTestKeys()
{
    return detail::keys<ProportionTest>(kTests);
}

} // namespace bidlab::stats
