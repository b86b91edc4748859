// SPDX-License-Identifier: MIT
#include "core/stats/multiple_testing.h"

#include <algorithm>
#include <numeric>

#include <QCoreApplication>

namespace bidlab::stats {

namespace {

// The step-down (Holm) or step-up (BH, BY) adjustment over p-values sorted increasingly: factor(i) is the
// multiplier of the i-th smallest (0-based) p-value.
template<class Factor> std::vector<double> stepDown(const std::vector<double>& sorted, Factor factor)
{
    std::vector<double> adjusted(sorted.size());
    double running = 0;
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        running = std::max(running, std::min(1.0, factor(i) * sorted[i]));
        adjusted[i] = running;
    }
    return adjusted;
}

template<class Factor> std::vector<double> stepUp(const std::vector<double>& sorted, Factor factor)
{
    std::vector<double> adjusted(sorted.size());
    double running = 1.0;
    for (std::size_t i = sorted.size(); i-- > 0;) {
        running = std::min(running, factor(i) * sorted[i]);
        adjusted[i] = std::min(1.0, running);
    }
    return adjusted;
}

} // namespace

std::vector<std::optional<double>> adjustPValues(std::span<const std::optional<double>> pValues, Correction correction)
{
    std::vector<std::optional<double>> result(pValues.begin(), pValues.end());
    std::vector<std::size_t> order; // indices of the present p-values, by increasing p
    for (std::size_t i = 0; i < pValues.size(); ++i) {
        if (pValues[i])
            order.push_back(i);
    }
    if (correction == Correction::None || order.empty())
        return result;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t x, std::size_t y) { return *pValues[x] < *pValues[y]; });
    std::vector<double> sorted(order.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        sorted[i] = *pValues[order[i]];
    const double m = double(sorted.size());

    std::vector<double> adjusted;
    switch (correction) {
    case Correction::None:
        return result;
    case Correction::Bonferroni:
        adjusted = stepDown(sorted, [m](std::size_t) { return m; }); // a constant factor: the max is a no-op
        break;
    case Correction::Holm:
        adjusted = stepDown(sorted, [m](std::size_t i) { return m - double(i); });
        break;
    case Correction::BenjaminiHochberg:
        adjusted = stepUp(sorted, [m](std::size_t i) { return m / double(i + 1); });
        break;
    case Correction::BenjaminiYekutieli: {
        double harmonic = 0;
        for (std::size_t k = 1; k <= sorted.size(); ++k)
            harmonic += 1.0 / double(k);
        adjusted = stepUp(sorted, [m, harmonic](std::size_t i) { return m * harmonic / double(i + 1); });
        break;
    }
    }
    for (std::size_t i = 0; i < order.size(); ++i)
        result[order[i]] = adjusted[i];
    return result;
}

std::optional<Correction> correctionFromName(const QString& name)
{
    const QString key = name.trimmed().toLower();
    if (key == QLatin1String("none"))
        return Correction::None;
    if (key == QLatin1String("bonferroni"))
        return Correction::Bonferroni;
    if (key == QLatin1String("holm") || key == QLatin1String("holm-bonferroni"))
        return Correction::Holm;
    if (key == QLatin1String("bh") || key == QLatin1String("fdr_bh") || key == QLatin1String("benjamini-hochberg"))
        return Correction::BenjaminiHochberg;
    if (key == QLatin1String("by") || key == QLatin1String("fdr_by") || key == QLatin1String("benjamini-yekutieli"))
        return Correction::BenjaminiYekutieli;
    return std::nullopt;
}

QString correctionKey(Correction correction)
{
    switch (correction) {
    case Correction::None:
        return QStringLiteral("none");
    case Correction::Bonferroni:
        return QStringLiteral("bonferroni");
    case Correction::Holm:
        return QStringLiteral("holm");
    case Correction::BenjaminiHochberg:
        return QStringLiteral("bh");
    case Correction::BenjaminiYekutieli:
        return QStringLiteral("by");
    }
    return {};
}

QString correctionLabel(Correction correction)
{
    switch (correction) {
    case Correction::None:
        return QCoreApplication::translate("Stats", "None (each test on its own)");
    case Correction::Bonferroni:
        return QCoreApplication::translate("Stats", "Bonferroni (family-wise error)");
    case Correction::Holm:
        return QCoreApplication::translate("Stats", "Holm (family-wise error)");
    case Correction::BenjaminiHochberg:
        return QCoreApplication::translate("Stats", "Benjamini–Hochberg (false discovery rate)");
    case Correction::BenjaminiYekutieli:
        return QCoreApplication::translate("Stats", "Benjamini–Yekutieli (false discovery rate, any dependence)");
    }
    return {};
}

QStringList correctionKeys()
{
    return { QStringLiteral("none"), QStringLiteral("bonferroni"), QStringLiteral("holm"), QStringLiteral("bh"),
             QStringLiteral("by") };
}

} // namespace bidlab::stats
