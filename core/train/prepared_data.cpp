// SPDX-License-Identifier: MIT
#include "core/train/prepared_data.h"

#include <cmath>

namespace bidlab::train {

namespace {

double transformed(bool log1p, double x)
{
    return log1p ? std::log1p(std::max(x, 0.0)) : x;
}

} // namespace

double prepareValue(const bidding::DenseFeature& feature, double x)
{
    if (std::isnan(x))
        return 0.0;
    return (transformed(feature.log1p, x) - feature.mean) / feature.scale;
}

bidding::FeatureSpec fitFeatureSpec(const Dataset& data, const QStringList& log1pFeatures, int hashBits,
                                    bool standardise)
{
    bidding::FeatureSpec spec;
    for (qsizetype f = 0; f < data.denseNames.size(); ++f) {
        bidding::DenseFeature feature { data.denseNames.at(f), log1pFeatures.contains(data.denseNames.at(f)), 0.0,
                                        1.0 };
        if (standardise) {
            // Welford's running mean and variance over the present values: stable for large counts.
            double mean = 0.0, m2 = 0.0;
            std::int64_t n = 0;
            for (const double x : data.dense[std::size_t(f)]) {
                if (std::isnan(x))
                    continue;
                const double t = transformed(feature.log1p, x);
                ++n;
                const double delta = t - mean;
                mean += delta / double(n);
                m2 += delta * (t - mean);
            }
            const double sd = n > 1 ? std::sqrt(m2 / double(n)) : 0.0;
            feature.mean = mean;
            feature.scale = sd > 1e-12 ? sd : 1.0;
        }
        spec.dense.push_back(feature);
    }
    spec.categorical = data.categoricalNames;
    spec.hashBits = spec.categorical.isEmpty() ? 0 : hashBits;
    return spec;
}

PreparedData prepare(const Dataset& data, const bidding::FeatureSpec& spec)
{
    PreparedData out;
    const auto n = static_cast<Eigen::Index>(data.rows());
    out.dense.resize(n, static_cast<Eigen::Index>(spec.dense.size()));
    for (std::size_t f = 0; f < spec.dense.size(); ++f) {
        const std::vector<double>& column = data.dense[f];
        for (Eigen::Index i = 0; i < n; ++i)
            out.dense(i, Eigen::Index(f)) = prepareValue(spec.dense[f], column[std::size_t(i)]);
    }
    out.categoricalCount = static_cast<int>(spec.categorical.size());
    const auto c = static_cast<std::size_t>(out.categoricalCount);
    out.buckets.resize(data.rows() * c);
    for (std::size_t f = 0; f < c; ++f) {
        for (std::size_t i = 0; i < data.rows(); ++i)
            out.buckets[i * c + f] = bidding::hashBucket(static_cast<int>(f), data.categorical[f][i], spec.hashBits);
    }
    out.labels = data.labels;
    out.y.resize(n);
    for (Eigen::Index i = 0; i < n; ++i)
        out.y(i) = data.labels[std::size_t(i)] ? 1.0 : 0.0;
    return out;
}

} // namespace bidlab::train
