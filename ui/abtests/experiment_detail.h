// SPDX-License-Identifier: MIT
#pragma once

#include "core/stats/ab_analysis.h"

#include <QTextBrowser>

namespace bidlab::ui {

// Everything BidLab knows about one comparison, as a page: the arms with their intervals, difference and
// lift, the primary test, every other test that applies (z, chi-square with and without Yates, Fisher,
// Welch and Mann–Whitney on units, the bootstrap's percentile and BCa intervals), the sample-ratio check,
// warnings, and what the methods are.
class ExperimentDetail : public QTextBrowser
{
    Q_OBJECT
public:
    explicit ExperimentDetail(QWidget* parent = nullptr);

    void showComparison(const stats::Analysis& analysis, const stats::Comparison& comparison);
    void showNothing();

    // The page for a comparison (tests read it).
    static QString html(const stats::Analysis& analysis, const stats::Comparison& comparison);
};

} // namespace bidlab::ui
