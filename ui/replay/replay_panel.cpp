// SPDX-License-Identifier: MIT
#include "ui/replay/replay_panel.h"

#include "core/engine/replay_run_config.h"
#include "core/jobs/job_pool.h"
#include "core/jobs/job_tracker.h"
#include "core/replay/replay_report.h"
#include "ui/charts/chart_builder.h"
#include "ui/jobs/job_view.h"
#include "ui/replay/replay_controls.h"
#include "ui/report/report_table_model.h"

#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace bidlab::ui {

namespace {

using report::ColumnKind;

// The comparison of runs: one row per finished replay, the paper's columns.
report::Table runTable()
{
    report::Table table;
    table.title = QCoreApplication::translate("Replay", "Runs");
    const auto col = [](const char* name, ColumnKind kind, int decimals = 0) {
        return report::Column { QCoreApplication::translate("Replay", name), kind, decimals };
    };
    table.columns = { col("Campaign", ColumnKind::Text),       col("Log", ColumnKind::Text),
                      col("Strategy", ColumnKind::Text),       col("N", ColumnKind::Integer),
                      col("c0", ColumnKind::Decimal, 5),       col("B", ColumnKind::Integer),
                      col("Auctions", ColumnKind::Integer),    col("Impressions", ColumnKind::Integer),
                      col("Clicks", ColumnKind::Integer),      col("Cost", ColumnKind::Integer),
                      col("Win rate", ColumnKind::Percent, 2), col("CPM", ColumnKind::Decimal, 2),
                      col("eCPC", ColumnKind::Decimal, 2),     col("Seconds", ColumnKind::Decimal, 3) };
    return table;
}

QVariant optional(const std::optional<double>& value)
{
    return value ? QVariant(*value) : QVariant();
}

report::Row runRow(const replay::ReplayRun& run)
{
    const replay::ReplayCounts& t = run.result.totals;
    return { run.info.campaign,
             run.logName,
             replay::strategyLabel(run.strategy),
             run.result.rules.length,
             run.params.c0,
             qint64(run.result.rules.budget),
             qint64(t.auctions),
             qint64(t.impressions),
             qint64(t.clicks),
             qint64(t.cost),
             optional(t.winRate()),
             optional(t.cpm()),
             optional(t.ecpc()),
             run.loadSeconds + run.tableSeconds + run.replaySeconds };
}

QTableView* tableView(QAbstractItemModel* model, QWidget* parent, const QString& name)
{
    auto* view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setAlternatingRowColors(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->horizontalHeader()->setStretchLastSection(true);
    view->verticalHeader()->setVisible(false);
    return view;
}

} // namespace

ReplayPanel::ReplayPanel(QWidget* parent)
    : Panel(parent)
    , m_controls(new ReplayControls)
    , m_tracker(new jobs::JobTracker(this))
    , m_jobView(new JobView(this))
    , m_episodes(new ReportTableModel(this))
    , m_runs(new ReportTableModel(this))
{
    setObjectName(key());
    m_runs->setTable(runTable());
    m_jobView->setTracker(m_tracker);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_jobView);
    layout->addWidget(buildResults(), 1);

