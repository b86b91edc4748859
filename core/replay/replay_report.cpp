// SPDX-License-Identifier: MIT
#include "core/replay/replay_report.h"

#include "core/replay/replay_input.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace bidlab::replay {

namespace {

using report::Column;
using report::ColumnKind;

QString tr(const char* text)
{
    return QCoreApplication::translate("Replay", text);
}

QVariant optional(const std::optional<double>& value)
{
    return value ? QVariant(*value) : QVariant();
}

QVariant budgetUsed(std::int64_t cost, std::int64_t budget)
{
    return budget > 0 ? QVariant(static_cast<double>(cost) / static_cast<double>(budget)) : QVariant();
}

report::Kpi kpi(const QString& name, const QVariant& value, ColumnKind kind, int decimals = 2, const QString& note = {})
{
    return { name, value, { QString(), kind, decimals }, note };
}

QList<report::Kpi> kpis(const ReplayRun& run)
{
    const ReplayCounts& t = run.result.totals;
    const std::int64_t budgetTotal = run.result.rules.budget * static_cast<std::int64_t>(run.result.episodes.size());
    return {
        kpi(tr("Auctions"), qint64(t.auctions), ColumnKind::Integer),
        kpi(tr("Bids"), qint64(t.bids), ColumnKind::Integer),
        kpi(tr("Impressions"), qint64(t.impressions), ColumnKind::Integer),
        kpi(tr("Clicks"), qint64(t.clicks), ColumnKind::Integer, 0, tr("of %1 in the log").arg(run.logClicks)),
        kpi(tr("Cost (CPM units)"), qint64(t.cost), ColumnKind::Integer, 0, tr("Σ paid prices, as the paper counts")),
        kpi(tr("Spend"), qint64(spendMicros(t.cost)), ColumnKind::Money, 2, tr("in the log's currency")),
        kpi(tr("Win rate"), optional(t.winRate()), ColumnKind::Percent),
        kpi(tr("CPM"), optional(t.cpm()), ColumnKind::Decimal, 2, tr("price units")),
        kpi(tr("eCPC"), optional(t.ecpc()), ColumnKind::Decimal, 2, tr("price units per click")),
        kpi(tr("Budget used"), budgetUsed(t.cost, budgetTotal), ColumnKind::Percent),
    };
}

report::Table episodeTable(const ReplayRun& run)
{
    report::Table table;
    table.title = tr("Episodes");
    table.columns = { { tr("Episode"), ColumnKind::Integer, 0 },     { tr("Auctions"), ColumnKind::Integer, 0 },
                      { tr("Bids"), ColumnKind::Integer, 0 },        { tr("Impressions"), ColumnKind::Integer, 0 },
                      { tr("Clicks"), ColumnKind::Integer, 0 },      { tr("Cost"), ColumnKind::Integer, 0 },
                      { tr("Budget used"), ColumnKind::Percent, 1 }, { tr("Win rate"), ColumnKind::Percent, 2 } };
    const std::vector<ReplayCounts>& episodes = run.result.episodes;
    table.rows.reserve(static_cast<qsizetype>(episodes.size()));
    for (std::size_t i = 0; i < episodes.size(); ++i) {
        const ReplayCounts& e = episodes[i];
        table.rows.push_back({ qint64(i + 1), qint64(e.auctions), qint64(e.bids), qint64(e.impressions),
                               qint64(e.clicks), qint64(e.cost), budgetUsed(e.cost, run.result.rules.budget),
                               optional(e.winRate()) });
    }
    return table;
}

QList<report::Chart> charts(const ReplayRun& run)
{
    report::Series spent { tr("spent (% of B)"), {} };
    report::Series clicks { tr("clicks"), {} };
    const std::vector<ReplayCounts>& episodes = run.result.episodes;
    for (std::size_t i = 0; i < episodes.size(); ++i) {
        const double x = static_cast<double>(i + 1);
        if (run.result.rules.budget > 0)
            spent.points.append({ x, 100.0 * episodes[i].cost / run.result.rules.budget });
        clicks.points.append({ x, static_cast<double>(episodes[i].clicks) });
    }
    report::Chart spending {
        tr("Spending per episode"), report::ChartKind::Line, tr("episode"), tr("spent (%)"), false, false, {}, { spent }
    };
    report::Chart clicked {
        tr("Clicks per episode"), report::ChartKind::Line, tr("episode"), tr("clicks"), false, false, {}, { clicks }
    };
    return { spending, clicked };
}

} // namespace

Micros spendMicros(std::int64_t cost)
{
    return cost * kPriceUnitMicros / 1000;
}

report::Report replayReport(const ReplayRun& run)
{
    report::Report out;
    const QString label = strategyLabel(run.strategy);
    out.title = tr("Replay: %1 on campaign %2").arg(label, run.info.campaign);
    out.subtitle = run.logName;
    out.created = QDateTime::currentDateTimeUtc();
    const EpisodeRules& rules = run.result.rules;
    out.parameters = {
        { tr("Log"), QFileInfo(run.params.logPath).absoluteFilePath() },
        { tr("Campaign"), QFileInfo(run.params.infoPath).absoluteFilePath() },
        { tr("Strategy"), label },
        { tr("Episode length N"), QString::number(rules.length) },
        { tr("c0"), QString::number(run.params.c0, 'g', 10) },
        { tr("Budget per episode B"), QString::number(rules.budget) },
        { tr("Bid cap"), QString::number(rules.maxBid) },
        { tr("Episodes"), QString::number(run.result.episodes.size()) },
    };
    if (run.params.maxAuctions >= 0)
        out.parameters.append({ tr("First auctions only"), QString::number(run.params.maxAuctions) });
    out.kpis = kpis(run);
    out.tables = { episodeTable(run) };
    out.charts = charts(run);
    out.notes = run.notes;
    if (needsValueTable(run.strategy.name))
        out.notes << (run.tableFromCache ? tr("Value table V(n, b) taken from the cache.")
                                         : tr("Value table V(n, b) computed in %1 s on %2 thread(s).")
                                               .arg(run.tableSeconds, 0, 'f', 3)
                                               .arg(run.threads));
    out.notes << tr("Replayed in %1 s on %2 thread(s).").arg(run.replaySeconds, 0, 'f', 3).arg(run.threads);
    return out;
}

} // namespace bidlab::replay
