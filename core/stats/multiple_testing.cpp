// SPDX-License-Identifier: MIT
#include "core/stats/multiple_testing.h"

#include "core/stats/enum_names.h"
#include "core/stats/translation.h"

#include <algorithm>
#include <array>
#include <numeric>

namespace bidlab::stats {

namespace {

constexpr std::array<detail::Named<Correction>, 5> kCorrections { { { Correction::None, "none" },
                                                                    { Correction::Bonferroni, "bonferroni" },
                                                                    { Correction::Holm, "holm" },
                                                                    { Correction::BenjaminiHochberg, "bh" },
                                                                    { Correction::BenjaminiYekutieli, "by" } } };

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
    // statsmodels' names and the long ones are accepted too.
    static constexpr std::array<detail::Named<Correction>, 6> aliases {
        { { Correction::Holm, "holm-bonferroni" },
          { Correction::BenjaminiHochberg, "fdr_bh" },
          { Correction::BenjaminiHochberg, "benjamini-hochberg" },
          { Correction::BenjaminiYekutieli, "fdr_by" },
          { Correction::BenjaminiYekutieli, "benjamini-yekutieli" },
          { Correction::None, "none" } }
    };
    if (const std::optional<Correction> c = detail::fromKey<Correction>(kCorrections, name))
        return c;
    return detail::fromKey<Correction>(aliases, name);
}

QString correctionKey(Correction correction)
{
    return detail::toKey<Correction>(kCorrections, correction);
}

QString correctionLabel(Correction correction)
{
    switch (correction) {
    case Correction::None:
        return detail::tr("None (each test on its own)");
    case Correction::Bonferroni:
        return detail::tr("Bonferroni (family-wise error)");
    case Correction::Holm:
        return detail::tr("Holm (family-wise error)");
    case Correction::BenjaminiHochberg:
        return detail::tr("Benjamini–Hochberg (false discovery rate)");
    case Correction::BenjaminiYekutieli:
        return detail::tr("Benjamini–Yekutieli (false discovery rate, any dependence)");
    }
    return {};
}

QStringList correctionKeys()
{
    return detail::keys<Correction>(kCorrections);
}

} // namespace bidlab::stats
