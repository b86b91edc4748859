// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"

#include <cstdint>
#include <span>
#include <vector>

#include <QJsonObject>
#include <QString>
#include <QStringList>

// CtrModel: the versioned model file that training writes and bidder workers read (DESIGN.md, "seams").
// A model predicts the probability of a click from one request's features: dense numeric features and
// categorical ones, the latter through the hashing trick.
namespace bidlab::bidding {

// The features the engine's bid requests provide, in this order. A model may use any subset of them (by
// name); gen-train writes exactly these columns, so a model trained there can be deployed to the workers.
// Dense, as the seed's RealTimeBiddingSystem._extract_features: age/100, gender is M, interests/10,
// slot width/1000, slot height/1000, above the fold, hour/24, day of week/7, device is mobile.
inline const QStringList& engineDenseFeatures()
{
    static const QStringList names { QStringLiteral("age"),         QStringLiteral("gender_m"),
                                     QStringLiteral("n_interests"), QStringLiteral("slot_w"),
                                     QStringLiteral("slot_h"),      QStringLiteral("above_fold"),
                                     QStringLiteral("hour"),        QStringLiteral("dow"),
                                     QStringLiteral("mobile") };
    return names;
}
// Categorical, as 32-bit ids (interned strings): publisher (domain), region, OS, browser, main interest.
inline const QStringList& engineCategoricalFeatures()
{
    static const QStringList names { QStringLiteral("publisher"), QStringLiteral("region"), QStringLiteral("os"),
                                     QStringLiteral("browser"), QStringLiteral("interest") };
    return names;
}

// How a dense input is prepared before the model sees it: x' = (t(x) - mean) / scale, t = identity or log1p
// of max(x, 0). Fitted by training, applied identically by the bidder.
struct DenseFeature
{
    QString name;
    bool log1p = false;
    double mean = 0.0;
    double scale = 1.0; // never 0
};

struct FeatureSpec
{
    std::vector<DenseFeature> dense;
    QStringList categorical;
    int hashBits = 0; // 2^hashBits buckets shared by all categorical features; 0 when there are none

    std::size_t bucketCount() const { return hashBits > 0 ? std::size_t(1) << hashBits : 0; }
    bool operator==(const FeatureSpec&) const = default;
};

bool operator==(const DenseFeature& a, const DenseFeature& b);

// The hashing trick, fixed here so training and bidding agree bit for bit: bucket of (feature slot, value).
std::uint32_t hashBucket(int categoricalIndex, std::uint32_t value, int hashBits);

// One request's raw features, in the spec's order: dense.size() == spec.dense.size(), same for categorical.
struct FeatureRow
{
    std::span<const double> dense;
    std::span<const std::uint32_t> categorical;
};

// Logistic regression: p = sigmoid(bias + w·x' + sum of the hashed weights of the categorical values).
struct LogisticWeights
{
    double bias = 0.0;
    std::vector<double> dense; // one per dense feature
    std::vector<double> hashed; // bucketCount() entries (stored sparsely in the file)
};

// A binary decision tree over the prepared dense features; leaves hold P(click).
struct TreeNode
{
    std::int32_t feature = -1; // -1 for a leaf
    double threshold = 0.0; // go left when x'[feature] <= threshold
    std::int32_t left = -1;
    std::int32_t right = -1;
    double value = 0.0; // leaf probability
};
using Tree = std::vector<TreeNode>; // node 0 is the root

class CtrModel
{
public:
    static constexpr int kFormatVersion = 1;
    enum class Kind { Logistic, Forest };

    static CtrModel logistic(FeatureSpec spec, LogisticWeights weights);
    static CtrModel forest(FeatureSpec spec, std::vector<Tree> trees);

    // The built-in model of the bidder workers when no file is given: the seed's nine features with a fixed
    // logistic weighting (mean CTR around 1-2 %).
    static CtrModel builtInDefault();

    Kind kind() const { return m_kind; }
    const FeatureSpec& spec() const { return m_spec; }
    const LogisticWeights& logisticWeights() const { return m_logistic; }
    const std::vector<Tree>& trees() const { return m_trees; }

    // P(click) for one row. No allocation: safe on the bidder's hot path.
    double predict(const FeatureRow& row) const;

    // Free-form extras that travel in the file: evaluation metrics and training parameters.
    QJsonObject metrics;
    QJsonObject trainingParameters;

    QJsonObject toJson() const;
    // Validates everything (version, kind, sizes, finite numbers, tree links); errors name the field.
    static Expected<CtrModel> fromJson(const QJsonObject& json);

    Status save(const QString& path) const; // atomic
    static Expected<CtrModel> load(const QString& path);

    // Checks that every feature the model needs is among the available ones, and returns for each of the
    // model's dense and categorical features its index among them (what a bidder uses to fill FeatureRow).
    struct Binding
    {
        std::vector<int> dense;
        std::vector<int> categorical;
    };
    Expected<Binding> bind(const QStringList& availableDense, const QStringList& availableCategorical) const;

private:
    Kind m_kind = Kind::Logistic;
    FeatureSpec m_spec;
    LogisticWeights m_logistic;
    std::vector<Tree> m_trees;
};

} // namespace bidlab::bidding
