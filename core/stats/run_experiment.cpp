// SPDX-License-Identifier: MIT
#include "core/stats/run_experiment.h"

#include "core/stats/ab_report.h"
#include "core/stats/translation.h"
#include "core/store/run_store.h"

#include <algorithm>

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonValue>

namespace bidlab::stats {

namespace {

using detail::tr;

// The columns of the table the run is read as (Dataset::mappingText names them).
const QStringList kRunColumns { QStringLiteral("arm"),    QStringLiteral("requests"),    QStringLiteral("impressions"),
                                QStringLiteral("clicks"), QStringLiteral("conversions"), QStringLiteral("revenue"),
                                QStringLiteral("spend") };

ColumnMap runColumnMap()
{
    ColumnMap map;
    map.index[std::size_t(Role::Arm)] = 0;
    map.index[std::size_t(Role::Exposures)] = 2;
    map.index[std::size_t(Role::Clicks)] = 3;
    map.index[std::size_t(Role::Conversions)] = 4;
    map.index[std::size_t(Role::Revenue)] = 5;
    map.index[std::size_t(Role::Cost)] = 6;
    return map;
}

// countUsers: the split is checked on distinct users (runs stored before they were counted: on requests).
Arm armOf(const engine::ArmRow& row, bool countUsers)
{
    Arm arm;
    arm.name = row.name;
    arm.assigned = countUsers ? row.assignedUsers : row.requests;
    arm.exposures = row.impressions;
    arm.clicks = row.clicks;
    arm.conversions = row.conversions;
    arm.revenue = row.revenue;
    arm.cost = row.spend;
    return arm;
}

// The arms' weights from the run's scenario, in the order of the summary's arms; empty when the scenario
// does not list them all (an equal split is then assumed, and said).
std::vector<double> weightsOf(const engine::RunSummary& run)
{
    const QJsonArray arms = run.scenario.value(QStringLiteral("arms")).toArray();
    if (arms.size() != run.arms.size())
        return {};
    std::vector<double> weights;
    for (const QJsonValue& arm : arms) {
        const double weight = arm.toObject().value(QStringLiteral("weight")).toDouble(1.0);
        if (!(weight > 0))
            return {};
        weights.push_back(weight);
    }
    return weights;
}

WinRateComparison compareWinRates(const engine::ArmRow& control, const engine::ArmRow& treatment, double alpha)
{
    WinRateComparison c;
    c.control = control.name;
    c.treatment = treatment.name;
    c.controlWins = { control.wins, control.bids };
    c.treatmentWins = { treatment.wins, treatment.bids };
    c.zTest = twoProportionZTest(c.controlWins, c.treatmentWins);
    c.difference = newcombeInterval(c.controlWins, c.treatmentWins, alpha);
    return c;
}

QString roasLine(const engine::ArmRow& arm)
{
    const std::optional<double> roas = ratio(arm.revenue, arm.spend);
    return tr("%1: ROAS %2 (revenue %3 / spend %4)")
        .arg(arm.name, roas ? QString::number(*roas, 'f', 3) : QStringLiteral("\u2014"), formatMoney(arm.revenue),
             formatMoney(arm.spend));
}

QJsonValue optionalNumber(std::optional<double> value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

} // namespace

QString runLabel(qint64 id, const QString& name)
{
    return name.isEmpty() ? tr("run %1").arg(id) : tr("run %1 (%2)").arg(id).arg(name);
}

Expected<RunExperiment> runExperiment(const engine::RunSummary& run, const QString& label, double alpha)
{
    if (run.arms.size() < 2)
        return Error { tr("%1 was not split into A/B arms: it has %n arm(s); define two or more arms in its "
                          "scenario (or with 'simulate --arm').",
                          nullptr, int(run.arms.size()))
                           .arg(label) };
    for (const engine::ArmRow& arm : run.arms) {
        if (arm.requests <= 0)
            return Error {
                tr("%1: arm '%2' received no requests, so there is nothing to compare.").arg(label, arm.name)
            };
    }
    RunExperiment out;
    out.label = label;
    Dataset& d = out.dataset;
    d.shape = TableShape::Aggregated;
    d.files = QStringList { label };
    d.headers = kRunColumns;
    d.columns = runColumnMap();
    d.rows = run.arms.size();
    Experiment experiment;
    experiment.name = label;
    out.splitOnUsers
        = std::all_of(run.arms.begin(), run.arms.end(), [](const engine::ArmRow& a) { return a.assignedUsers > 0; });
    for (const engine::ArmRow& arm : run.arms)
        experiment.arms.push_back(armOf(arm, out.splitOnUsers));
    d.experiments.push_back(std::move(experiment));

    out.split = weightsOf(run);
    d.notes << (out.splitOnUsers
                    ? tr("Exposures are the impressions each arm won; the sample-ratio check counts the distinct "
                         "users the split sent to each arm (the unit it randomises), against the arms' weights.")
                    : tr("Exposures are the impressions each arm won; this run was stored before the engine counted "
                         "users per arm, so the sample-ratio check counts requests, which vary more than users do "
                         "and may flag a sound split."));
    if (out.split.empty())
        d.notes << tr("The run's scenario does not give every arm's weight: an equal split is assumed.");
    d.notes << tr("The run keeps each arm's totals only: revenue per unit and ROAS have no variance to test "
                  "(ROAS per arm is listed as a figure).");
    if (!run.accountingBalanced())
        d.notes << tr("The run's accounting is not balanced (%1 requests were still in flight at its end).")
                       .arg(run.inFlightAtEnd);
    if (run.endState == engine::EngineState::Failed)
        d.notes << tr("The run failed: %1").arg(run.endReason);

    for (std::size_t a = 1; a < std::size_t(run.arms.size()); ++a) {
        if (run.arms[0].bids > 0 && run.arms[qsizetype(a)].bids > 0)
            out.winRates.push_back(compareWinRates(run.arms[0], run.arms[qsizetype(a)], alpha));
    }
    for (const engine::ArmRow& arm : run.arms)
        out.roas << roasLine(arm);
    return out;
}

Expected<RunExperiment> storedRunExperiment(const QString& storePath, qint64 id, double alpha)
{
    if (!QFileInfo::exists(storePath))
        return Error {
            tr("The run history '%1' does not exist (run 'bidlab-cli simulate' first, or give --store).").arg(storePath)
        };
    store::RunStore store(storePath);
    if (const Status opened = store.open(); !opened.ok())
        return Error { opened.error() };
    Expected<store::StoredRun> run = store.load(id);
    if (!run)
        return Error { run.error() };
    return runExperiment(run->summary, runLabel(id, run->info.name), alpha);
}

QStringList winRateLines(const RunExperiment& experiment)
{
    const auto percent
        = [](double fraction) -> QString { return QString::number(fraction * 100, 'f', 3) + QStringLiteral(" %"); };
    QStringList lines;
    for (const WinRateComparison& c : experiment.winRates)
        lines << tr("%1 → %2: win rate %3 of %4 bids → %5 of %6 bids, difference %7 [%8, %9], z %10, p %11")
                     .arg(c.control, c.treatment, percent(c.controlWins.rate()))
                     .arg(c.controlWins.trials)
                     .arg(percent(c.treatmentWins.rate()))
                     .arg(c.treatmentWins.trials)
                     .arg(percent(c.treatmentWins.rate() - c.controlWins.rate()), percent(c.difference.low),
                          percent(c.difference.high))
                     .arg(c.zTest.statistic, 0, 'f', 3)
                     .arg(formatPValue(c.zTest.pValue));
    return lines;
}

report::Table winRateTable(const RunExperiment& experiment)
{
    using report::Column;
    using report::ColumnKind;
    report::Table t;
    t.title = tr("Win rate (wins / bids) per arm, two-proportion z-test, not corrected");
    t.columns = { { tr("Control"), ColumnKind::Text },
                  { tr("Treatment"), ColumnKind::Text },
                  { tr("Control bids"), ColumnKind::Integer },
                  { tr("Control win rate"), ColumnKind::Percent, 3 },
                  { tr("Treatment bids"), ColumnKind::Integer },
                  { tr("Treatment win rate"), ColumnKind::Percent, 3 },
                  { tr("Difference"), ColumnKind::Percent, 3 },
                  { tr("Low"), ColumnKind::Percent, 3 },
                  { tr("High"), ColumnKind::Percent, 3 },
                  { tr("z"), ColumnKind::Decimal, 3 },
                  { tr("p-value"), ColumnKind::Text } };
    for (const WinRateComparison& c : experiment.winRates)
        t.rows << report::Row { c.control,
                                c.treatment,
                                qint64(c.controlWins.trials),
                                c.controlWins.rate(),
                                qint64(c.treatmentWins.trials),
                                c.treatmentWins.rate(),
                                c.treatmentWins.rate() - c.controlWins.rate(),
                                c.difference.low,
                                c.difference.high,
                                c.zTest.statistic,
                                formatPValue(c.zTest.pValue) };
    return t;
}

void addRunSections(const RunExperiment& experiment, report::Report* report)
{
    report->tables << winRateTable(experiment);
    report->notes << experiment.roas;
}

QJsonObject runExperimentToJson(const RunExperiment& experiment)
{
    QJsonArray winRates;
    for (const WinRateComparison& c : experiment.winRates)
        winRates.append(QJsonObject {
            { QStringLiteral("control"), c.control },
            { QStringLiteral("treatment"), c.treatment },
            { QStringLiteral("controlBids"), qint64(c.controlWins.trials) },
            { QStringLiteral("controlWins"), qint64(c.controlWins.successes) },
            { QStringLiteral("treatmentBids"), qint64(c.treatmentWins.trials) },
            { QStringLiteral("treatmentWins"), qint64(c.treatmentWins.successes) },
            { QStringLiteral("controlWinRate"), c.controlWins.rate() },
            { QStringLiteral("treatmentWinRate"), c.treatmentWins.rate() },
            { QStringLiteral("differenceLow"), c.difference.low },
            { QStringLiteral("differenceHigh"), c.difference.high },
            { QStringLiteral("z"), c.zTest.statistic },
            { QStringLiteral("pValue"), c.zTest.pValue },
        });
    QJsonArray arms;
    for (const Arm& arm : experiment.dataset.experiments.front().arms)
        arms.append(QJsonObject { { QStringLiteral("name"), arm.name },
                                  { QStringLiteral("assigned"), qint64(arm.assigned) },
                                  { QStringLiteral("assignedUnit"),
                                    experiment.splitOnUsers ? QStringLiteral("users") : QStringLiteral("requests") },
                                  { QStringLiteral("impressions"), qint64(arm.exposures) },
                                  { QStringLiteral("clicks"), qint64(arm.clicks) },
                                  { QStringLiteral("conversions"), qint64(arm.conversions) },
                                  { QStringLiteral("revenue"), formatMoney(arm.revenue) },
                                  { QStringLiteral("spend"), formatMoney(arm.cost) },
                                  { QStringLiteral("roas"), optionalNumber(ratio(arm.revenue, arm.cost)) } });
    QJsonArray split;
    for (double w : experiment.split)
        split.append(w);
    return { { QStringLiteral("run"), experiment.label },
             { QStringLiteral("arms"), arms },
             { QStringLiteral("weights"), split },
             { QStringLiteral("winRates"), winRates } };
}

} // namespace bidlab::stats
