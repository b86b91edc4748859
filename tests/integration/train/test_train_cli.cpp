// SPDX-License-Identifier: MIT
#include "core/bidding/ctr_model.h"
#include "tests/common/test_support.h"

#include <QFile>
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
};

BIDLAB_TEST_MAIN_CORE(TrainCliTest)
#include "test_train_cli.moc"
