// SPDX-License-Identifier: MIT
#include "core/bidding/ctr_model.h"

#include "core/common/atomic_file.h"

#include <cmath>

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace bidlab::bidding {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("CtrModel", text);
}

double sigmoid(double z)
{
    return 1.0 / (1.0 + std::exp(-z));
}

double prepared(const DenseFeature& f, double x)
{
    const double t = f.log1p ? std::log1p(std::max(x, 0.0)) : x;
    return (t - f.mean) / f.scale;
}

QString kindName(CtrModel::Kind kind)
{
    return kind == CtrModel::Kind::Logistic ? QStringLiteral("logistic") : QStringLiteral("forest");
}

// Reads a finite number at `path` (for messages) or reports which field is wrong.
bool readNumber(const QJsonValue& value, const QString& path, double* out, QString* error)
{
    if (!value.isDouble() || !std::isfinite(value.toDouble())) {
        *error = tr("'%1' must be a finite number.").arg(path);
        return false;
    }
    *out = value.toDouble();
    return true;
}

Expected<FeatureSpec> specFromJson(const QJsonObject& json)
{
    FeatureSpec spec;
    QString error;
    const QJsonArray dense = json.value(QStringLiteral("dense")).toArray();
    for (qsizetype i = 0; i < dense.size(); ++i) {
        const QJsonObject f = dense.at(i).toObject();
        const QString at = QStringLiteral("features.dense[%1]").arg(i);
        DenseFeature feature;
        feature.name = f.value(QStringLiteral("name")).toString();
        if (feature.name.isEmpty())
            return Error { tr("'%1.name' is missing.").arg(at) };
        feature.log1p = f.value(QStringLiteral("transform")).toString() == QLatin1String("log1p");
        if (!readNumber(f.value(QStringLiteral("mean")), at + QStringLiteral(".mean"), &feature.mean, &error)
            || !readNumber(f.value(QStringLiteral("scale")), at + QStringLiteral(".scale"), &feature.scale, &error))
            return Error { error };
        if (feature.scale == 0.0)
            return Error { tr("'%1.scale' must not be 0.").arg(at) };
        spec.dense.push_back(feature);
    }
    for (const QJsonValue& name : json.value(QStringLiteral("categorical")).toArray())
        spec.categorical << name.toString();
    spec.hashBits = json.value(QStringLiteral("hashBits")).toInt(0);
    if (spec.hashBits < 0 || spec.hashBits > 28)
        return Error { tr("'features.hashBits' must be between 0 and 28.") };
    if (!spec.categorical.isEmpty() && spec.hashBits == 0)
        return Error { tr("'features.hashBits' must be set when there are categorical features.") };
    if (spec.dense.empty() && spec.categorical.isEmpty())
        return Error { tr("'features' lists no feature.") };
    return spec;
}

QJsonObject specToJson(const FeatureSpec& spec)
{
    QJsonArray dense;
    for (const DenseFeature& f : spec.dense) {
        dense.append(
            QJsonObject { { QStringLiteral("name"), f.name },
                          { QStringLiteral("transform"), f.log1p ? QStringLiteral("log1p") : QStringLiteral("none") },
                          { QStringLiteral("mean"), f.mean },
                          { QStringLiteral("scale"), f.scale } });
    }
    return { { QStringLiteral("dense"), dense },
             { QStringLiteral("categorical"), QJsonArray::fromStringList(spec.categorical) },
             { QStringLiteral("hashBits"), spec.hashBits } };
}

