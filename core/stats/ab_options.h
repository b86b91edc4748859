// SPDX-License-Identifier: MIT
#pragma once

#include "core/stats/multiple_testing.h"

#include <cstdint>
#include <optional>
#include <vector>

#include <QString>
#include <QStringList>

// What an A/B analysis is asked for: the metric, the test of proportions, the correction, alpha and the
// bootstrap's settings; with the names the CLI and settings use for them.
namespace bidlab::stats {

enum class Metric {
    Ctr, // clicks / exposures
    Cvr, // conversions / clicks, or conversions / exposures (users) when the table has no clicks
    Revenue, // mean revenue per unit (user, day, or exposure of an aggregated table)
    Roas, // sum(revenue) / sum(cost)
};
std::optional<Metric> metricFromKey(const QString& key); // "ctr", "cvr", "revenue", "roas"
QString metricKey(Metric metric);
QString metricLabel(Metric metric); // "CTR"
QStringList metricKeys();

enum class ProportionTest {
    Auto, // the z-test, or Fisher's exact test when an expected cell count is below 5
    ZTest,
    ChiSquare,
    Yates,
    Fisher,
};
std::optional<ProportionTest> proportionTestFromKey(const QString& key); // "auto", "z", "chi2", "yates", "fisher"
QString proportionTestKey(ProportionTest test);
QStringList proportionTestKeys();

enum class BootstrapChoice {
    Auto, // resample units up to kPoissonAboveUnits units per comparison, Poisson buckets beyond
    Units,
    PoissonBuckets,
};
inline constexpr std::size_t kPoissonAboveUnits = 1'000'000;

struct AnalysisOptions
{
    Metric metric = Metric::Ctr;
    ProportionTest test = ProportionTest::Auto;
    Correction correction = Correction::Holm;
    double alpha = 0.05; // for decisions (after correction) and for the (unadjusted) 1 - alpha intervals
    int resamples = 2000;
    std::uint64_t seed = 20240611; // the same for every comparison: a result does not depend on the others
    BootstrapChoice bootstrap = BootstrapChoice::Auto;
    int buckets = 1000;
    std::vector<double> split; // planned shares of the arms, control first; empty: an equal split
    bool exactForAll = false; // Fisher's exact test also where it is not the primary test (detail views)
};

} // namespace bidlab::stats
