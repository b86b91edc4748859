// SPDX-License-Identifier: MIT
#include "ui/history/run_report.h"

#include "core/common/money.h"
#include "core/engine/engine_config.h"
#include "ui/live/campaign_figures.h"
#include "ui/live/optional_cell.h"

#include <algorithm>

#include <QCoreApplication>
#include <QDateTime>

namespace bidlab::ui {

namespace {

using engine::Counters;
using engine::RunSummary;
using engine::SeriesPoint;
using report::Column;
using report::ColumnKind;

QString tr(const char* text)
{
    return QCoreApplication::translate("RunReport", text);
}

double ms(qint64 nanoseconds)
{
    return double(nanoseconds) / 1e6;
}

QString strategyText(const bidding::StrategyParams& p)
{
    using bidding::StrategyKind;
    const QString name = bidding::strategyName(p.kind);
    switch (p.kind) {
    case StrategyKind::Seed:
        return tr("%1: floor × (1 + LTV) × (1 + relevance), capped at the campaign's max bid").arg(name);
    case StrategyKind::Constant:
        return tr("%1: %2 CPM").arg(name, formatMoney(p.baseBidCpm));
    case StrategyKind::Random:
        return tr("%1: uniform %2..%3 CPM").arg(name, formatMoney(p.randomMinCpm), formatMoney(p.randomMaxCpm));
    case StrategyKind::Linear:
        return tr("%1: base bid %2 CPM at an average CTR of %3 %")
            .arg(name, formatMoney(p.baseBidCpm), QString::number(p.averageCtr * 100, 'g', 4));
    case StrategyKind::Ortb:
        return tr("%1 (form %2): c = %3 CPM, λ = %4")
            .arg(name)
            .arg(p.ortbForm)
            .arg(formatMoney(p.ortbCCpm))
            .arg(p.ortbLambda, 0, 'g', 4);
    }
    return name;
}

QList<QPair<QString, QString>> parameters(const RunSummary& run)
{
    QList<QPair<QString, QString>> list;
    list.append({ tr("Started"), QDateTime::fromMSecsSinceEpoch(run.startedAtMs).toUTC().toString(Qt::ISODate) });
    list.append({ tr("Duration"), tr("%1 s").arg(run.seconds, 0, 'f', 1) });
    list.append({ tr("End"), run.endReason.isEmpty() ? engine::engineStateName(run.endState) : run.endReason });
    const Expected<engine::EngineConfig> config = engine::EngineConfig::fromJson(run.scenario);
    if (!config.ok()) {
        list.append({ tr("Scenario"), tr("unreadable: %1").arg(config.error()) });
        return list;
    }
    const engine::EngineConfig& c = *config;
    if (!c.name.isEmpty())
        list.append({ tr("Scenario"), c.name });
    list.append({ tr("Workers"), QString::number(c.workers) });
    list.append({ tr("Target QPS"), c.unlimitedQps ? tr("unlimited") : QString::number(c.targetQps) });
    const std::vector<engine::ArmConfig> arms = c.effectiveArms();
    for (const engine::ArmConfig& arm : arms) {
        const QString key = arms.size() == 1 ? tr("Strategy") : tr("Arm %1 (weight %2)").arg(arm.name).arg(arm.weight);
        list.append({ key, strategyText(arm.strategy) + (arm.strategy.shading ? tr(", shaded") : QString()) });
    }
    list.append(
        { tr("Auction"), c.auction == engine::AuctionType::FirstPrice ? tr("first price") : tr("second price") });
    list.append({ tr("tmax"), tr("%1 ms").arg(c.tmaxMs) });
    list.append({ tr("Seed"), QString::number(c.seed) });
    list.append({ tr("Campaigns"),
                  QString::number(c.world.campaigns.empty() ? c.world.campaignCount : int(c.world.campaigns.size())) });
    list.append({ tr("Bot share"), QStringLiteral("%1 %").arg(c.world.botShare * 100, 0, 'g', 4) });
    list.append({ tr("Even pacing"), c.world.evenPacing ? tr("yes") : tr("no") });
    list.append({ tr("Deterministic"), c.deterministic ? tr("yes (virtual clock)") : tr("no") });
    list.append({ tr("Traffic"),
                  c.traffic.path.isEmpty() ? c.traffic.kind : c.traffic.kind + QStringLiteral(": ") + c.traffic.path });
    list.append({ tr("CTR model"), c.modelPath.isEmpty() ? tr("built-in") : c.modelPath });
    return list;
}

report::Kpi kpi(const QString& name, const QVariant& value, ColumnKind kind, int decimals = 2, const QString& note = {})
{
    return report::Kpi { name, value, Column { QString(), kind, decimals }, note };
}

QList<report::Kpi> kpis(const RunSummary& run)
{
    const Counters& t = run.totals;
    const engine::Rates r = engine::Rates::of(t, run.seconds);
    return {
        kpi(tr("Requests"), t.generated, ColumnKind::Integer),
        kpi(tr("Mean QPS"), cellOf(r.qps), ColumnKind::Decimal, 0),
        kpi(tr("Bids"), t.bids, ColumnKind::Integer),
        kpi(tr("Bid rate"), cellOf(r.bidRate), ColumnKind::Percent),
        kpi(tr("Wins"), t.wins, ColumnKind::Integer),
        kpi(tr("Win rate"), cellOf(r.winRate), ColumnKind::Percent),
        kpi(tr("Clicks"), t.clicks, ColumnKind::Integer),
        kpi(tr("CTR"), cellOf(r.ctr), ColumnKind::Percent, 3),
        kpi(tr("Conversions"), t.conversions, ColumnKind::Integer),
        kpi(tr("CVR"), cellOf(r.cvr), ColumnKind::Percent),
        kpi(tr("Spend"), qint64(t.spend), ColumnKind::Money),
        kpi(tr("Revenue"), qint64(t.revenue), ColumnKind::Money),
        kpi(tr("ROAS"), cellOf(r.roas), ColumnKind::Decimal),
        kpi(tr("eCPC"), cellOf(r.ecpc), ColumnKind::Decimal, 3),
        kpi(tr("CPM"), cellOf(r.cpm), ColumnKind::Decimal, 3),
        kpi(tr("Latency p50 (ms)"), ms(run.latency.p50), ColumnKind::Decimal, 3),
        kpi(tr("Latency p99 (ms)"), ms(run.latency.p99), ColumnKind::Decimal, 3),
        kpi(tr("Latency p99.9 (ms)"), ms(run.latency.p999), ColumnKind::Decimal, 3),
        kpi(tr("Worker restarts"), run.workerRestarts, ColumnKind::Integer),
    };
}

report::Table accountingTable(const RunSummary& run)
{
    const Counters& t = run.totals;
    report::Table table;
    table.title = tr("Accounting: every generated request ends as exactly one outcome");
    table.columns = { { tr("outcome"), ColumnKind::Text },
                      { tr("requests"), ColumnKind::Integer },
                      { tr("share of generated"), ColumnKind::Percent } };
    const auto share = [&](qint64 n) { return cellOf(ratio(double(n), double(t.generated))); };
    table.rows = {
        { tr("generated"), t.generated, share(t.generated) },
        { tr("bids"), t.bids, share(t.bids) },
        { tr("no-bids"), t.noBids, share(t.noBids) },
        { tr("timeouts"), t.timeouts, share(t.timeouts) },
        { tr("shed"), t.shed, share(t.shed) },
        { tr("bids + no-bids + timeouts + shed"), t.answered(), share(t.answered()) },
        { tr("in flight at the end"), run.inFlightAtEnd, share(run.inFlightAtEnd) },
        { tr("re-dispatched (not an outcome)"), t.redispatched, share(t.redispatched) },
    };
    return table;
}

report::Table workersTable(const RunSummary& run)
{
    report::Table table;
    table.title = tr("Workers");
    table.columns = { { tr("worker"), ColumnKind::Integer },
                      { tr("pid"), ColumnKind::Integer },
                      { tr("state"), ColumnKind::Text },
                      { tr("answered"), ColumnKind::Integer },
                      { tr("restarts"), ColumnKind::Integer } };
    for (const engine::WorkerRow& w : run.workers)
        table.rows.append({ w.id, w.pid, engine::workerStateName(w.state), w.answered, w.restarts });
    return table;
}

report::Table campaignsTable(const RunSummary& run)
{
    report::Table table;
    table.title = tr("Campaigns");
    table.columns = { { tr("campaign"), ColumnKind::Text },       { tr("daily budget"), ColumnKind::Money },
                      { tr("spend"), ColumnKind::Money },         { tr("revenue"), ColumnKind::Money },
                      { tr("bids"), ColumnKind::Integer },        { tr("wins"), ColumnKind::Integer },
                      { tr("win rate"), ColumnKind::Percent },    { tr("clicks"), ColumnKind::Integer },
                      { tr("conversions"), ColumnKind::Integer }, { tr("eCPC"), ColumnKind::Decimal, 3 },
                      { tr("ROAS"), ColumnKind::Decimal, 2 } };
    for (const engine::CampaignRow& c : run.campaigns) {
        table.rows.append({ c.name, qint64(c.dailyBudget), qint64(c.spend), qint64(c.revenue), c.bids, c.wins,
                            cellOf(campaign::winRate(c)), c.clicks, c.conversions, cellOf(campaign::ecpc(c)),
                            cellOf(campaign::roas(c)) });
    }
    return table;
}

report::Table armsTable(const RunSummary& run)
{
    report::Table table;
    table.title = tr("A/B arms");
    table.columns = { { tr("arm"), ColumnKind::Text },
                      { tr("requests"), ColumnKind::Integer },
                      { tr("bids"), ColumnKind::Integer },
                      { tr("wins"), ColumnKind::Integer },
                      { tr("impressions"), ColumnKind::Integer },
                      { tr("clicks"), ColumnKind::Integer },
                      { tr("conversions"), ColumnKind::Integer },
                      { tr("spend"), ColumnKind::Money },
                      { tr("revenue"), ColumnKind::Money },
                      { tr("users"), ColumnKind::Integer } };
    for (const engine::ArmRow& a : run.arms) {
        table.rows.append({ a.name, a.requests, a.bids, a.wins, a.impressions, a.clicks, a.conversions, qint64(a.spend),
                            qint64(a.revenue), a.users });
    }
    return table;
}

report::Table markersTable(const QList<RunMarker>& markers)
{
    report::Table table;
    table.title = tr("Chart markers");
    table.columns = { { tr("time_s"), ColumnKind::Decimal, 1 },
                      { tr("kind"), ColumnKind::Text },
                      { tr("text"), ColumnKind::Text } };
    for (const RunMarker& m : markers)
        table.rows.append({ m.seconds, m.kind, m.text });
    return table;
}

// The row of the per-second series a marker falls in: the last second that starts at or before it (the first
// row for a marker before the first second).
qsizetype rowOfMarker(const QList<SeriesPoint>& series, double seconds)
{
    const auto after = std::upper_bound(series.cbegin(), series.cend(), seconds,
                                        [](double t, const SeriesPoint& p) { return t < double(p.second); });
    return std::max<qsizetype>(0, after - series.cbegin() - 1);
}

// The per-second series' last column: the markers of each second, joined (empty where there are none).
void addMarkerColumn(report::Table& series, const RunSummary& run, const QList<RunMarker>& markers)
{
    series.columns.append({ tr("markers"), ColumnKind::Text });
    QStringList texts(series.rows.size());
    for (const RunMarker& m : markers) {
        if (series.rows.isEmpty())
            break;
        QString& text = texts[rowOfMarker(run.series, m.seconds)];
        text += (text.isEmpty() ? QString() : QStringLiteral(" | ")) + m.text;
    }
    for (qsizetype i = 0; i < series.rows.size(); ++i)
        series.rows[i].append(texts[i].isEmpty() ? QVariant() : QVariant(texts[i]));
}

// A line chart over the seconds of a run.
report::Chart lineChart(const QString& title, const QString& yTitle)
{
    report::Chart chart;
    chart.title = title;
    chart.kind = report::ChartKind::Line;
    chart.xTitle = tr("time (s)");
    chart.yTitle = yTitle;
    return chart;
}

} // namespace

report::Table seriesTable(const RunSummary& run)
{
    report::Table table;
    table.title = tr("Per-second series");
    table.columns = {
        { tr("second"), ColumnKind::Integer },
        { tr("length_s"), ColumnKind::Decimal, 3 },
        { tr("target_qps"), ColumnKind::Integer },
        { tr("generated"), ColumnKind::Integer },
        { tr("bids"), ColumnKind::Integer },
        { tr("no_bids"), ColumnKind::Integer },
        { tr("timeouts"), ColumnKind::Integer },
        { tr("shed"), ColumnKind::Integer },
        { tr("wins"), ColumnKind::Integer },
        { tr("impressions"), ColumnKind::Integer },
        { tr("clicks"), ColumnKind::Integer },
        { tr("conversions"), ColumnKind::Integer },
        { tr("spend"), ColumnKind::Money },
        { tr("revenue"), ColumnKind::Money },
        { tr("latency_p50_ms"), ColumnKind::Decimal, 4 },
        { tr("latency_p99_ms"), ColumnKind::Decimal, 4 },
        { tr("latency_p999_ms"), ColumnKind::Decimal, 4 },
        { tr("workers_alive"), ColumnKind::Integer },
    };
    table.rows.reserve(run.series.size());
    for (const SeriesPoint& p : run.series) {
        const Counters& c = p.counters;
        table.rows.append({ p.second, p.length, p.targetQps > 0 ? QVariant(p.targetQps) : QVariant(), c.generated,
                            c.bids, c.noBids, c.timeouts, c.shed, c.wins, c.impressions, c.clicks, c.conversions,
                            qint64(c.spend), qint64(c.revenue), ms(p.p50Ns), ms(p.p99Ns), ms(p.p999Ns),
                            p.workersAlive });
    }
    return table;
}

QList<report::Chart> runCharts(const QList<LabelledRun>& runs)
{
    const bool several = runs.size() > 1;
    report::Chart qps = lineChart(tr("Target vs achieved QPS"), tr("k req/s"));
    report::Chart rates = lineChart(tr("Bid rate and win rate"), tr("%"));
    report::Chart latency = lineChart(tr("End-to-end latency"), tr("ms"));
    latency.logY = true;
    report::Chart money = lineChart(tr("Spend and revenue (cumulative)"), tr("units"));
    report::Chart roas = lineChart(tr("ROAS (cumulative)"), tr("revenue / spend"));
    for (const LabelledRun& labelled : runs) {
        const auto series = [&](const char* what) {
            report::Series s;
            s.name = several ? labelled.label + QStringLiteral(" ") + tr(what) : tr(what);
            return s;
        };
        report::Series target = series("target"), achieved = series("achieved");
        report::Series bidRate = series("bid rate"), winRate = series("win rate");
        report::Series p50 = series("p50"), p99 = series("p99"), p999 = series("p99.9");
        report::Series spend = series("spend"), revenue = series("revenue"), roasSeries = series("ROAS");
        Counters sum;
        for (const SeriesPoint& p : labelled.run->series) {
            const double x = p.second + p.length; // the point closes its second
            const Counters& c = p.counters;
            sum += c;
            if (p.targetQps > 0)
                target.points.append({ x, double(p.targetQps) / 1000 });
            if (p.length > 0)
                achieved.points.append({ x, double(c.generated) / p.length / 1000 });
            if (const auto r = ratio(double(c.bids), double(c.bids + c.noBids)))
                bidRate.points.append({ x, *r * 100 });
            if (const auto r = ratio(double(c.wins), double(c.bids)))
                winRate.points.append({ x, *r * 100 });
            p50.points.append({ x, ms(p.p50Ns) });
            p99.points.append({ x, ms(p.p99Ns) });
            p999.points.append({ x, ms(p.p999Ns) });
            spend.points.append({ x, toUnits(sum.spend) });
            revenue.points.append({ x, toUnits(sum.revenue) });
            if (const auto r = ratio(toUnits(sum.revenue), toUnits(sum.spend)))
                roasSeries.points.append({ x, *r });
        }
        if (!target.points.isEmpty())
            qps.series.append(target);
        qps.series.append(achieved);
        rates.series << bidRate << winRate;
        latency.series << p50 << p99;
        if (!several)
            latency.series << p999; // three percentiles per run would crowd an overlay
        money.series << spend << revenue;
        roas.series << roasSeries;
    }
    return { qps, rates, latency, money, roas };
}

report::Report runReport(const RunSummary& run, const QString& name, const QList<RunMarker>& markers)
{
    report::Report r;
    r.title = tr("Bidding run: %1").arg(name);
    r.subtitle = tr("%1 s, %2 requests, %3 workers at the end")
                     .arg(run.seconds, 0, 'f', 1)
                     .arg(run.totals.generated)
                     .arg(run.workers.size());
    r.created = QDateTime::currentDateTimeUtc();
    r.parameters = parameters(run);
    r.kpis = kpis(run);
    r.charts = runCharts({ LabelledRun { name, &run } });
    markCharts(r.charts, markers);
    r.tables = { seriesTable(run), accountingTable(run), workersTable(run), campaignsTable(run) };
    addMarkerColumn(r.tables.front(), run, markers);
    if (run.arms.size() > 1)
        r.tables.append(armsTable(run));
    if (!markers.isEmpty())
        r.tables.append(markersTable(markers));
    const Counters& t = run.totals;
    r.notes.append(run.accountingBalanced()
                       ? tr("Accounting balanced: %1 generated = %2 bids + %3 no-bids + %4 timeouts + %5 shed, "
                            "nothing in flight.")
                             .arg(t.generated)
                             .arg(t.bids)
                             .arg(t.noBids)
                             .arg(t.timeouts)
                             .arg(t.shed)
                       : tr("Accounting NOT balanced: %1 generated, %2 answered (bids + no-bids + timeouts + shed), "
                            "%3 in flight at the end.")
                             .arg(t.generated)
                             .arg(t.answered())
                             .arg(run.inFlightAtEnd));
    if (run.endState == engine::EngineState::Running || run.endState == engine::EngineState::Paused)
        r.notes.append(tr("The run was still going when this report was made; per-second latency percentiles are "
                          "the highest of each second's 100 ms ticks."));
    return r;
}

void markCharts(QList<report::Chart>& charts, const QList<RunMarker>& markers)
{
    constexpr int money = 3, roas = 4;
    for (const RunMarker& m : markers) {
        for (int i = 0; i < int(charts.size()); ++i) {
            if (m.chart == RunMarker::kAllCharts || m.chart == i || (m.chart == money && i == roas))
                charts[i].markers.append({ m.seconds, m.label });
        }
    }
}

} // namespace bidlab::ui
