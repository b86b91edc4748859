// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

// How well predicted click probabilities rank and fit the observed clicks.
namespace bidlab::train {

// Exact ROC AUC: the probability that a random positive scores above a random negative, ties counting one
// half (the Mann-Whitney U statistic). Empty when one class is absent.
std::optional<double> rocAuc(std::span<const double> scores, std::span<const std::uint8_t> labels);

// Mean negative log-likelihood, probabilities clipped to [1e-15, 1 - 1e-15] as scikit-learn does. Empty for no
// rows.
std::optional<double> logLoss(std::span<const double> probabilities, std::span<const std::uint8_t> labels);

struct RocPoint
{
    double falsePositiveRate = 0.0;
    double truePositiveRate = 0.0;
};
// The ROC curve at every distinct score (tied scores are one step), from (0,0) to (1,1), thinned to at most
// maxPoints points spread along the curve.
std::vector<RocPoint> rocCurve(std::span<const double> scores, std::span<const std::uint8_t> labels,
                               std::size_t maxPoints = 200);

// Reliability bins: rows grouped by predicted probability into equal-count bins (so that a rare-click model
// still fills every bin), each with its mean prediction and observed click rate.
struct CalibrationBin
{
    double meanPredicted = 0.0;
    double observedRate = 0.0;
    std::int64_t rows = 0;
};
std::vector<CalibrationBin> calibrationBins(std::span<const double> probabilities, std::span<const std::uint8_t> labels,
                                            int bins = 10);

// Among the k highest scores (ties broken by row order): the share of clicks (precision) and the share of all
// clicks caught (recall; empty without clicks).
struct PrecisionRecall
{
    std::int64_t k = 0;
    double precision = 0.0;
    std::optional<double> recall;
};
PrecisionRecall precisionRecallAtK(std::span<const double> scores, std::span<const std::uint8_t> labels,
                                   std::int64_t k);

// The summary a trained model carries: test AUC and log loss, base rate, and precision/recall at 1 % and 10 %.
struct Evaluation
{
    std::int64_t rows = 0;
    std::int64_t positives = 0;
    std::optional<double> auc;
    std::optional<double> logLoss;
    std::vector<CalibrationBin> calibration;
    std::vector<RocPoint> roc;
    std::vector<PrecisionRecall> atK;
};
Evaluation evaluate(std::span<const double> probabilities, std::span<const std::uint8_t> labels);

} // namespace bidlab::train
