// SPDX-License-Identifier: MIT
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include <QString>
#include <QStringList>

// A labelled table of click data in memory, column by column, as loaded from a file or generated.
namespace bidlab::train {

// A categorical value that was absent in the file: it gets a bucket of its own, as any other value.
inline constexpr std::uint32_t kMissingCategory = 0xFFFFFFFFu;

struct Dataset
{
    QStringList denseNames;
    QStringList categoricalNames;
    std::vector<std::vector<double>> dense; // [feature][row]; NaN where the value is missing
    std::vector<std::vector<std::uint32_t>> categorical; // [feature][row]
    std::vector<std::uint8_t> labels; // 0 or 1
    std::vector<double> truth; // the true click probability per row when known (synthetic sets), else empty

    std::size_t rows() const { return labels.size(); }
    bool hasTruth() const { return !truth.empty(); }

    // The rows at `indices`, in that order (a split, a fold, a shuffle).
    Dataset subset(std::span<const std::uint32_t> indices) const;
    // Appends one row; dense and categorical in the names' order.
    void appendRow(std::span<const double> denseValues, std::span<const std::uint32_t> categoricalValues,
                   std::uint8_t label, double truthValue = std::numeric_limits<double>::quiet_NaN());
};

} // namespace bidlab::train
