// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <span>
#include <vector>

#include <QString>
#include <QStringList>

// Corrections for testing many hypotheses at once (many experiments, or several arms against one control).
namespace bidlab::stats {

enum class Correction {
    None,
    Bonferroni, // family-wise error rate, any dependence
    Holm, // family-wise, step-down; never less powerful than Bonferroni
    BenjaminiHochberg, // false discovery rate, independent or positively dependent tests
    BenjaminiYekutieli, // false discovery rate, any dependence
};

// Adjusted p-values as statsmodels.stats.multitest.multipletests gives them ("bonferroni", "holm",
// "fdr_bh", "fdr_by"): reject hypothesis i at level alpha exactly when adjusted[i] <= alpha. Missing
// p-values (hypotheses that could not be tested) stay missing and do not count in the family size.
std::vector<std::optional<double>> adjustPValues(std::span<const std::optional<double>> pValues, Correction correction);

// "none", "bonferroni", "holm", "bh", "by" (and the long names "benjamini-hochberg", "fdr_bh", ...).
std::optional<Correction> correctionFromName(const QString& name);
QString correctionKey(Correction correction); // the short name
QString correctionLabel(Correction correction); // "Holm (family-wise error)"
QStringList correctionKeys();

} // namespace bidlab::stats
