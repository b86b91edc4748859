// SPDX-License-Identifier: MIT
#include "core/stats/ab_options.h"

#include <array>

#include <QCoreApplication>

namespace bidlab::stats {

namespace {

template<class Enum> struct Named
{
    Enum value;
    const char* key;
};

constexpr std::array<Named<Metric>, 4> kMetrics {
    { { Metric::Ctr, "ctr" }, { Metric::Cvr, "cvr" }, { Metric::Revenue, "revenue" }, { Metric::Roas, "roas" } }
};

constexpr std::array<Named<ProportionTest>, 5> kTests { { { ProportionTest::Auto, "auto" },
                                                          { ProportionTest::ZTest, "z" },
                                                          { ProportionTest::ChiSquare, "chi2" },
                                                          { ProportionTest::Yates, "yates" },
                                                          { ProportionTest::Fisher, "fisher" } } };

template<class Enum, std::size_t N>
std::optional<Enum> fromKey(const std::array<Named<Enum>, N>& table, const QString& key)
{
    const QString wanted = key.trimmed().toLower();
    for (const Named<Enum>& n : table) {
        if (wanted == QLatin1String(n.key))
            return n.value;
    }
    return std::nullopt;
}

template<class Enum, std::size_t N> QString toKey(const std::array<Named<Enum>, N>& table, Enum value)
{
    for (const Named<Enum>& n : table) {
        if (n.value == value)
            return QString::fromLatin1(n.key);
    }
    return {};
}

template<class Enum, std::size_t N> QStringList keys(const std::array<Named<Enum>, N>& table)
{
    QStringList out;
    for (const Named<Enum>& n : table)
        out << QString::fromLatin1(n.key);
    return out;
}

} // namespace

std::optional<Metric> metricFromKey(const QString& key)
{
    return fromKey(kMetrics, key);
}

QString metricKey(Metric metric)
{
    return toKey(kMetrics, metric);
}

QString metricLabel(Metric metric)
{
    switch (metric) {
    case Metric::Ctr:
        return QCoreApplication::translate("Stats", "CTR");
    case Metric::Cvr:
        return QCoreApplication::translate("Stats", "CVR");
    case Metric::Revenue:
        return QCoreApplication::translate("Stats", "Revenue per unit");
    case Metric::Roas:
        return QCoreApplication::translate("Stats", "ROAS");
    }
    return {};
}

QStringList metricKeys()
{
    return keys(kMetrics);
}

std::optional<ProportionTest> proportionTestFromKey(const QString& key)
{
    return fromKey(kTests, key);
}

QString proportionTestKey(ProportionTest test)
{
    return toKey(kTests, test);
}

QStringList proportionTestKeys()
{
    return keys(kTests);
}

} // namespace bidlab::stats
