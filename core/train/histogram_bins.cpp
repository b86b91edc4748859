// SPDX-License-Identifier: MIT
#include "core/train/histogram_bins.h"

#include <algorithm>

namespace bidlab::train {

std::uint8_t FeatureBins::bin(double x) const
{
    return static_cast<std::uint8_t>(std::lower_bound(edges.begin(), edges.end(), x) - edges.begin());
}

std::vector<FeatureBins> fitBins(const Eigen::MatrixXd& dense, int maxBins, std::size_t sampleRows)
{
    const auto rows = static_cast<std::size_t>(dense.rows());
    const std::size_t stride = std::max<std::size_t>(1, rows / std::max<std::size_t>(1, sampleRows));
    const auto bins = static_cast<std::size_t>(std::clamp(maxBins, 2, 256));
    std::vector<FeatureBins> out(static_cast<std::size_t>(dense.cols()));
    std::vector<double> values;
    for (Eigen::Index f = 0; f < dense.cols(); ++f) {
        values.clear();
        for (std::size_t i = 0; i < rows; i += stride)
            values.push_back(dense(Eigen::Index(i), f));
        std::sort(values.begin(), values.end());
        std::vector<double> distinct = values;
        distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
        std::vector<double>& edges = out[std::size_t(f)].edges;
        if (distinct.size() <= bins) { // one bin per value: the splits are exact
            for (std::size_t k = 1; k < distinct.size(); ++k)
                edges.push_back(0.5 * (distinct[k - 1] + distinct[k]));
            continue;
        }
        for (std::size_t k = 1; k < bins; ++k) { // quantiles, each edge between two observed values
            const std::size_t at = values.size() * k / bins;
            const auto upper = std::upper_bound(distinct.begin(), distinct.end(), values[at - 1]);
            if (upper == distinct.end())
                break;
            const double edge = 0.5 * (*(upper - 1) + *upper);
            if (edges.empty() || edge > edges.back())
                edges.push_back(edge);
        }
    }
    return out;
}

BinnedMatrix binMatrix(const Eigen::MatrixXd& dense, const std::vector<FeatureBins>& bins)
{
    BinnedMatrix out;
    out.rows = static_cast<std::size_t>(dense.rows());
    out.features = static_cast<std::size_t>(dense.cols());
    out.codes.resize(out.rows * out.features);
    for (std::size_t f = 0; f < out.features; ++f) {
        for (std::size_t i = 0; i < out.rows; ++i)
            out.codes[i * out.features + f] = bins[f].bin(dense(Eigen::Index(i), Eigen::Index(f)));
    }
    return out;
}

} // namespace bidlab::train
