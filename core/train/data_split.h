// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <vector>

// Seeded train / validation / test splits and k-fold partitions of row indices.
namespace bidlab::train {

struct RowSplit
{
    std::vector<std::uint32_t> train;
    std::vector<std::uint32_t> validation;
    std::vector<std::uint32_t> test;
};

// Shuffles 0..rows-1 with the seed and cuts it: the test share first, then the validation share, the rest
// for training. Shares are clamped so that training keeps at least one row.
RowSplit splitRows(std::size_t rows, double validationShare, double testShare, std::uint64_t seed);

// The first rows train, the last round(testShare * rows) test, no validation: the split a script in another
// language reproduces exactly (benchmarks against scikit-learn on the same rows).
RowSplit splitByPosition(std::size_t rows, double testShare);

// Shuffled rows cut into k folds of near-equal size; fold f is the validation part of round f.
std::vector<std::vector<std::uint32_t>> kFolds(std::size_t rows, int k, std::uint64_t seed);

// All rows of the folds except fold `held`, in fold order.
std::vector<std::uint32_t> allFoldsBut(const std::vector<std::vector<std::uint32_t>>& folds, std::size_t held);

} // namespace bidlab::train