Expected<LogisticWeights> logisticFromJson(const QJsonObject& json, const FeatureSpec& spec)
{
    LogisticWeights w;
    QString error;
    if (!readNumber(json.value(QStringLiteral("bias")), QStringLiteral("logistic.bias"), &w.bias, &error))
        return Error { error };
    const QJsonArray dense = json.value(QStringLiteral("dense")).toArray();
    if (static_cast<std::size_t>(dense.size()) != spec.dense.size())
        return Error {
            tr("'logistic.dense' has %1 weights for %2 dense features.").arg(dense.size()).arg(spec.dense.size())
        };
    for (qsizetype i = 0; i < dense.size(); ++i) {
        double v = 0;
        if (!readNumber(dense.at(i), QStringLiteral("logistic.dense[%1]").arg(i), &v, &error))
            return Error { error };
        w.dense.push_back(v);
    }
    w.hashed.assign(spec.bucketCount(), 0.0);
    const QJsonArray hashed = json.value(QStringLiteral("hashed")).toArray(); // [[bucket, weight], ...]
    for (qsizetype i = 0; i < hashed.size(); ++i) {
        const QJsonArray pair = hashed.at(i).toArray();
        const qint64 bucket = pair.at(0).toInteger(-1);
        double v = 0;
        if (pair.size() != 2 || bucket < 0 || static_cast<std::size_t>(bucket) >= w.hashed.size())
            return Error {
                tr("'logistic.hashed[%1]' must be [bucket, weight] with bucket below %2.").arg(i).arg(w.hashed.size())
            };
        if (!readNumber(pair.at(1), QStringLiteral("logistic.hashed[%1][1]").arg(i), &v, &error))
            return Error { error };
        w.hashed[static_cast<std::size_t>(bucket)] = v;
    }
    return w;
}

Expected<Tree> treeFromJson(const QJsonArray& nodes, qsizetype index, std::size_t denseCount)
{
    Tree tree;
    QString error;
    const QString at = QStringLiteral("forest.trees[%1]").arg(index);
    if (nodes.isEmpty())
        return Error { tr("'%1' has no node.").arg(at) };
    for (qsizetype n = 0; n < nodes.size(); ++n) {
        const QJsonArray a = nodes.at(n).toArray(); // [feature, threshold, left, right, value]
        const QString nodeAt = QStringLiteral("%1[%2]").arg(at).arg(n);
        if (a.size() != 5)
            return Error { tr("'%1' must be [feature, threshold, left, right, value].").arg(nodeAt) };
        TreeNode node;
        node.feature = a.at(0).toInt(-2);
        node.left = a.at(2).toInt(-2);
        node.right = a.at(3).toInt(-2);
        if (!readNumber(a.at(1), nodeAt + QStringLiteral(".threshold"), &node.threshold, &error)
            || !readNumber(a.at(4), nodeAt + QStringLiteral(".value"), &node.value, &error))
            return Error { error };
        const bool leaf = node.feature == -1;
        const bool linksOk = leaf
            ? (node.left == -1 && node.right == -1)
            : (node.left > n && node.right > n && node.left < nodes.size() && node.right < nodes.size());
        if (!leaf && (node.feature < 0 || static_cast<std::size_t>(node.feature) >= denseCount))
            return Error { tr("'%1' splits on feature %2, but the model has %3 dense features.")
                               .arg(nodeAt)
                               .arg(node.feature)
                               .arg(denseCount) };
        if (!linksOk) // children after their parent: no cycles, and every walk ends
            return Error { tr("'%1' has invalid child links.").arg(nodeAt) };
        if (leaf && (node.value < 0.0 || node.value > 1.0))
            return Error { tr("'%1' leaf value must be a probability.").arg(nodeAt) };
        tree.push_back(node);
    }
    return tree;
}

} // namespace

bool operator==(const DenseFeature& a, const DenseFeature& b)
{
    return a.name == b.name && a.log1p == b.log1p && a.mean == b.mean && a.scale == b.scale;
}

std::uint32_t hashBucket(int categoricalIndex, std::uint32_t value, int hashBits)
{
    // splitmix64 finaliser over (slot, value): well mixed, cheap, and the same on every platform.
    std::uint64_t z = (static_cast<std::uint64_t>(static_cast<std::uint32_t>(categoricalIndex)) << 32) | value;
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return static_cast<std::uint32_t>(z >> (64 - hashBits));
}

