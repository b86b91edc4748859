// SPDX-License-Identifier: MIT
#include "core/anomaly/nab_scorer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bidlab::anomaly::nab {

const std::array<CostProfile, 3>& profiles()
{
    static const std::array<CostProfile, 3> all { {
        { QStringLiteral("standard"), 1.0, 1.0, 0.11 },
        { QStringLiteral("reward_low_FP_rate"), 1.0, 1.0, 0.22 },
        { QStringLiteral("reward_low_FN_rate"), 1.0, 2.0, 0.11 },
    } };
    return all;
}

qsizetype probationLength(qsizetype rows)
{
    return std::min<qsizetype>(static_cast<qsizetype>(std::floor(0.15 * static_cast<double>(rows))), 750);
}

double scaledSigmoid(double y)
{
    if (y > 3.0)
        return -1.0;
    return 2.0 / (1.0 + std::exp(5.0 * y)) - 1.0;
}

RowWeights rowWeights(qsizetype rows, const std::vector<NabWindow>& windows, const CostProfile& profile)
{
    RowWeights result;
    result.probation = probationLength(rows);
    result.weight.assign(static_cast<std::size_t>(rows), 0.0);
    result.window.assign(static_cast<std::size_t>(rows), -1);
    const double maxTp = scaledSigmoid(-1.0);
    std::vector<NabWindow> ordered = windows;
    std::sort(ordered.begin(), ordered.end(), [](const NabWindow& a, const NabWindow& b) { return a.first < b.first; });
    auto indexOf = [&](const NabWindow& w) {
        return static_cast<int>(std::find(windows.begin(), windows.end(), w) - windows.begin());
    };
    std::size_t next = 0; // the first window not yet passed
    const NabWindow* previous = nullptr;
    for (qsizetype i = 0; i < rows; ++i) {
        while (next < ordered.size() && ordered[next].last < i)
            previous = &ordered[next++];
        if (i < result.probation)
            continue;
        auto& weight = result.weight[static_cast<std::size_t>(i)];
        if (next < ordered.size() && ordered[next].first <= i) {
            const NabWindow& w = ordered[next];
            const double position = -static_cast<double>(w.last - i + 1) / static_cast<double>(w.width());
            weight = scaledSigmoid(position) * profile.tpWeight / maxTp;
            result.window[static_cast<std::size_t>(i)] = indexOf(w);
        } else if (!previous) {
            weight = -profile.fpWeight;
        } else {
            const double span = static_cast<double>(previous->last - previous->first);
            const double distance = static_cast<double>(i - previous->last);
            const double position = span > 0 ? distance / span : std::numeric_limits<double>::infinity();
            weight = scaledSigmoid(position) * profile.fpWeight;
        }
    }
    return result;
}

namespace {

// Incremental corpus score: windows start missed; a detection in a window replaces the miss by the best
// weight seen in it; every detection outside windows adds its (negative) weight.
class Tally
{
public:
    Tally(qsizetype windows, const CostProfile& profile)
        : m_best(static_cast<std::size_t>(windows), std::numeric_limits<double>::quiet_NaN())
        , m_fnWeight(profile.fnWeight)
    {
        m_outcome.windows = windows;
        m_outcome.raw = -profile.fnWeight * static_cast<double>(windows);
    }

    void detect(int window, double weight)
    {
        if (window < 0) {
            m_outcome.raw += weight;
            ++m_outcome.falsePositives;
            return;
        }
        double& best = m_best[static_cast<std::size_t>(window)];
        if (std::isnan(best)) {
            m_outcome.raw += m_fnWeight + weight;
            best = weight;
            ++m_outcome.windowsDetected;
        } else if (weight > best) {
            m_outcome.raw += weight - best;
            best = weight;
        }
    }

    Outcome& outcome() { return m_outcome; }

private:
    std::vector<double> m_best;
    double m_fnWeight;
    Outcome m_outcome;
};

struct Row
{
    double score;
    double weight;
    int window; // corpus-wide window index, -1 outside
};

std::vector<Row> scorableRows(const std::vector<ScoredSeries>& files, const CostProfile& profile, qsizetype* windows)
{
    std::vector<Row> rows;
    *windows = 0;
    for (const ScoredSeries& file : files) {
        const auto n = static_cast<qsizetype>(file.scores.size());
        const RowWeights weights = rowWeights(n, file.windows, profile);
        for (qsizetype i = weights.probation; i < n; ++i) {
            const auto k = static_cast<std::size_t>(i);
            const int window = weights.window[k] < 0 ? -1 : static_cast<int>(*windows) + weights.window[k];
            rows.push_back({ file.scores[k], weights.weight[k], window });
        }
        *windows += static_cast<qsizetype>(file.windows.size());
    }
    return rows;
}

} // namespace

Outcome scoreAt(const std::vector<ScoredSeries>& files, const CostProfile& profile, double threshold)
{
    qsizetype windows = 0;
    const std::vector<Row> rows = scorableRows(files, profile, &windows);
    Tally tally(windows, profile);
    for (const Row& row : rows) {
        if (row.score >= threshold)
            tally.detect(row.window, row.weight);
    }
    tally.outcome().threshold = threshold;
    return tally.outcome();
}

Outcome optimizeThreshold(const std::vector<ScoredSeries>& files, const CostProfile& profile)
{
    qsizetype windows = 0;
    std::vector<Row> rows = scorableRows(files, profile, &windows);
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.score > b.score; });
    Tally tally(windows, profile);
    Outcome best = tally.outcome();
    best.threshold = 1.1;
    for (std::size_t i = 0; i < rows.size();) {
        const double threshold = rows[i].score;
        for (; i < rows.size() && rows[i].score == threshold; ++i)
            tally.detect(rows[i].window, rows[i].weight);
        if (tally.outcome().raw > best.raw) {
            best = tally.outcome();
            best.threshold = threshold;
        }
    }
    return best;
}

double normalizedScore(double raw, qsizetype windows, const CostProfile& profile)
{
    const double perfect = static_cast<double>(windows) * profile.tpWeight;
    const double null = -static_cast<double>(windows) * profile.fnWeight;
    if (perfect == null)
        return 0.0;
    return 100.0 * (raw - null) / (perfect - null);
}

} // namespace bidlab::anomaly::nab
