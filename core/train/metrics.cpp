// SPDX-License-Identifier: MIT
#include "core/train/metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace bidlab::train {

namespace {

// Row indices ordered by descending score; ties keep row order (stable), so results are reproducible.
std::vector<std::uint32_t> descendingOrder(std::span<const double> scores)
{
    std::vector<std::uint32_t> order(scores.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return scores[a] > scores[b]; });
    return order;
}

std::int64_t countPositives(std::span<const std::uint8_t> labels)
{
    return std::count_if(labels.begin(), labels.end(), [](std::uint8_t y) { return y != 0; });
}

} // namespace

std::optional<double> rocAuc(std::span<const double> scores, std::span<const std::uint8_t> labels)
{
    const std::int64_t positives = countPositives(labels);
    const auto negatives = static_cast<std::int64_t>(labels.size()) - positives;
    if (positives == 0 || negatives == 0 || scores.size() != labels.size())
        return std::nullopt;
    // Walk groups of equal scores from the top: each negative in a group beats none of the positives above
    // it, and ties with the group's positives count one half.
    const std::vector<std::uint32_t> order = descendingOrder(scores);
    double wins = 0.0; // pairs (positive, negative) with the positive ranked higher, ties as 0.5
    std::int64_t positivesAbove = 0;
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        std::int64_t groupPositives = 0, groupNegatives = 0;
        while (j < order.size() && scores[order[j]] == scores[order[i]]) {
            (labels[order[j]] ? groupPositives : groupNegatives) += 1;
            ++j;
        }
        wins += static_cast<double>(groupNegatives) * (static_cast<double>(positivesAbove) + 0.5 * groupPositives);
        positivesAbove += groupPositives;
        i = j;
    }
    return wins / (static_cast<double>(positives) * static_cast<double>(negatives));
}

std::optional<double> logLoss(std::span<const double> probabilities, std::span<const std::uint8_t> labels)
{
    if (probabilities.empty() || probabilities.size() != labels.size())
        return std::nullopt;
    constexpr double eps = 1e-15;
    double sum = 0.0;
    for (std::size_t i = 0; i < probabilities.size(); ++i) {
        const double p = std::clamp(probabilities[i], eps, 1.0 - eps);
        sum -= labels[i] ? std::log(p) : std::log1p(-p);
    }
    return sum / static_cast<double>(probabilities.size());
}

std::vector<RocPoint> rocCurve(std::span<const double> scores, std::span<const std::uint8_t> labels,
                               std::size_t maxPoints)
{
    const std::int64_t positives = countPositives(labels);
    const auto negatives = static_cast<std::int64_t>(labels.size()) - positives;
    if (positives == 0 || negatives == 0)
        return {};
    const std::vector<std::uint32_t> order = descendingOrder(scores);
    std::vector<RocPoint> curve { { 0.0, 0.0 } };
    std::int64_t tp = 0, fp = 0;
    for (std::size_t i = 0; i < order.size(); ++i) {
        (labels[order[i]] ? tp : fp) += 1;
        const bool groupEnds = i + 1 == order.size() || scores[order[i + 1]] != scores[order[i]];
        if (groupEnds)
            curve.push_back({ double(fp) / double(negatives), double(tp) / double(positives) });
    }
    if (curve.size() <= maxPoints || maxPoints < 2)
        return curve;
    std::vector<RocPoint> thinned;
    thinned.reserve(maxPoints);
    for (std::size_t k = 0; k < maxPoints; ++k)
        thinned.push_back(curve[k * (curve.size() - 1) / (maxPoints - 1)]);
    return thinned;
}

std::vector<CalibrationBin> calibrationBins(std::span<const double> probabilities, std::span<const std::uint8_t> labels,
                                            int bins)
{
    std::vector<CalibrationBin> out;
    if (probabilities.empty() || bins < 1)
        return out;
    std::vector<std::uint32_t> order = descendingOrder(probabilities);
    std::reverse(order.begin(), order.end()); // ascending: bin 0 holds the lowest predictions
    const std::size_t n = order.size();
    for (int b = 0; b < bins; ++b) {
        const std::size_t from = n * static_cast<std::size_t>(b) / static_cast<std::size_t>(bins);
        const std::size_t to = n * static_cast<std::size_t>(b + 1) / static_cast<std::size_t>(bins);
        if (from == to)
            continue;
        double predicted = 0.0, clicks = 0.0;
        for (std::size_t i = from; i < to; ++i) {
            predicted += probabilities[order[i]];
            clicks += labels[order[i]] ? 1.0 : 0.0;
        }
        const auto rows = static_cast<double>(to - from);
        out.push_back({ predicted / rows, clicks / rows, static_cast<std::int64_t>(to - from) });
    }
    return out;
}

PrecisionRecall precisionRecallAtK(std::span<const double> scores, std::span<const std::uint8_t> labels, std::int64_t k)
{
    PrecisionRecall result;
    result.k = std::clamp<std::int64_t>(k, 0, static_cast<std::int64_t>(scores.size()));
    if (result.k == 0)
        return result;
    const std::vector<std::uint32_t> order = descendingOrder(scores);
    std::int64_t hits = 0;
    for (std::int64_t i = 0; i < result.k; ++i)
        hits += labels[order[static_cast<std::size_t>(i)]] ? 1 : 0;
    result.precision = double(hits) / double(result.k);
    if (const std::int64_t positives = countPositives(labels); positives > 0)
        result.recall = double(hits) / double(positives);
    return result;
}

Evaluation evaluate(std::span<const double> probabilities, std::span<const std::uint8_t> labels)
{
    Evaluation e;
    e.rows = static_cast<std::int64_t>(labels.size());
    e.positives = countPositives(labels);
    e.auc = rocAuc(probabilities, labels);
    e.logLoss = logLoss(probabilities, labels);
    e.calibration = calibrationBins(probabilities, labels, 10);
    e.roc = rocCurve(probabilities, labels);
    for (const double share : { 0.01, 0.1 }) {
        const auto k = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::llround(share * double(e.rows))));
        if (e.rows > 0)
            e.atK.push_back(precisionRecallAtK(probabilities, labels, k));
    }
    return e;
}

} // namespace bidlab::train
