// SPDX-License-Identifier: MIT
#include "core/train/data_split.h"

#include "core/train/rng.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace bidlab::train {

namespace {

std::vector<std::uint32_t> shuffledRows(std::size_t rows, std::uint64_t seed, std::uint64_t stream)
{
    std::vector<std::uint32_t> order(rows);
    std::iota(order.begin(), order.end(), 0u);
    Rng rng(seed, stream);
    rng.shuffle(order);
    return order;
}

} // namespace

RowSplit splitRows(std::size_t rows, double validationShare, double testShare, std::uint64_t seed)
{
    const std::vector<std::uint32_t> order = shuffledRows(rows, seed, 1);
    auto count = [rows](double share) {
        return static_cast<std::size_t>(std::llround(std::clamp(share, 0.0, 1.0) * double(rows)));
    };
    const std::size_t test = std::min(count(testShare), rows > 0 ? rows - 1 : 0);
    const std::size_t validation = std::min(count(validationShare), rows - test > 0 ? rows - test - 1 : 0);
    RowSplit split;
    split.test.assign(order.begin(), order.begin() + std::ptrdiff_t(test));
    split.validation.assign(order.begin() + std::ptrdiff_t(test), order.begin() + std::ptrdiff_t(test + validation));
    split.train.assign(order.begin() + std::ptrdiff_t(test + validation), order.end());
    return split;
}

RowSplit splitByPosition(std::size_t rows, double testShare)
{
    const auto test = std::min(static_cast<std::size_t>(std::llround(std::clamp(testShare, 0.0, 1.0) * double(rows))),
                               rows > 0 ? rows - 1 : 0);
    RowSplit split;
    split.train.resize(rows - test);
    split.test.resize(test);
    std::iota(split.train.begin(), split.train.end(), 0u);
    std::iota(split.test.begin(), split.test.end(), static_cast<std::uint32_t>(rows - test));
    return split;
}

std::vector<std::vector<std::uint32_t>> kFolds(std::size_t rows, int k, std::uint64_t seed)
{
    const std::vector<std::uint32_t> order = shuffledRows(rows, seed, 2);
    const auto folds = static_cast<std::size_t>(std::max(k, 1));
    std::vector<std::vector<std::uint32_t>> out(folds);
    for (std::size_t f = 0; f < folds; ++f)
        out[f].assign(order.begin() + std::ptrdiff_t(rows * f / folds),
                      order.begin() + std::ptrdiff_t(rows * (f + 1) / folds));
    return out;
}

std::vector<std::uint32_t> allFoldsBut(const std::vector<std::vector<std::uint32_t>>& folds, std::size_t held)
{
    std::vector<std::uint32_t> out;
    for (std::size_t f = 0; f < folds.size(); ++f) {
        if (f != held)
            out.insert(out.end(), folds[f].begin(), folds[f].end());
    }
    return out;
}

} // namespace bidlab::train
