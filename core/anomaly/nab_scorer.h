// SPDX-License-Identifier: MIT
#pragma once

#include "core/anomaly/nab_labels.h"

#include <array>
#include <vector>

#include <QString>

// The Numenta Anomaly Benchmark's scoring, as ../shared/data/nab/SCORING.md describes it: window-weighted
// detections through a scaled sigmoid, a probationary period, one global threshold per detector and profile
// found by sweeping every distinct score, and normalisation between the null (0) and perfect (100) detectors.
namespace bidlab::anomaly::nab {

// A cost matrix of config/profiles.json (tnWeight is never used by the score).
struct CostProfile
{
    QString name;
    double tpWeight = 1.0;
    double fnWeight = 1.0;
    double fpWeight = 0.11;
};

// standard, reward_low_FP_rate, reward_low_FN_rate, in that order.
const std::array<CostProfile, 3>& profiles();

// Rows dropped from scoring at the start of a file of `rows` rows: min(floor(0.15 * rows), 750).
qsizetype probationLength(qsizetype rows);

// A(y): 2 * sigmoid(-5y) - 1, and exactly -1 for y > 3.
double scaledSigmoid(double y);

// One scored file: its detector's scores and its labelled windows (row indices).
struct ScoredSeries
{
    std::vector<double> scores;
    std::vector<NabWindow> windows;
};

// What a detection on each row is worth under a profile, and the window it belongs to (-1 outside).
// Probationary rows have weight 0 and window -1; `scorable` says which rows count.
struct RowWeights
{
    qsizetype probation = 0;
    std::vector<double> weight;
    std::vector<int> window;
};
RowWeights rowWeights(qsizetype rows, const std::vector<NabWindow>& windows, const CostProfile& profile);

// The score of files at one threshold (a row is a detection when its score >= threshold).
struct Outcome
{
    double threshold = 1.1;
    double raw = 0.0;
    qsizetype windows = 0;
    qsizetype windowsDetected = 0;
    qsizetype falsePositives = 0; // detected rows outside every window (after probation)
};
Outcome scoreAt(const std::vector<ScoredSeries>& files, const CostProfile& profile, double threshold);

// The threshold that maximises the corpus' raw score, sweeping down from 1.1 through every distinct score;
// on a tie the higher threshold wins.
Outcome optimizeThreshold(const std::vector<ScoredSeries>& files, const CostProfile& profile);

// 100 * (raw - null) / (perfect - null), with perfect = windows * tpWeight and null = -windows * fnWeight.
double normalizedScore(double raw, qsizetype windows, const CostProfile& profile);

} // namespace bidlab::anomaly::nab
