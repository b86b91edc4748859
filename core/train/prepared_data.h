// SPDX-License-Identifier: MIT
#pragma once

#include "core/bidding/ctr_model.h"
#include "core/train/dataset.h"

#include <Eigen/Core>

// The numbers the learners see: dense features transformed and standardised exactly as a bidder will (the
// model's FeatureSpec), and categorical values already hashed to their buckets.
namespace bidlab::train {

struct PreparedData
{
    Eigen::MatrixXd dense; // rows × dense features, column-major; a missing value becomes 0 (the mean)
    std::vector<std::uint32_t> buckets; // rows × categorical features, row-major: bucket of each value
    int categoricalCount = 0;
    std::vector<std::uint8_t> labels;
    Eigen::VectorXd y; // the labels as 0.0 / 1.0

    std::size_t rows() const { return labels.size(); }
};

// Fits the feature spec on training rows: log1p where asked, then mean and standard deviation (scale 1 for a
// constant feature), and the hashing width for the categorical features. standardise = false keeps mean 0
// and scale 1 (trees do not need it).
bidding::FeatureSpec fitFeatureSpec(const Dataset& data, const QStringList& log1pFeatures, int hashBits,
                                    bool standardise = true);

PreparedData prepare(const Dataset& data, const bidding::FeatureSpec& spec);

// x' = (t(x) - mean) / scale, the transform CtrModel::predict applies; NaN (missing) gives 0.
double prepareValue(const bidding::DenseFeature& feature, double x);

} // namespace bidlab::train