    connect(m_controls, &ReplayControls::runRequested, this, &ReplayPanel::run);
    connect(m_controls, &ReplayControls::runLiveRequested, this, &ReplayPanel::runLive);
    connect(m_tracker, &jobs::JobTracker::started, this, [this] { m_controls->setRunning(true); });
    connect(m_tracker, &jobs::JobTracker::finished, this,
            [this](jobs::JobTracker::Outcome outcome, const QString& message) {
                m_controls->setRunning(false);
                if (outcome == jobs::JobTracker::Outcome::Failed)
                    Q_EMIT statusMessage(message, 10'000);
            });
}

ReplayPanel::~ReplayPanel()
{
    // The controls live in the main window's control panel once shown; own them until then.
    if (!m_controls->parent())
        delete m_controls;
}

QWidget* ReplayPanel::controls()
{
    return m_controls;
}

QWidget* ReplayPanel::buildResults()
{
    auto* kpis = new QWidget(this);
    m_kpiGrid = new QGridLayout(kpis);
    m_kpiGrid->setContentsMargins(0, 0, 0, 0);
    auto* hint
        = new QLabel(tr("Choose a campaign and a log, then Run replay. Each run adds a row to Runs, so "
                        "strategies can be compared as in the RLB paper's table. Run live then replays the same log "
                        "through the live engine on the Live bidding tab."),
                     kpis);
    hint->setWordWrap(true);
    hint->setObjectName(QStringLiteral("replayHint"));
    m_kpiGrid->addWidget(hint, 0, 0, 1, 10);

    m_chartView = new QChartView(this);
    m_chartView->setObjectName(QStringLiteral("replaySpendingChart"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(220);

    auto* tables = new QTabWidget(this);
    m_episodeView = tableView(m_episodes, tables, QStringLiteral("replayEpisodes"));
    m_runView = tableView(m_runs, tables, QStringLiteral("replayRuns"));
    tables->addTab(m_episodeView, tr("Episodes"));
    tables->addTab(m_runView, tr("Runs"));
    tables->setCurrentIndex(1);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_chartView);
    splitter->addWidget(tables);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* results = new QWidget(this);
    auto* layout = new QVBoxLayout(results);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(kpis);
    layout->addWidget(splitter, 1);
    return results;
}

bool ReplayPanel::run()
{
    return start(false);
}

bool ReplayPanel::runLive()
{
    return start(true);
}

bool ReplayPanel::start(bool live)
{
    const auto params = m_controls->params();
    if (!params) {
        Q_EMIT statusMessage(params.error(), 8000);
        return false;
    }
    m_tracker->track(jobs::runJob<replay::ReplayRun>(jobs::jobPool(), &replay::runReplayJob, *params),
                     [this, live](const replay::ReplayRun& run) {
                         show(run);
                         if (live)
                             handOver(run);
                     });
    return true;
}

void ReplayPanel::handOver(const replay::ReplayRun& run)
{
    // The live replay needs the finished replay: its budget, bid cap and the strategy's (tuned) parameters.
    Expected<engine::EngineConfig> config = engine::liveReplayConfig(run, engine::EngineConfig {}.workers);
    if (!config) {
        Q_EMIT statusMessage(tr("The replay cannot run live: %1").arg(config.error()), 10'000);
        return;
    }
    if (const qint64 qps = m_controls->liveQps(); qps > 0) {
        config->unlimitedQps = false;
        config->targetQps = qps;
    }
    Q_EMIT runLiveRequested(*config);
}

void ReplayPanel::show(const replay::ReplayRun& run)
{
    report::Table runs = m_runs->table();
    runs.rows.append(runRow(run));
    m_runs->setTable(std::move(runs));
    report::Report out = replayReport(run);
    showKpis(out);
    m_episodes->setTable(out.tables.value(0));
    m_episodeView->resizeColumnsToContents();
    m_runView->resizeColumnsToContents();
    if (!out.charts.isEmpty()) {
        QChart* old = m_chartView->chart();
        m_chartView->setChart(buildChart(out.charts.first()));
        delete old;
    }
    out.tables.append(m_runs->table()); // the comparison travels with the export
    m_report = std::move(out);
    Q_EMIT reportChanged();
    Q_EMIT statusMessage(tr("Replayed %1 auctions of %2 with %3.")
                             .arg(run.result.totals.auctions)
                             .arg(run.logName, replay::strategyLabel(run.strategy)),
                         5000);
}

void ReplayPanel::showKpis(const report::Report& report)
{
    if (m_kpiLabels.isEmpty()) {
        QLayoutItem* hint = m_kpiGrid->takeAt(0);
        delete hint->widget();
        delete hint;
        for (int i = 0; i < report.kpis.size(); ++i) {
            auto* name = new QLabel(m_kpiGrid->parentWidget());
            auto* value = new QLabel(m_kpiGrid->parentWidget());
            value->setObjectName(QStringLiteral("kpi%1").arg(i));
            QFont bold = value->font();
            bold.setBold(true);
            bold.setPointSizeF(bold.pointSizeF() * 1.3);
            value->setFont(bold);
            value->setTextInteractionFlags(Qt::TextSelectableByMouse);
            m_kpiGrid->addWidget(name, 0, i);
            m_kpiGrid->addWidget(value, 1, i);
            m_kpiLabels.append(qMakePair(name, value));
        }
    }
    for (int i = 0; i < report.kpis.size() && i < m_kpiLabels.size(); ++i) {
        const report::Kpi& kpi = report.kpis[i];
        m_kpiLabels[i].first->setText(kpi.name);
        m_kpiLabels[i].second->setText(report::formatCell(kpi.value, kpi.format));
        m_kpiLabels[i].second->setToolTip(kpi.note);
    }
}

QString ReplayPanel::kpiText(const QString& name) const
{
    for (const auto& [label, value] : m_kpiLabels) {
        if (label->text() == name)
            return value->text();
    }
    return {};
}

void ReplayPanel::applyStartupOptions(const QVariantMap& options)
{
    // --start runs the replay when this is the tab the window opens on.
    if (!options.value(QStringLiteral("start")).toBool())
        return;
    for (QWidget* p = parentWidget(); p; p = p->parentWidget()) {
        if (auto* tabs = qobject_cast<QTabWidget*>(p)) {
            if (tabs->currentWidget() == this)
                run();
            return;
        }
    }
}

void ReplayPanel::saveSettings(QSettings& settings) const
{
    m_controls->saveSettings(settings);
}

void ReplayPanel::restoreSettings(QSettings& settings)
{
    m_controls->restoreSettings(settings);
}

} // namespace bidlab::ui
