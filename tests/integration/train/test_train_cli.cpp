// SPDX-License-Identifier: MIT
#include "core/bidding/ctr_model.h"
#include "tests/common/test_support.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace bidlab;

// bidlab-cli gen-train, train and tune as a user runs them: real files, real processes.
class TrainCliTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void generateTrainAndLoadTheModel()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("ctr.csv"));
        const QString model = dir.filePath(QStringLiteral("model.json"));
        auto gen = test::runProgram(QStringLiteral(BIDLAB_CLI),
                                    { QStringLiteral("gen-train"), QStringLiteral("--rows"), QStringLiteral("40000"),
                                      QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("-o"), data });
        QCOMPARE(gen.exitCode, 0);
        auto train
            = test::runProgram(QStringLiteral(BIDLAB_CLI),
                               { QStringLiteral("train"), data, QStringLiteral("--json"), QStringLiteral("--quiet"),
                                 QStringLiteral("--hash-bits"), QStringLiteral("10"), QStringLiteral("-o"), model });
        QCOMPARE(train.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(train.out.toUtf8()).object();
        QVERIFY(json.value(QStringLiteral("testAuc")).toDouble()
                > json.value(QStringLiteral("trueAuc")).toDouble() - 0.03);
        const Expected<bidding::CtrModel> loaded = bidding::CtrModel::load(model);
        QVERIFY2(loaded, qPrintable(loaded.error()));
        QVERIFY(loaded->bind(bidding::engineDenseFeatures(), bidding::engineCategoricalFeatures()));
    }
    void badInputGivesAClearMessageAndExitCode()
    {
        QTemporaryDir dir;
        auto missing = test::runProgram(QStringLiteral(BIDLAB_CLI),
                                        { QStringLiteral("train"), dir.filePath(QStringLiteral("absent.csv")) });
        QCOMPARE(missing.exitCode, 3);
        QVERIFY(missing.err.contains(QStringLiteral("absent.csv")));
        auto usage = test::runProgram(
            QStringLiteral(BIDLAB_CLI),
            { QStringLiteral("train"), QStringLiteral("x.csv"), QStringLiteral("--model"), QStringLiteral("svm") });
        QCOMPARE(usage.exitCode, 2);
        QVERIFY(usage.err.contains(QStringLiteral("svm")));
    }
    void criteoSampleTrains()
    {
        const QString path = test::sharedDataPath(QStringLiteral("ctr/criteo_kaggle_dac_1k/train.txt"));
        if (path.isEmpty()) {
            if (test::dataRequired())
                QFAIL("shared data set not found: ctr/criteo_kaggle_dac_1k/train.txt");
            QSKIP("shared data set not found: ctr/criteo_kaggle_dac_1k/train.txt");
        }
        auto train = test::runProgram(QStringLiteral(BIDLAB_CLI),
                                      { QStringLiteral("train"), path, QStringLiteral("--json"),
                                        QStringLiteral("--quiet"), QStringLiteral("--l2"), QStringLiteral("0.01"),
                                        QStringLiteral("--hash-bits"), QStringLiteral("14") });
        QCOMPARE(train.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(train.out.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("testRows")).toInt(), 200);
        QCOMPARE(json.value(QStringLiteral("badRows")).toInt(), 0);
        QVERIFY(json.value(QStringLiteral("testAuc")).toDouble() > 0.6);
    }
    void tuneWritesALeaderboardReport()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("ctr.csv"));
        QCOMPARE(test::runProgram(QStringLiteral(BIDLAB_CLI),
                                  { QStringLiteral("gen-train"), QStringLiteral("--rows"), QStringLiteral("20000"),
                                    QStringLiteral("-o"), data })
                     .exitCode,
                 0);
        const QString report = dir.filePath(QStringLiteral("tune.csv"));
        auto tune
            = test::runProgram(QStringLiteral(BIDLAB_CLI),
                               { QStringLiteral("tune"), data, QStringLiteral("--quiet"), QStringLiteral("--search"),
                                 QStringLiteral("l2=1e-6,1e-3"), QStringLiteral("--hash-bits"), QStringLiteral("8"),
                                 QStringLiteral("--report"), report });
        QCOMPARE(tune.exitCode, 0);
        QFile csv(report);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(csv.readAll());
        QVERIFY(text.startsWith(QStringLiteral("rank,trial,parameters")));
        QCOMPARE(text.count(QStringLiteral("l2=")), 2);
    }
    void benchTrainMeasuresBothModelsOnTheSameRowsAsScikitLearn()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("ctr.csv"));
        QCOMPARE(test::runProgram(QStringLiteral(BIDLAB_CLI),
                                  { QStringLiteral("gen-train"), QStringLiteral("--rows"), QStringLiteral("20000"),
                                    QStringLiteral("--seed"), QStringLiteral("3"), QStringLiteral("-o"), data })
                     .exitCode,
                 0);
        QStringList arguments { QStringLiteral("bench"),   QStringLiteral("train"),   data,
                                QStringLiteral("--json"),  QStringLiteral("--quiet"), QStringLiteral("--repeat"),
                                QStringLiteral("1"),       QStringLiteral("--trees"), QStringLiteral("6"),
                                QStringLiteral("--depth"), QStringLiteral("5"),       QStringLiteral("--hash-bits"),
                                QStringLiteral("14") };
        // scikit-learn's side when it is installed (python3-sklearn): the same rows, so the same true AUC.
        const bool sklearn = test::runProgram(QStringLiteral("/usr/bin/python3"),
                                              { QStringLiteral("-c"), QStringLiteral("import sklearn, pandas") })
                                 .exitCode
            == 0;
        if (sklearn)
            arguments << QStringLiteral("--sklearn")
                      << QStringLiteral(BIDLAB_SOURCE_DIR "/tests/bench/train/sklearn_fit.py");
        const auto bench = test::runProgram(QStringLiteral(BIDLAB_CLI), arguments, 240'000);
        QVERIFY2(bench.exitCode == 0, qPrintable(bench.err));
        const QJsonObject json = QJsonDocument::fromJson(bench.out.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("trainRows")).toInt(), 16000); // the first 80 %, the last 20 % test
        QCOMPARE(json.value(QStringLiteral("testRows")).toInt(), 4000);
        const QJsonArray runs = json.value(QStringLiteral("runs")).toArray();
        QCOMPARE(runs.size(), 4); // logistic and forest, 1 and 2 threads
        for (int k = 0; k < 4; k += 2) {
            const QJsonObject one = runs.at(k).toObject(), two = runs.at(k + 1).toObject();
            QCOMPARE(one.value(QStringLiteral("threads")).toInt(), 1);
            QCOMPARE(two.value(QStringLiteral("threads")).toInt(), 2);
            QVERIFY(one.value(QStringLiteral("fitSecondsMedian")).toDouble() > 0.0);
            // The same model whatever the thread count.
            QCOMPARE(one.value(QStringLiteral("auc")).toDouble(), two.value(QStringLiteral("auc")).toDouble());
        }
        QVERIFY(runs.at(2).toObject().value(QStringLiteral("nodes")).toInt() > 6);
        if (!sklearn)
            QSKIP("python3-sklearn is not installed: scikit-learn's side was not run.");
        const QJsonObject sk = json.value(QStringLiteral("sklearn")).toObject();
        QCOMPARE(sk.value(QStringLiteral("train_rows")).toInt(), 16000);
        QVERIFY(std::abs(sk.value(QStringLiteral("true")).toObject().value(QStringLiteral("auc")).toDouble()
                         - json.value(QStringLiteral("trueAuc")).toDouble())
                < 1e-5);
        // The same regularised problem: the logistic regressions agree closely.
        QVERIFY(std::abs(sk.value(QStringLiteral("lr")).toObject().value(QStringLiteral("auc")).toDouble()
                         - runs.at(0).toObject().value(QStringLiteral("auc")).toDouble())
                < 0.005);
        QVERIFY(sk.value(QStringLiteral("rf")).toObject().contains(QStringLiteral("jobs_2")));
    }
};

BIDLAB_TEST_MAIN_CORE(TrainCliTest)
#include "test_train_cli.moc"