CtrModel CtrModel::logistic(FeatureSpec spec, LogisticWeights weights)
{
    CtrModel model;
    model.m_kind = Kind::Logistic;
    weights.hashed.resize(spec.bucketCount(), 0.0);
    model.m_spec = std::move(spec);
    model.m_logistic = std::move(weights);
    return model;
}

CtrModel CtrModel::forest(FeatureSpec spec, std::vector<Tree> trees)
{
    CtrModel model;
    model.m_kind = Kind::Forest;
    model.m_spec = std::move(spec);
    model.m_trees = std::move(trees);
    return model;
}

CtrModel CtrModel::builtInDefault()
{
    FeatureSpec spec;
    for (const QString& name : engineDenseFeatures())
        spec.dense.push_back({ name, false, 0.0, 1.0 });
    // The seed-shaped synthetic world's weights (the peers' seed_train.py): mean CTR about 2 %.
    LogisticWeights w { -5.3065, { -2.5, 0.3, 3.0, 1.2, -2.0, 0.8, 1.0, -0.5, 0.6 }, {} };
    CtrModel model = logistic(std::move(spec), std::move(w));
    model.trainingParameters.insert(QStringLiteral("source"), QStringLiteral("built-in default"));
    return model;
}

double CtrModel::predict(const FeatureRow& row) const
{
    if (m_kind == Kind::Logistic) {
        double z = m_logistic.bias;
        for (std::size_t i = 0; i < m_spec.dense.size(); ++i)
            z += m_logistic.dense[i] * prepared(m_spec.dense[i], row.dense[i]);
        for (std::size_t c = 0; c < row.categorical.size(); ++c)
            z += m_logistic.hashed[hashBucket(static_cast<int>(c), row.categorical[c], m_spec.hashBits)];
        return sigmoid(z);
    }
    if (m_trees.empty())
        return 0.0;
    double sum = 0.0;
    for (const Tree& tree : m_trees) {
        std::int32_t n = 0;
        while (tree[static_cast<std::size_t>(n)].feature >= 0) {
            const TreeNode& node = tree[static_cast<std::size_t>(n)];
            const auto f = static_cast<std::size_t>(node.feature);
            n = prepared(m_spec.dense[f], row.dense[f]) <= node.threshold ? node.left : node.right;
        }
        sum += tree[static_cast<std::size_t>(n)].value;
    }
    return sum / static_cast<double>(m_trees.size());
}

QJsonObject CtrModel::toJson() const
{
    QJsonObject json { { QStringLiteral("format"), QStringLiteral("bidlab-ctr-model") },
                       { QStringLiteral("version"), kFormatVersion },
                       { QStringLiteral("kind"), kindName(m_kind) },
                       { QStringLiteral("features"), specToJson(m_spec) },
                       { QStringLiteral("metrics"), metrics },
                       { QStringLiteral("training"), trainingParameters } };
    if (m_kind == Kind::Logistic) {
        QJsonArray dense;
        for (double w : m_logistic.dense)
            dense.append(w);
        QJsonArray hashed;
        for (std::size_t b = 0; b < m_logistic.hashed.size(); ++b) {
            if (m_logistic.hashed[b] != 0.0)
                hashed.append(QJsonArray { static_cast<qint64>(b), m_logistic.hashed[b] });
        }
        json.insert(QStringLiteral("logistic"),
                    QJsonObject { { QStringLiteral("bias"), m_logistic.bias },
                                  { QStringLiteral("dense"), dense },
                                  { QStringLiteral("hashed"), hashed } });
    } else {
        QJsonArray trees;
        for (const Tree& tree : m_trees) {
            QJsonArray nodes;
            for (const TreeNode& n : tree)
                nodes.append(QJsonArray { n.feature, n.threshold, n.left, n.right, n.value });
            trees.append(nodes);
        }
        json.insert(QStringLiteral("forest"), QJsonObject { { QStringLiteral("trees"), trees } });
    }
    return json;
}

