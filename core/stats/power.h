// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

// Planning a test of two proportions before it runs: its power, the sample size it needs, and the smallest
// effect it can detect. The effect size is Cohen's h = 2 asin(sqrt(pB)) - 2 asin(sqrt(pA)) and the test the
// two-sided z-test, as statsmodels' NormalIndPower with proportion_effectsize computes them. The treatment arm
// has `ratio` times the control arm's size.
namespace bidlab::stats {

struct PlanningInputs
{
    double baseline = 0.05; // control rate pA
    double alpha = 0.05;
    double power = 0.8;
    double ratio = 1.0; // nB / nA
};

double cohensH(double pA, double pB);

// Power of the test with nA control units and nA * ratio treatment units when the true rates are pA and pB.
double powerOfTest(double pA, double pB, double nA, double alpha, double ratio = 1.0);

// Control-arm units that reach the requested power for a treatment rate pB (solved to 1e-12 relative; round
// up for a plan). Empty when pB equals the baseline or a rate is outside (0, 1).
std::optional<double> requiredSampleSize(const PlanningInputs& inputs, double pB);

// The smallest treatment rate above the baseline that nA control units detect with the requested power
// (the minimum detectable effect, as an absolute rate; the relative lift is pB / pA - 1). Empty when even a
// rate of 1 is not detectable with that many units.
std::optional<double> minimumDetectableRate(const PlanningInputs& inputs, double nA);

} // namespace bidlab::stats
