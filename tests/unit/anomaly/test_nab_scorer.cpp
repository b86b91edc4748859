// SPDX-License-Identifier: MIT
// The NAB scorer on hand-made windows, against the numbers SCORING.md gives.
#include "core/anomaly/nab_benchmark.h"
#include "core/anomaly/nab_scorer.h"
#include "tests/common/test_support.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace bidlab;
using namespace bidlab::anomaly;
using namespace bidlab::anomaly::nab;

namespace {

const CostProfile& standard()
{
    return profiles()[0];
}

// A 1000-row file (probation 150) with one window [400, 499]; detections at the given rows.
ScoredSeries file(std::initializer_list<qsizetype> detections, double score = 1.0)
{
    ScoredSeries series;
    series.scores.assign(1000, 0.0);
    for (qsizetype row : detections)
        series.scores[static_cast<std::size_t>(row)] = score;
    series.windows = { { 400, 499 } };
    return series;
}

double rawAt(const ScoredSeries& series, const CostProfile& profile = standard())
{
    return scoreAt({ series }, profile, 0.5).raw;
}

} // namespace

class NabScorerTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sigmoidReferenceValues()
    {
        QVERIFY(qAbs(scaledSigmoid(-1.0) - 0.9866142981514305) < 1e-15);
        QVERIFY(qAbs(scaledSigmoid(-0.5) - 0.84828) < 1e-5);
        QCOMPARE(scaledSigmoid(0.0), 0.0);
        QVERIFY(qAbs(scaledSigmoid(1.0) + 0.98661) < 1e-5);
        QCOMPARE(scaledSigmoid(3.0001), -1.0);
    }

    void probationIsFifteenPercentAtMost750()
    {
        QCOMPARE(probationLength(1000), qsizetype(150));
        QCOMPARE(probationLength(4032), qsizetype(604));
        QCOMPARE(probationLength(1127), qsizetype(169));
        QCOMPARE(probationLength(10'000), qsizetype(750));
    }

    void profilesMatchTheConfigFile()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(path, "nab/config/profiles.json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject all = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(all.size(), 3);
        for (const CostProfile& p : profiles()) {
            const QJsonObject costs = all.value(p.name).toObject().value(QStringLiteral("CostMatrix")).toObject();
            QCOMPARE(costs.value(QStringLiteral("tpWeight")).toDouble(), p.tpWeight);
            QCOMPARE(costs.value(QStringLiteral("fnWeight")).toDouble(), p.fnWeight);
            QCOMPARE(costs.value(QStringLiteral("fpWeight")).toDouble(), p.fpWeight);
        }
    }

    void detectionAtTheWindowStartScoresTheTpWeight()
    {
        QVERIFY(qAbs(rawAt(file({ 400 })) - 1.0) < 1e-12);
        const Outcome outcome = scoreAt({ file({ 400 }) }, standard(), 0.5);
        QCOMPARE(outcome.windowsDetected, qsizetype(1));
        QCOMPARE(outcome.falsePositives, qsizetype(0));
    }

    void laterDetectionsInAWindowScoreLessAndOnlyTheBestCounts()
    {
        const double middle = scaledSigmoid(-0.5) / scaledSigmoid(-1.0);
        QVERIFY(qAbs(rawAt(file({ 450 })) - middle) < 1e-12);
        QVERIFY(qAbs(rawAt(file({ 450, 400, 480 })) - 1.0) < 1e-12);
        const double last = scaledSigmoid(-0.01) / scaledSigmoid(-1.0);
        QVERIFY(qAbs(rawAt(file({ 499 })) - last) < 1e-12);
    }

    void aMissCostsTheFnWeight()
    {
        QCOMPARE(rawAt(file({})), -1.0);
        QCOMPARE(rawAt(file({}), profiles()[2]), -2.0);
    }

    void falsePositivesAreWeightedByWhereTheyFall()
    {
        // Before any window: the full fpWeight.
        QVERIFY(qAbs(rawAt(file({ 400, 200 })) - (1.0 - 0.11)) < 1e-12);
        QVERIFY(qAbs(rawAt(file({ 400, 200 }), profiles()[1]) - (1.0 - 0.22)) < 1e-12);
        // Just after the window: nearly free (distance 1 over width - 1 = 99).
        const double justAfter = scaledSigmoid(1.0 / 99.0) * 0.11;
        QVERIFY(qAbs(rawAt(file({ 400, 500 })) - (1.0 + justAfter)) < 1e-12);
        QVERIFY(justAfter > -0.003 && justAfter < 0);
        // Far after (more than 3 widths): the full fpWeight again.
        QVERIFY(qAbs(rawAt(file({ 400, 900 })) - (1.0 - 0.11)) < 1e-12);
        // Every false positive counts.
        QVERIFY(qAbs(rawAt(file({ 400, 200, 201, 202 })) - (1.0 - 0.33)) < 1e-12);
    }

    void probationRowsAreIgnored()
    {
        QCOMPARE(rawAt(file({ 0, 10, 149 })), -1.0);
        QVERIFY(qAbs(rawAt(file({ 150 })) - (-1.0 - 0.11)) < 1e-12);
    }

    void theSweepPicksTheBestThresholdAndTheHigherOnTies()
    {
        // Row 400 scores 0.9 (a hit); a false positive scores 0.8; two more 0.7 hits in a second file.
        ScoredSeries a = file({});
        a.scores[400] = 0.9;
        a.scores[300] = 0.8;
        ScoredSeries b = file({});
        b.scores[420] = 0.7;
        const Outcome best = optimizeThreshold({ a, b }, standard());
        // At 0.9: 1 - 1 = 0; at 0.8: -0.11; at 0.7: 1 - 0.11 + A(-0.8)/A(-1) > 1.7; at 0: many FPs.
        QCOMPARE(best.threshold, 0.7);
        QCOMPARE(best.windowsDetected, qsizetype(2));
        QVERIFY(qAbs(best.raw - scoreAt({ a, b }, standard(), 0.7).raw) < 1e-12);
        // A tie: two thresholds with the same score keep the higher one.
        ScoredSeries c = file({});
        c.scores[400] = 0.6;
        c.scores[401] = 0.5; // same window, adds nothing
        const Outcome tie = optimizeThreshold({ c }, standard());
        QCOMPARE(tie.threshold, 0.6);
    }

    void nullAndPerfectDetectorsNormaliseTo0And100()
    {
        for (const CostProfile& p : profiles()) {
            const Outcome null = optimizeThreshold({ file({}, 0.0), file({}, 0.0) }, p);
            ScoredSeries constant = file({});
            constant.scores.assign(1000, 0.5);
            const Outcome half = optimizeThreshold({ constant }, p);
            QCOMPARE(normalizedScore(null.raw, null.windows, p), 0.0);
            QCOMPARE(normalizedScore(half.raw, half.windows, p), 0.0);
            QCOMPARE(half.threshold, 1.1);
            const Outcome perfect = optimizeThreshold({ file({ 400 }) }, p);
            QVERIFY(qAbs(normalizedScore(perfect.raw, perfect.windows, p) - 100.0) < 1e-9);
        }
    }

    void rowWeightsNameTheirWindow()
    {
        const RowWeights w = rowWeights(1000, { { 600, 699 }, { 400, 499 } }, standard());
        QCOMPARE(w.probation, qsizetype(150));
        QCOMPARE(w.window[400], 1);
        QCOMPARE(w.window[650], 0);
        QCOMPARE(w.window[550], -1);
        QCOMPARE(w.weight[100], 0.0);
    }

    void theNullDetectorScoresZeroOnTheSharedSubset()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(data, "nab/data");
        const QString labels = test::sharedDataPath(QStringLiteral("nab/labels/combined_windows.json"));
        auto corpus = loadCorpus(data, labels);
        QVERIFY2(corpus.ok(), qPrintable(corpus.error()));
        QCOMPARE(corpus->size(), std::size_t(19));
        std::vector<std::vector<double>> scores;
        qsizetype windows = 0;
        for (const CorpusFile& f : *corpus) {
            scores.emplace_back(f.series.values.size(), 0.5);
            windows += static_cast<qsizetype>(f.windows.size());
        }
        QCOMPARE(windows, qsizetype(34));
        const RunResult result = scoreCorpus(QStringLiteral("null"), *corpus, scores);
        for (const ProfileResult& p : result.profiles) {
            QCOMPARE(p.normalized, 0.0);
            QCOMPARE(p.outcome.raw, -34.0 * p.profile.fnWeight);
        }
    }

    void corpusErrorsNameTheFile()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("data/cat")));
        QFile csv(dir.filePath(QStringLiteral("data/cat/a.csv")));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("timestamp,value\n2020-01-01 00:00:00,1\n2020-01-01 00:05:00,2\n");
        csv.close();
        QFile labels(dir.filePath(QStringLiteral("labels.json")));
        QVERIFY(labels.open(QIODevice::WriteOnly));
        labels.write(R"({"cat/a.csv": [["2020-01-01 00:05:00.000000", "2020-01-01 00:09:00.000000"]]})");
        labels.close();
        auto corpus = loadCorpus(dir.filePath(QStringLiteral("data")), labels.fileName());
        QVERIFY(!corpus.ok());
        QVERIFY2(corpus.error().contains(QStringLiteral("00:09:00")), qPrintable(corpus.error()));
        QVERIFY(!loadCorpus(dir.filePath(QStringLiteral("data")), dir.filePath(QStringLiteral("none.json"))).ok());
        QVERIFY(labels.open(QIODevice::WriteOnly | QIODevice::Truncate));
        labels.write(R"({"cat/a.csv": [["2020-01-01 00:05:00.000000", )"); // truncated JSON
        labels.close();
        auto truncated = loadCorpus(dir.filePath(QStringLiteral("data")), labels.fileName());
        QVERIFY(!truncated.ok());
        QVERIFY2(truncated.error().contains(QStringLiteral("labels.json")), qPrintable(truncated.error()));
    }
};

BIDLAB_TEST_MAIN_CORE(NabScorerTest)
#include "test_nab_scorer.moc"
