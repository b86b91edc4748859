// SPDX-License-Identifier: MIT
// A/B tests run inside the simulator, end to end as a script runs them: `bidlab-cli simulate --arm ...` with
// real bidlab-worker processes (deterministic mode, so the figures are the same on every machine), then
// `bidlab-cli abtest --run ID --store FILE`. The true differences are known by construction: identical arms
// differ by nothing; arms bidding 0.5 and 4.0 at the average CTR win very different shares of their bids.
#include "tests/common/test_support.h"

#include <cmath>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using bidlab::test::runProgram;

namespace {

const QString kCli = QStringLiteral(BIDLAB_CLI);

QJsonObject jsonOf(const bidlab::test::ProcessResult& r)
{
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

// The pooled two-proportion z-test, written out here as the independent check of what abtest printed.
double pooledZ(double s1, double n1, double s2, double n2)
{
    const double p = (s1 + s2) / (n1 + n2);
    return (s2 / n2 - s1 / n1) / std::sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
}

double twoSidedP(double z)
{
    return std::erfc(std::fabs(z) / std::sqrt(2.0));
}

} // namespace

class AbtestRunTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_store;

    // A deterministic two-worker run of 100,000 requests split into `arms`; returns the summary JSON.
    QJsonObject simulate(const QStringList& arms)
    {
        QStringList args { QStringLiteral("simulate"),       QStringLiteral("--deterministic"),
                           QStringLiteral("--workers"),      QStringLiteral("2"),
                           QStringLiteral("--qps"),          QStringLiteral("unlimited"),
                           QStringLiteral("--max-requests"), QStringLiteral("100000"),
                           QStringLiteral("--seed"),         QStringLiteral("7"),
                           QStringLiteral("--store"),        m_store,
                           QStringLiteral("--json") };
        for (const QString& arm : arms)
            args << QStringLiteral("--arm") << arm;
        const auto r = runProgram(kCli, args, 240'000);
        if (r.exitCode != 0)
            qWarning().noquote() << r.err;
        [&] { QCOMPARE(r.exitCode, 0); }();
        return jsonOf(r);
    }

    QJsonObject abtest(qint64 run, const QStringList& extra = {})
    {
        const auto r = runProgram(kCli,
                                  QStringList { QStringLiteral("abtest"), QStringLiteral("--run"), QString::number(run),
                                                QStringLiteral("--store"), m_store, QStringLiteral("--json") }
                                      + extra,
                                  120'000);
        if (r.exitCode != 0)
            qWarning().noquote() << r.err;
        [&] { QCOMPARE(r.exitCode, 0); }();
        return jsonOf(r);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_store = m_dir.filePath(QStringLiteral("runs.sqlite"));
    }

    // Two arms with the same strategy: no significant difference at alpha 0.01 in CTR or win rate, and the
    // requests split as planned. The analysed counts are the run's own.
    void identicalArmsDoNotDiffer()
    {
        const QJsonObject run = simulate({ QStringLiteral("a:base-bid=2"), QStringLiteral("b:base-bid=2") });
        QVERIFY(!QTest::currentTestFailed());
        QVERIFY(run.value(QStringLiteral("accounting")).toObject().value(QStringLiteral("balanced")).toBool());
        const QJsonArray arms = run.value(QStringLiteral("arms")).toArray();
        QCOMPARE(arms.size(), 2);
        const QJsonObject a = arms[0].toObject(), b = arms[1].toObject();
        const auto count = [](const QJsonObject& o, const char* key) { return o.value(QLatin1String(key)).toDouble(); };
        QCOMPARE(count(a, "requests") + count(b, "requests"), 100'000.0);
        QVERIFY(count(a, "impressions") > 10'000 && count(b, "impressions") > 10'000);

        const QJsonObject result = abtest(run.value(QStringLiteral("runId")).toInteger(),
                                          { QStringLiteral("--alpha"), QStringLiteral("0.01") });
        QVERIFY(!QTest::currentTestFailed());
        QCOMPARE(result.value(QStringLiteral("metric")).toString(), QStringLiteral("ctr"));
        const QJsonArray comparisons = result.value(QStringLiteral("comparisons")).toArray();
        QCOMPARE(comparisons.size(), 1);
        const QJsonObject c = comparisons[0].toObject();
        const QJsonObject control = c.value(QStringLiteral("control")).toObject();
        const QJsonObject treatment = c.value(QStringLiteral("treatment")).toObject();
        QCOMPARE(control.value(QStringLiteral("name")).toString(), QStringLiteral("a"));
        QCOMPARE(control.value(QStringLiteral("numerator")).toDouble(), count(a, "clicks"));
        QCOMPARE(control.value(QStringLiteral("denominator")).toDouble(), count(a, "impressions"));
        QCOMPARE(treatment.value(QStringLiteral("numerator")).toDouble(), count(b, "clicks"));
        QCOMPARE(treatment.value(QStringLiteral("denominator")).toDouble(), count(b, "impressions"));
        QCOMPARE(treatment.value(QStringLiteral("assigned")).toDouble(), count(b, "assignedUsers"));
        QVERIFY(count(b, "assignedUsers") > 10'000 && count(b, "assignedUsers") < count(b, "requests"));

        const double z
            = pooledZ(count(a, "clicks"), count(a, "impressions"), count(b, "clicks"), count(b, "impressions"));
        QVERIFY(std::fabs(c.value(QStringLiteral("statistic")).toDouble() - z) <= 1e-9 * std::fabs(z));
        const double p = c.value(QStringLiteral("p")).toDouble();
        QVERIFY(std::fabs(p - twoSidedP(z)) <= 1e-9 * twoSidedP(z));
        QVERIFY2(p > 0.01, qPrintable(QStringLiteral("p = %1").arg(p)));
        QCOMPARE(c.value(QStringLiteral("decision")).toString(), QStringLiteral("not-significant"));

        // The split: distinct users (the unit it randomises) against the weights 1:1, Pearson's chi-square.
        const QJsonObject srm
            = c.value(QStringLiteral("tests")).toObject().value(QStringLiteral("sampleRatio")).toObject();
        const double half = (count(a, "assignedUsers") + count(b, "assignedUsers")) / 2;
        const double chi2 = std::pow(count(a, "assignedUsers") - half, 2) / half
            + std::pow(count(b, "assignedUsers") - half, 2) / half;
        QVERIFY(std::fabs(srm.value(QStringLiteral("chiSquare")).toDouble() - chi2) <= 1e-9 * chi2);
        QVERIFY(srm.value(QStringLiteral("p")).toDouble() > 0.001);
        QCOMPARE(srm.value(QStringLiteral("mismatch")).toBool(), false);

        // Win rate: the same strategy wins the same share of its bids.
        const QJsonArray winRates
            = result.value(QStringLiteral("run")).toObject().value(QStringLiteral("winRates")).toArray();
        QCOMPARE(winRates.size(), 1);
        const QJsonObject w = winRates[0].toObject();
        QCOMPARE(w.value(QStringLiteral("controlBids")).toDouble(), count(a, "bids"));
        QCOMPARE(w.value(QStringLiteral("treatmentWins")).toDouble(), count(b, "wins"));
        QVERIFY(w.value(QStringLiteral("pValue")).toDouble() > 0.01);
        QVERIFY(w.value(QStringLiteral("differenceLow")).toDouble() < 0);
        QVERIFY(w.value(QStringLiteral("differenceHigh")).toDouble() > 0);
    }

    // Base bids 0.5 and 4.0: the high bidder wins far more of its bids (the z-test and the interval agree in
    // direction), while the traffic split is untouched by the strategies.
    void differentBaseBidsDifferInWinRate()
    {
        const QJsonObject run = simulate({ QStringLiteral("low:base-bid=0.5"), QStringLiteral("high:base-bid=4") });
        QVERIFY(!QTest::currentTestFailed());
        const QJsonObject result = abtest(run.value(QStringLiteral("runId")).toInteger());
        QVERIFY(!QTest::currentTestFailed());
        const QJsonObject w
            = result.value(QStringLiteral("run")).toObject().value(QStringLiteral("winRates")).toArray()[0].toObject();
        QCOMPARE(w.value(QStringLiteral("control")).toString(), QStringLiteral("low"));
        const double low = w.value(QStringLiteral("controlWinRate")).toDouble();
        const double high = w.value(QStringLiteral("treatmentWinRate")).toDouble();
        QVERIFY2(high > low + 0.2, qPrintable(QStringLiteral("win rates %1 -> %2").arg(low).arg(high)));
        QVERIFY(w.value(QStringLiteral("z")).toDouble() > 10);
        QVERIFY(w.value(QStringLiteral("pValue")).toDouble() < 1e-6);
        QVERIFY(w.value(QStringLiteral("differenceLow")).toDouble() > 0);
        const double z = pooledZ(
            w.value(QStringLiteral("controlWins")).toDouble(), w.value(QStringLiteral("controlBids")).toDouble(),
            w.value(QStringLiteral("treatmentWins")).toDouble(), w.value(QStringLiteral("treatmentBids")).toDouble());
        QVERIFY(std::fabs(w.value(QStringLiteral("z")).toDouble() - z) <= 1e-9 * z);
        const QJsonObject c = result.value(QStringLiteral("comparisons")).toArray()[0].toObject();
        QCOMPARE(c.value(QStringLiteral("tests"))
                     .toObject()
                     .value(QStringLiteral("sampleRatio"))
                     .toObject()
                     .value(QStringLiteral("mismatch"))
                     .toBool(),
                 false);
    }

    // Weights 3:1 are the plan the check compares with; told a 50:50 plan instead, it flags the mismatch.
    void unequalWeightsAreThePlannedSplit()
    {
        const QJsonObject run = simulate({ QStringLiteral("big:weight=3"), QStringLiteral("small:weight=1") });
        QVERIFY(!QTest::currentTestFailed());
        const QJsonArray arms = run.value(QStringLiteral("arms")).toArray();
        const double big = arms[0].toObject().value(QStringLiteral("requests")).toDouble();
        QVERIFY2(std::fabs(big / 100'000.0 - 0.75) < 0.02, qPrintable(QString::number(big)));
        const qint64 id = run.value(QStringLiteral("runId")).toInteger();
        const auto srmOf = [](const QJsonObject& result) {
            return result.value(QStringLiteral("comparisons"))
                .toArray()[0]
                .toObject()
                .value(QStringLiteral("tests"))
                .toObject()
                .value(QStringLiteral("sampleRatio"))
                .toObject();
        };
        const QJsonObject planned = abtest(id);
        QVERIFY(!QTest::currentTestFailed());
        QCOMPARE(planned.value(QStringLiteral("run")).toObject().value(QStringLiteral("weights")).toArray(),
                 (QJsonArray { 3.0, 1.0 }));
        QCOMPARE(srmOf(planned).value(QStringLiteral("mismatch")).toBool(), false);
        const QJsonObject wrongPlan = abtest(id, { QStringLiteral("--split"), QStringLiteral("50,50") });
        QVERIFY(!QTest::currentTestFailed());
        QCOMPARE(srmOf(wrongPlan).value(QStringLiteral("mismatch")).toBool(), true);
        QVERIFY(srmOf(wrongPlan).value(QStringLiteral("p")).toDouble() < 1e-100);
    }

    // What cannot be analysed is said, with the exit code a script can check.
    void problemsAreSentences()
    {
        const auto single
            = runProgram(kCli,
                         { QStringLiteral("simulate"), QStringLiteral("--deterministic"), QStringLiteral("--qps"),
                           QStringLiteral("unlimited"), QStringLiteral("--max-requests"), QStringLiteral("5000"),
                           QStringLiteral("--store"), m_store, QStringLiteral("--json") },
                         120'000);
        QCOMPARE(single.exitCode, 0);
        const qint64 id = jsonOf(single).value(QStringLiteral("runId")).toInteger();
        auto r = runProgram(kCli,
                            { QStringLiteral("abtest"), QStringLiteral("--run"), QString::number(id),
                              QStringLiteral("--store"), m_store });
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QStringLiteral("was not split into A/B arms")), qPrintable(r.err));

        r = runProgram(kCli,
                       { QStringLiteral("abtest"), QStringLiteral("--run"), QStringLiteral("999"),
                         QStringLiteral("--store"), m_store });
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QStringLiteral("999")), qPrintable(r.err));

        r = runProgram(kCli,
                       { QStringLiteral("abtest"), QStringLiteral("--run"), QStringLiteral("1"),
                         QStringLiteral("--store"), m_dir.filePath(QStringLiteral("absent.sqlite")) });
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QStringLiteral("does not exist")), qPrintable(r.err));

        r = runProgram(kCli,
                       { QStringLiteral("simulate"), QStringLiteral("--deterministic"), QStringLiteral("--arm"),
                         QStringLiteral("a:bid=2"), QStringLiteral("--arm"), QStringLiteral("b"),
                         QStringLiteral("--no-store") });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("unknown key 'bid'")), qPrintable(r.err));

        r = runProgram(kCli,
                       { QStringLiteral("simulate"), QStringLiteral("--deterministic"), QStringLiteral("--arm"),
                         QStringLiteral("a:strategy=best"), QStringLiteral("--arm"), QStringLiteral("b"),
                         QStringLiteral("--no-store") });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("best")), qPrintable(r.err));
    }
};

BIDLAB_TEST_MAIN_CORE(AbtestRunTest)
#include "test_abtest_run.moc"
