// SPDX-License-Identifier: MIT
#include "core/jobs/job_pool.h"
#include "core/train/data_split.h"
#include "core/train/dataset_loader.h"
#include "core/train/dataset_writer.h"
#include "core/train/hyper_search.h"
#include "core/train/synthetic_ctr.h"
#include "core/train/training_job.h"
#include "tests/common/test_support.h"

#include <QFile>
#include <QTemporaryDir>

using namespace bidlab;
using namespace bidlab::train;

namespace {

QString writeText(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(text);
    return path;
}

} // namespace

class TrainDataTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void criteoSamplePadsMissingTrailingFields()
    {
        // BIDLAB_SHARED_DATA_OR_SKIP does not compile with QT_NO_CAST_FROM_ASCII: the same steps by hand.
        const QString path = test::sharedDataPath(QStringLiteral("ctr/criteo_kaggle_dac_1k/train.txt"));
        if (path.isEmpty()) {
            if (test::dataRequired())
                QFAIL("shared data set not found: ctr/criteo_kaggle_dac_1k/train.txt");
            QSKIP("shared data set not found: ctr/criteo_kaggle_dac_1k/train.txt (set BIDLAB_SHARED_DATA)");
        }
        const Expected<LoadedData> data = loadDataset(path, {});
        QVERIFY2(data, qPrintable(data.error()));
        QCOMPARE(data->data.rows(), std::size_t(1000));
        QCOMPARE(data->badRowCount, std::int64_t(0));
        QCOMPARE(data->data.denseNames.size(), 13);
        QCOMPARE(data->data.categoricalNames.size(), 26);
        QCOMPARE(std::count(data->data.labels.begin(), data->data.labels.end(), 1), 205);
        QVERIFY(std::isnan(data->data.dense[0][1]) || data->data.dense[0][1] >= 0); // I1 may be missing
        QCOMPARE(data->data.dense[0][0], 1.0); // the well-known first row: 0 1 1 5 0 1382 ...
        QCOMPARE(data->data.dense[4][0], 1382.0);
        QCOMPARE(data->log1pFeatures.size(), 13);
    }
    void badRowsAreReportedWithLineAndReason()
    {
        QTemporaryDir dir;
        const QString path
            = writeText(dir, QStringLiteral("bad.csv"), "age,os,click\n0.3,7,1\n0.4,8,2\n0.5,9\nabc,1,0\n0.2,,0\n");
        const Expected<LoadedData> data = loadDataset(path, {});
        QVERIFY2(data, qPrintable(data.error()));
        QCOMPARE(data->data.rows(), std::size_t(2));
        QCOMPARE(data->badRowCount, std::int64_t(3));
        QCOMPARE(data->badRows[0].line, std::int64_t(3));
        QVERIFY(data->badRows[0].reason.contains(QStringLiteral("not 0 or 1")));
        QVERIFY(data->badRows[1].reason.contains(QStringLiteral("2 fields")));
        QVERIFY(data->badRows[2].reason.contains(QStringLiteral("'age' is 'abc'")));
        QCOMPARE(data->data.categorical[0][1], kMissingCategory); // the empty os
    }
    void mappingByPositionAndErrors()
    {
        QTemporaryDir dir;
        const QString path = writeText(dir, QStringLiteral("p.csv"), "1,0.5,x\n0,0.25,y\n");
        ColumnMapping m;
        m.header = false;
        m.label = QStringLiteral("#1");
        m.dense = { QStringLiteral("#2") };
        m.categorical = { QStringLiteral("#3") };
        const Expected<LoadedData> data = loadDataset(path, m);
        QVERIFY2(data, qPrintable(data.error()));
        QCOMPARE(data->data.dense[0][1], 0.25);
        m.label = QStringLiteral("clicks");
        const Expected<LoadedData> wrong = loadDataset(path, m);
        QVERIFY(!wrong && wrong.error().contains(QStringLiteral("'clicks'")));
        const Expected<LoadedData> missing = loadDataset(dir.filePath(QStringLiteral("none.csv")), {});
        QVERIFY(!missing && missing.error().contains(QStringLiteral("none.csv")));
    }
    void writtenSyntheticDataReadsBack()
    {
        QTemporaryDir dir;
        const Dataset data = generateSyntheticCtr(500, 1);
        const QString path = dir.filePath(QStringLiteral("s.csv"));
        QVERIFY(writeDatasetCsv(data, path));
        const Expected<LoadedData> back = loadDataset(path, {});
        QVERIFY2(back, qPrintable(back.error()));
        QCOMPARE(back->data.denseNames, bidding::engineDenseFeatures());
        QCOMPARE(back->data.categoricalNames, bidding::engineCategoricalFeatures());
        QCOMPARE(back->data.dense, data.dense);
        QCOMPARE(back->data.categorical, data.categorical);
        QCOMPARE(back->data.truth, data.truth);
        QCOMPARE(back->data.labels, data.labels);
    }
    void splitsAreSeededAndDisjoint()
    {
        const RowSplit a = splitRows(1000, 0.1, 0.2, 7), b = splitRows(1000, 0.1, 0.2, 7);
        QCOMPARE(a.test, b.test);
        QCOMPARE(a.test.size(), std::size_t(200));
        QCOMPARE(a.validation.size(), std::size_t(100));
        std::vector<std::uint32_t> all = a.train;
        all.insert(all.end(), a.validation.begin(), a.validation.end());
        all.insert(all.end(), a.test.begin(), a.test.end());
        std::sort(all.begin(), all.end());
        QVERIFY(std::adjacent_find(all.begin(), all.end()) == all.end());
        QCOMPARE(all.size(), std::size_t(1000));
    }
    void searchSpaceParsing()
    {
        QVERIFY(parseDimension(QStringLiteral("l2=1e-7,1e-6")));
        const auto range = parseDimension(QStringLiteral("l2=1e-8..1e-3:log"));
        QVERIFY(range && range->logScale && range->low == 1e-8);
        QVERIFY(!parseDimension(QStringLiteral("l2=abc")));
        QVERIFY(!parseDimension(QStringLiteral("maxDepth=9..3")));
        TuneRequest r;
        r.space = { *parseDimension(QStringLiteral("l2=1,2,3")), *parseDimension(QStringLiteral("hashBits=4,8")) };
        QCOMPARE(expandSearch(r)->size(), std::size_t(6));
        r.space.push_back(*parseDimension(QStringLiteral("trees=10")));
        QVERIFY(!expandSearch(r));
    }
    void tuningFillsTheLeaderboardAndStopsHopelessTrials()
    {
        LoadedData data;
        data.data = generateSyntheticCtr(20'000, 6, 1.0);
        TuneRequest r;
        r.base.kind = ModelKind::Forest;
        r.base.forest.trees = 5;
        r.space
            = { *parseDimension(QStringLiteral("maxDepth=6,1")), *parseDimension(QStringLiteral("minSamplesLeaf=50")) };
        r.earlyStopMargin = 0.0; // a trial whose running mean falls behind the best one stops there
        int updates = 0;
        r.onUpdate = [&](const Leaderboard&) { ++updates; };
        // No pool: the calling thread runs the trials in order (a pool of one thread would run two at once, with
        // the caller, and which trial sees the other's mean first would depend on timing). Depth 6 finishes first
        // (fold AUCs 0.621, 0.661, 0.661); depth 1 (0.659, 0.619) trails its mean after two folds and stops.
        const Expected<TuneOutcome> out = tuneModel(data, r, nullptr);
        QVERIFY2(out, qPrintable(out.error()));
        QCOMPARE(out->leaderboard.trials.size(), std::size_t(2));
        QCOMPARE(out->bestTrial, 0);
        QCOMPARE(out->leaderboard.trials[0].state, Trial::State::Finished);
        QCOMPARE(out->leaderboard.trials[1].state, Trial::State::Stopped);
        QCOMPARE(out->leaderboard.trials[1].foldAuc.size(), std::size_t(2));
        QVERIFY(out->leaderboard.trials[1].note.contains(QStringLiteral("stopped after 2 of 3 folds")));
        QVERIFY(updates >= 2 * 3);
        QVERIFY(out->best.test.auc.has_value());
    }
    void cancelMidTraining()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.csv"));
        QVERIFY(writeDatasetCsv(generateSyntheticCtr(100'000, 1), path));
        TrainRequest r;
        r.dataPath = path;
        r.logistic.optimizer = LogisticOptions::Optimizer::Ftrl;
        r.logistic.epochs = 1000;
        auto future = jobs::runJob<TrainOutcome>(jobs::jobPool(), runTrainingJob, r);
        QTRY_VERIFY_WITH_TIMEOUT(future.progressValue() > 250, 60'000); // past loading, in the epochs
        future.cancel();
        future.waitForFinished();
        QVERIFY(future.isCanceled());
        QCOMPARE(future.resultCount(), 0);
    }
};

BIDLAB_TEST_MAIN_CORE(TrainDataTest)
#include "test_train_data.moc"
