// SPDX-License-Identifier: MIT
#include "core/bidding/ctr_model.h"
#include "tests/common/test_support.h"

#include <cmath>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

using namespace bidlab;
using namespace bidlab::bidding;

namespace {

FeatureSpec smallSpec()
{
    FeatureSpec spec;
    spec.dense = { { QStringLiteral("age"), false, 0.4, 0.1 }, { QStringLiteral("hour"), true, 1.0, 2.0 } };
    spec.categorical = { QStringLiteral("publisher"), QStringLiteral("os") };
    spec.hashBits = 4;
    return spec;
}

CtrModel smallLogistic()
{
    LogisticWeights w;
    w.bias = -3.0;
    w.dense = { 0.5, -0.25 };
    w.hashed.assign(16, 0.0);
    w.hashed[hashBucket(0, 7, 4)] = 0.75;
    w.hashed[hashBucket(1, 3, 4)] = -0.5;
    return CtrModel::logistic(smallSpec(), w);
}

QJsonObject mutated(const CtrModel& model, const std::function<void(QJsonObject&)>& edit)
{
    QJsonObject json = model.toJson();
    edit(json);
    return json;
}

} // namespace

class CtrModelTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void logisticPrediction()
    {
        const CtrModel model = smallLogistic();
        const double dense[] = { 0.5, 3.0 };
        const std::uint32_t cats[] = { 7, 3 };
        double z = -3.0 + 0.5 * (0.5 - 0.4) / 0.1 - 0.25 * (std::log1p(3.0) - 1.0) / 2.0;
        if (hashBucket(0, 7, 4) != hashBucket(1, 3, 4))
            z += 0.75 - 0.5;
        else
            z += -0.5; // same bucket: the later weight won
        QCOMPARE(model.predict({ dense, cats }), 1.0 / (1.0 + std::exp(-z)));
    }
    void defaultModelIsTheSeedWorld()
    {
        const CtrModel model = CtrModel::builtInDefault();
        QCOMPARE(model.spec().dense.size(), std::size_t(9));
        const double zeros[9] = {};
        QCOMPARE(model.predict({ zeros, {} }), 1.0 / (1.0 + std::exp(5.3065)));
    }
    void hashBucketIsStableAndInRange()
    {
        QCOMPARE(hashBucket(0, 0, 20), hashBucket(0, 0, 20));
        QVERIFY(hashBucket(0, 1, 20) != hashBucket(1, 1, 20));
        for (std::uint32_t v = 0; v < 1000; ++v)
            QVERIFY(hashBucket(3, v, 10) < 1024u);
    }
    void forestPrediction()
    {
        FeatureSpec spec;
        spec.dense = { { QStringLiteral("age"), false, 0.0, 1.0 } };
        Tree stump { { 0, 0.5, 1, 2, 0.0 }, { -1, 0, -1, -1, 0.1 }, { -1, 0, -1, -1, 0.3 } };
        Tree leaf { { -1, 0, -1, -1, 0.2 } };
        const CtrModel model = CtrModel::forest(spec, { stump, leaf });
        const double low[] = { 0.4 };
        const double high[] = { 0.6 };
        QCOMPARE(model.predict({ low, {} }), 0.15);
        QCOMPARE(model.predict({ high, {} }), 0.25);
    }
    void fileRoundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("m.json"));
        CtrModel model = smallLogistic();
        model.metrics.insert(QStringLiteral("auc"), 0.71);
        QVERIFY(model.save(path).ok());
        const Expected<CtrModel> loaded = CtrModel::load(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QVERIFY(loaded->spec() == model.spec());
        QCOMPARE(loaded->logisticWeights().hashed, model.logisticWeights().hashed);
        QCOMPARE(loaded->metrics.value(QStringLiteral("auc")).toDouble(), 0.71);
    }
    void rejectsBadFiles_data()
    {
        QTest::addColumn<QJsonObject>("json");
        QTest::addColumn<QString>("mentions");
        const CtrModel m = smallLogistic();
        QTest::addRow("version") << mutated(m, [](QJsonObject& j) { j[QStringLiteral("version")] = 99; })
                                 << "version 99";
        QTest::addRow("format") << mutated(m, [](QJsonObject& j) { j.remove(QStringLiteral("format")); })
                                << "not a BidLab";
        QTest::addRow("kind") << mutated(m, [](QJsonObject& j) { j[QStringLiteral("kind")] = QStringLiteral("svm"); })
                              << "\"svm\"";
        QTest::addRow("weights count") << mutated(m, [](QJsonObject& j) {
            QJsonObject l = j[QStringLiteral("logistic")].toObject();
            l[QStringLiteral("dense")] = QJsonArray { 1.0 };
            j[QStringLiteral("logistic")] = l;
        }) << "logistic.dense";
        QTest::addRow("bucket range") << mutated(m, [](QJsonObject& j) {
            QJsonObject l = j[QStringLiteral("logistic")].toObject();
            l[QStringLiteral("hashed")] = QJsonArray { QJsonArray { 16, 1.0 } };
            j[QStringLiteral("logistic")] = l;
        }) << "logistic.hashed[0]";
        QTest::addRow("zero scale") << mutated(m, [](QJsonObject& j) {
            QJsonObject f = j[QStringLiteral("features")].toObject();
            QJsonArray d = f[QStringLiteral("dense")].toArray();
            QJsonObject first = d[0].toObject();
            first[QStringLiteral("scale")] = 0;
            d[0] = first;
            f[QStringLiteral("dense")] = d;
            j[QStringLiteral("features")] = f;
        }) << "features.dense[0].scale";
        FeatureSpec spec;
        spec.dense = { { QStringLiteral("age"), false, 0.0, 1.0 } };
        const CtrModel cyclic = CtrModel::forest(spec, { Tree { { 0, 0.5, 0, 0, 0.0 } } });
        QTest::addRow("tree cycle") << cyclic.toJson() << "forest.trees[0][0]";
    }
    void rejectsBadFiles()
    {
        QFETCH(QJsonObject, json);
        QFETCH(QString, mentions);
        const Expected<CtrModel> model = CtrModel::fromJson(json);
        QVERIFY(!model.ok());
        QVERIFY2(model.error().contains(mentions), qPrintable(model.error()));
    }
    void unreadableAndTruncatedFiles()
    {
        QVERIFY(CtrModel::load(QStringLiteral("/nonexistent/model.json"))
                    .error()
                    .contains(QStringLiteral("/nonexistent/model.json")));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cut.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(smallLogistic().toJson()).toJson().left(40));
        file.close();
        const auto model = CtrModel::load(path);
        QVERIFY(!model.ok());
        QVERIFY2(model.error().contains(QStringLiteral("not valid JSON")), qPrintable(model.error()));
    }
    void bindingChecksFeatureNames()
    {
        const CtrModel model = smallLogistic();
        auto ok = model.bind(engineDenseFeatures(), engineCategoricalFeatures());
        QVERIFY2(ok.ok(), qPrintable(ok.error()));
        QCOMPARE(ok->dense, (std::vector<int> { 0, 6 }));
        QCOMPARE(ok->categorical, (std::vector<int> { 0, 2 }));
        auto missing = model.bind({ QStringLiteral("age") }, engineCategoricalFeatures());
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().contains(QStringLiteral("'hour'")));
    }
};

BIDLAB_TEST_MAIN_CORE(CtrModelTest)
#include "test_ctr_model.moc"
