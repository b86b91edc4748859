// SPDX-License-Identifier: MIT
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

// Histogram binning of dense features for tree growing: each feature's values are cut into at most 256 bins
// by edges between observed values (every distinct value its own bin when there are few, quantiles
// otherwise). A value's bin is the number of edges below it, so "bin <= b" is exactly "x <= edges[b]": a
// split found on bins is a threshold a bidder can apply to the raw prepared value.
namespace bidlab::train {

struct FeatureBins
{
    std::vector<double> edges; // ascending, at most 255

    std::uint8_t bin(double x) const;
};

// Fits the edges of every column from (a deterministic sample of at most sampleRows of) its values.
std::vector<FeatureBins> fitBins(const Eigen::MatrixXd& dense, int maxBins = 256, std::size_t sampleRows = 200'000);

// Bin codes, row-major (rows x features): the few features of one row sit together in memory, which suits
// tree growing that looks at a handful of features of scattered rows.
struct BinnedMatrix
{
    std::vector<std::uint8_t> codes;
    std::size_t rows = 0;
    std::size_t features = 0;

    std::uint8_t at(std::size_t row, std::size_t feature) const { return codes[row * features + feature]; }
};
BinnedMatrix binMatrix(const Eigen::MatrixXd& dense, const std::vector<FeatureBins>& bins);

} // namespace bidlab::train
