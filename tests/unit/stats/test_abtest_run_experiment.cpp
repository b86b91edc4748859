// SPDX-License-Identifier: MIT
// A simulator run's arms read as an A/B experiment: which counter becomes what, the planned split from the
// scenario's weights, the win-rate comparison against a hand-computed z, and the runs that cannot be read.
#include "core/stats/run_experiment.h"
#include "tests/common/test_support.h"

#include <cmath>

#include <QJsonArray>

using namespace bidlab;
using namespace bidlab::stats;

namespace {

engine::ArmRow arm(const char* name, qint64 requests, qint64 bids, qint64 wins)
{
    engine::ArmRow a;
    a.name = QString::fromLatin1(name);
    a.requests = requests;
    a.bids = bids;
    a.wins = wins;
    a.impressions = wins - 2; // a few wins without a valid impression event
    a.clicks = wins / 50;
    a.conversions = wins / 500;
    a.spend = wins * 1'000;
    a.revenue = wins * 3'000;
    return a;
}

engine::RunSummary twoArmRun()
{
    engine::RunSummary run;
    run.arms = { arm("control", 3'000, 1'000, 300), arm("treatment", 1'000, 1'000, 450) };
    run.scenario.insert(QStringLiteral("arms"),
                        QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("control") },
                                                   { QStringLiteral("weight"), 3.0 } },
                                     QJsonObject { { QStringLiteral("name"), QStringLiteral("treatment") },
                                                   { QStringLiteral("weight"), 1.0 } } });
    run.totals.generated = 4'000;
    run.totals.bids = 2'000;
    run.totals.noBids = 2'000;
    return run;
}

} // namespace

class RunExperimentTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void countersBecomeTheExperiment()
    {
        const Expected<RunExperiment> e = runExperiment(twoArmRun(), runLabel(4, QStringLiteral("bids")));
        QVERIFY2(e.ok(), qPrintable(e.error()));
        QCOMPARE(e->label, QStringLiteral("run 4 (bids)"));
        const Dataset& d = e->dataset;
        QCOMPARE(d.shape, TableShape::Aggregated);
        QCOMPARE(int(d.experiments.size()), 1);
        const std::vector<Arm>& arms = d.experiments.front().arms;
        QCOMPARE(int(arms.size()), 2);
        QCOMPARE(arms[0].name, QStringLiteral("control"));
        QCOMPARE(arms[0].assigned, 3'000); // a run stored before users were counted: its requests
        QCOMPARE(arms[0].exposures, 298);
        QCOMPARE(arms[1].clicks, 9);
        QCOMPARE(arms[1].conversions, 0);
        QCOMPARE(arms[1].cost, 450'000);
        QCOMPARE(arms[1].revenue, 1'350'000);
        QVERIFY(d.has(Role::Exposures) && d.has(Role::Clicks) && d.has(Role::Cost));
        QVERIFY(!d.has(Role::RevenueSquares) && !d.has(Role::User));
        QVERIFY2(d.mappingText().contains(QStringLiteral("exposures ← 'impressions'")), qPrintable(d.mappingText()));
        QCOMPARE(e->split, (std::vector<double> { 3.0, 1.0 }));
        QCOMPARE(e->roas.size(), 2);
        QCOMPARE(e->roas[0], QStringLiteral("control: ROAS 3.000 (revenue 0.90 / spend 0.30)"));
    }

    void theSplitIsCheckedOnUsers()
    {
        // With users per arm the sample-ratio check counts them (the unit the split randomises), not requests.
        engine::RunSummary run = twoArmRun();
        run.arms[0].assignedUsers = 750;
        run.arms[1].assignedUsers = 250;
        const Expected<RunExperiment> e = runExperiment(run, QStringLiteral("run 1"));
        QVERIFY(e.ok());
        QCOMPARE(e->dataset.experiments.front().arms[0].assigned, 750);
        QCOMPARE(e->dataset.experiments.front().arms[1].assigned, 250);
        QVERIFY(e->splitOnUsers);
        QVERIFY(e->dataset.notes.join(QLatin1Char(' ')).contains(QStringLiteral("distinct users")));
        run.arms[1].assignedUsers = 0; // one arm without the count: requests for all, and said so
        const Expected<RunExperiment> old = runExperiment(run, QStringLiteral("run 1"));
        QCOMPARE(old->dataset.experiments.front().arms[0].assigned, 3'000);
        QVERIFY(old->dataset.notes.join(QLatin1Char(' ')).contains(QStringLiteral("stored before")));
    }

    // 300 of 1000 bids won against 450 of 1000: pooled p 0.375, z = 0.15 / sqrt(0.375 * 0.625 * 2 / 1000),
    // which is 4 sqrt(3) exactly.
    void winRatesAreCompared()
    {
        const Expected<RunExperiment> e = runExperiment(twoArmRun(), QStringLiteral("run 1"), 0.05);
        QVERIFY(e.ok());
        QCOMPARE(int(e->winRates.size()), 1);
        const WinRateComparison& w = e->winRates.front();
        QCOMPARE(w.controlWins.successes, 300);
        QCOMPARE(w.treatmentWins.trials, 1'000);
        QVERIFY(std::fabs(w.zTest.statistic - 4 * std::sqrt(3.0)) < 1e-12);
        QVERIFY(std::fabs(w.zTest.pValue - std::erfc(4 * std::sqrt(3.0) / std::sqrt(2.0))) < 1e-20);
        QVERIFY(w.difference.low > 0.10 && w.difference.low < 0.15);
        QVERIFY(w.difference.high > 0.15 && w.difference.high < 0.20);
        const report::Table t = winRateTable(*e);
        QCOMPARE(t.rows.size(), 1);
        QCOMPARE(t.rows[0].size(), t.columns.size());
        QCOMPARE(winRateLines(*e).size(), 1);
        QVERIFY2(winRateLines(*e)[0].startsWith(QStringLiteral("control → treatment: win rate 30.000 % of 1000 bids")),
                 qPrintable(winRateLines(*e)[0]));
        const QJsonObject json = runExperimentToJson(*e);
        QCOMPARE(json.value(QStringLiteral("weights")).toArray(), (QJsonArray { 3.0, 1.0 }));
        QCOMPARE(
            json.value(QStringLiteral("arms")).toArray()[1].toObject().value(QStringLiteral("assigned")).toInteger(),
            1'000);
        QCOMPARE(json.value(QStringLiteral("arms")).toArray()[1].toObject().value(QStringLiteral("assignedUnit")),
                 QStringLiteral("requests"));
    }

    void anArmWithoutBidsHasNoWinRate()
    {
        engine::RunSummary run = twoArmRun();
        run.arms[1].bids = 0;
        run.arms[1].wins = 0;
        const Expected<RunExperiment> e = runExperiment(run, QStringLiteral("run 1"));
        QVERIFY(e.ok());
        QVERIFY(e->winRates.empty());
    }

    void weightsMissingMeanAnEqualSplit()
    {
        engine::RunSummary run = twoArmRun();
        run.scenario = {};
        run.endState = engine::EngineState::Failed;
        run.endReason = QStringLiteral("Worker 0 crashed too often.");
        run.inFlightAtEnd = 3;
        const Expected<RunExperiment> e = runExperiment(run, QStringLiteral("run 2"));
        QVERIFY(e.ok());
        QVERIFY(e->split.empty());
        const QString notes = e->dataset.notes.join(QLatin1Char('\n'));
        QVERIFY(notes.contains(QStringLiteral("an equal split is assumed")));
        QVERIFY(notes.contains(QStringLiteral("3 requests were still in flight")));
        QVERIFY(notes.contains(QStringLiteral("The run failed: Worker 0 crashed too often.")));
    }

    void runsThatAreNoExperiment()
    {
        engine::RunSummary run = twoArmRun();
        run.arms.removeLast();
        Expected<RunExperiment> e = runExperiment(run, QStringLiteral("run 3"));
        QVERIFY(!e.ok());
        QVERIFY2(e.error().startsWith(QStringLiteral("run 3 was not split into A/B arms: it has 1 arm")),
                 qPrintable(e.error()));

        run = twoArmRun();
        run.arms[1].requests = 0;
        e = runExperiment(run, QStringLiteral("run 3"));
        QVERIFY(!e.ok());
        QVERIFY2(e.error().contains(QStringLiteral("arm 'treatment' received no requests")), qPrintable(e.error()));

        e = storedRunExperiment(QStringLiteral("/nonexistent/runs.sqlite"), 1);
        QVERIFY(!e.ok());
        QVERIFY(e.error().contains(QStringLiteral("does not exist")));
    }
};

BIDLAB_TEST_MAIN_CORE(RunExperimentTest)
#include "test_abtest_run_experiment.moc"