Expected<CtrModel> CtrModel::fromJson(const QJsonObject& json)
{
    if (json.value(QStringLiteral("format")).toString() != QLatin1String("bidlab-ctr-model"))
        return Error { tr("This is not a BidLab CTR model ('format' is not \"bidlab-ctr-model\").") };
    const int version = json.value(QStringLiteral("version")).toInt(-1);
    if (version != kFormatVersion)
        return Error { tr("Model format version %1 is not supported (this BidLab reads version %2).")
                           .arg(version)
                           .arg(kFormatVersion) };
    Expected<FeatureSpec> spec = specFromJson(json.value(QStringLiteral("features")).toObject());
    if (!spec)
        return Error { spec.error() };
    const QString kind = json.value(QStringLiteral("kind")).toString();
    CtrModel model;
    if (kind == QLatin1String("logistic")) {
        Expected<LogisticWeights> w = logisticFromJson(json.value(QStringLiteral("logistic")).toObject(), *spec);
        if (!w)
            return Error { w.error() };
        model = logistic(std::move(spec).value(), std::move(w).value());
    } else if (kind == QLatin1String("forest")) {
        std::vector<Tree> trees;
        const QJsonArray array
            = json.value(QStringLiteral("forest")).toObject().value(QStringLiteral("trees")).toArray();
        if (array.isEmpty())
            return Error { tr("'forest.trees' is empty.") };
        for (qsizetype t = 0; t < array.size(); ++t) {
            Expected<Tree> tree = treeFromJson(array.at(t).toArray(), t, spec->dense.size());
            if (!tree)
                return Error { tree.error() };
            trees.push_back(std::move(tree).value());
        }
        model = forest(std::move(spec).value(), std::move(trees));
    } else {
        return Error { tr("'kind' must be \"logistic\" or \"forest\", not \"%1\".").arg(kind) };
    }
    model.metrics = json.value(QStringLiteral("metrics")).toObject();
    model.trainingParameters = json.value(QStringLiteral("training")).toObject();
    return model;
}

Status CtrModel::save(const QString& path) const
{
    const QByteArray bytes = QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
    return writeFileAtomically(path, [&bytes](QIODevice& out, QString*) { return out.write(bytes) == bytes.size(); });
}

Expected<CtrModel> CtrModel::load(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error { tr("Cannot read the model file '%1': %2").arg(path, file.errorString()) };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error { tr("The model file '%1' is not valid JSON (at byte %2: %3).")
                           .arg(path)
                           .arg(parseError.offset)
                           .arg(parseError.errorString()) };
    Expected<CtrModel> model = fromJson(doc.object());
    if (!model)
        return Error { tr("The model file '%1' was rejected: %2").arg(path, model.error()) };
    return model;
}

Expected<CtrModel::Binding> CtrModel::bind(const QStringList& availableDense,
                                           const QStringList& availableCategorical) const
{
    Binding binding;
    for (const DenseFeature& f : m_spec.dense) {
        const qsizetype i = availableDense.indexOf(f.name);
        if (i < 0)
            return Error { tr("The model needs the dense feature '%1', which is not available (available: %2).")
                               .arg(f.name, availableDense.join(QStringLiteral(", "))) };
        binding.dense.push_back(static_cast<int>(i));
    }
    for (const QString& name : m_spec.categorical) {
        const qsizetype i = availableCategorical.indexOf(name);
        if (i < 0)
            return Error { tr("The model needs the categorical feature '%1', which is not available (available: %2).")
                               .arg(name, availableCategorical.join(QStringLiteral(", "))) };
        binding.categorical.push_back(static_cast<int>(i));
    }
    return binding;
}

} // namespace bidlab::bidding
