// SPDX-License-Identifier: MIT
#include "ui/live/live_dashboard.h"

#include "ui/live/bid_landscape.h"
#include "ui/live/campaign_table_model.h"
#include "ui/live/event_log_model.h"
#include "ui/live/event_log_view.h"
#include "ui/live/kpi_board.h"
#include "ui/live/live_chart_grid.h"
#include "ui/live/worker_table_model.h"
#include "ui/widgets/live_chart.h"
#include "ui/widgets/scatter_plot.h"

#include <ctime>
#include <optional>

#include <QAction>
#include <QDataStream>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QIODevice>
#include <QLabel>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace bidlab::ui {

namespace {

constexpr int kSlowTicks = 10; // hidden parts and the landscape: once a second
constexpr quint32 kStateVersion = 2; // 2: the workers table has a Model column

// Events worth a marker on the charts (a person sees where the lines changed and why): its label and colour.
// Frequent kinds (stderr, validation errors, budgets) stay in the log only.
struct ChartMarker
{
    QString label;
    QColor color;
};

std::optional<ChartMarker> chartMarkerFor(const engine::EngineEvent& event)
{
    using engine::EventKind;
    const QColor red(214, 39, 40);
    const QString worker = QString::number(event.worker);
    switch (event.kind) {
    case EventKind::WorkerCrashed: // the info line beside the error (requests taken back) is the same crash
        if (event.severity == engine::EventSeverity::Info)
            return std::nullopt;
        return ChartMarker { LiveDashboard::tr("worker %1 died").arg(worker), red };
    case EventKind::WorkerUnresponsive:
        return ChartMarker { LiveDashboard::tr("worker %1 hung").arg(worker), red };
    case EventKind::CrashLoop:
        return ChartMarker { LiveDashboard::tr("worker %1 crash loop").arg(worker), red };
    case EventKind::WorkerRestarted:
        return ChartMarker { LiveDashboard::tr("worker %1 back").arg(worker), QColor(44, 160, 44) };
    case EventKind::Incident:
        return ChartMarker { event.text, QColor(230, 126, 0) };
    default:
        return std::nullopt;
    }
}

qint64 threadCpuNs()
{
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return qint64(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

QTableView* makeTable(QWidget* parent, const QString& name)
{
    auto* table = new QTableView(parent);
    table->setObjectName(name);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setHighlightSections(false);
    return table;
}

} // namespace

LiveDashboard::LiveDashboard(QWidget* parent)
    : QWidget(parent)
    , m_kpis(new KpiBoard(this))
    , m_charts(new LiveChartGrid(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_details(new QTabWidget(this))
    , m_workers(new WorkerTableModel(this))
    , m_campaigns(new CampaignTableModel(this))
    , m_events(new EventLogModel(this))
    , m_eventView(new EventLogView(m_events, this))
{
    setObjectName(QStringLiteral("liveDashboard"));
    m_splitter->setObjectName(QStringLiteral("liveSplitter"));
    m_details->setObjectName(QStringLiteral("liveDetails"));
    m_details->setDocumentMode(true);
    m_details->addTab(createWorkersPage(), tr("Workers"));
    m_details->addTab(createCampaignsPage(), tr("Campaigns"));
    m_details->addTab(m_eventView, tr("Events"));
    m_splitter->addWidget(m_charts);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({ 3000, 1000 }); // charts first: three quarters of the height (a person moves it)
    m_splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_kpis);
    layout->addWidget(m_splitter, 1);

    m_frame.setSingleShot(true);
    m_frame.setInterval(kFrameMs);
    connect(&m_frame, &QTimer::timeout, this, &LiveDashboard::redraw);
    connect(m_events, &EventLogModel::countsChanged, this, &LiveDashboard::updateEventsTabTitle);
    updateEventsTabTitle();
}

LiveDashboard::~LiveDashboard() = default;

QWidget* LiveDashboard::createWorkersPage()
{
    m_workerView = makeTable(this, QStringLiteral("workerTable"));
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_workers);
    proxy->setSortRole(WorkerTableModel::SortRole);
    m_workerView->setModel(proxy);
    m_workerView->setSortingEnabled(true);
    m_workerView->sortByColumn(WorkerTableModel::Id, Qt::AscendingOrder);
    m_workerView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_workerView->setContextMenuPolicy(Qt::CustomContextMenu);

    m_killAction = new QAction(tr("Kill process (SIGKILL)"), m_workerView);
    m_killAction->setObjectName(QStringLiteral("killWorker"));
    m_killAction->setToolTip(tr("Send SIGKILL to the selected worker process and watch the engine recover: its "
                                "requests are re-dispatched and it is restarted."));
    m_killAction->setShortcut(QKeySequence::Delete);
    m_killAction->setShortcutContext(Qt::WidgetShortcut);
    m_killAction->setEnabled(false);
    m_workerView->addAction(m_killAction);
    connect(m_killAction, &QAction::triggered, this, [this, proxy] {
        const QModelIndexList rows = m_workerView->selectionModel()->selectedRows();
        if (rows.isEmpty())
            return;
        const int id = m_workers->workerId(proxy->mapToSource(rows.front()).row());
        if (id >= 0)
            Q_EMIT killWorkerRequested(id);
    });
    connect(m_workerView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_killAction->setEnabled(m_workerView->selectionModel()->hasSelection()); });
    connect(m_workerView, &QWidget::customContextMenuRequested, this, &LiveDashboard::showWorkerMenu);
    return m_workerView;
}

void LiveDashboard::showWorkerMenu(const QPoint& position)
{
    const QModelIndex index = m_workerView->indexAt(position);
    if (!index.isValid())
        return;
    m_workerView->selectRow(index.row());
    QMenu menu(this);
    menu.addAction(m_killAction);
    menu.exec(m_workerView->viewport()->mapToGlobal(position));
}

QWidget* LiveDashboard::createCampaignsPage()
{
    m_campaignSplitter = new QSplitter(Qt::Horizontal, this);
    m_campaignSplitter->setObjectName(QStringLiteral("campaignSplitter"));
    m_campaignView = makeTable(m_campaignSplitter, QStringLiteral("campaignTable"));
    m_campaignProxy = new QSortFilterProxyModel(this);
    m_campaignProxy->setSourceModel(m_campaigns);
    m_campaignProxy->setSortRole(CampaignTableModel::SortRole);
    m_campaignView->setModel(m_campaignProxy);
    m_campaignView->setSortingEnabled(true);
    m_campaignView->sortByColumn(CampaignTableModel::Spend, Qt::DescendingOrder);
    // Widths fitted once to the first rows (ResizeToContents would measure every row ten times a second).
    m_campaignView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_campaignView->horizontalHeader()->setStretchLastSection(true);

    m_landscape = new ScatterPlot(tr("Bid landscape by campaign"), tr("average price paid (CPM)"), tr("win rate (%)"),
                                  m_campaignSplitter);
    m_landscape->setObjectName(QStringLiteral("bidLandscape"));
    m_landscape->setYRange(0, 100);
    m_landscape->setToolTip(tr("Each point is a campaign: its win rate against the average price it paid per won "
                               "impression (CPM). Campaigns with fewer than 20 bids are left out."));
    m_campaignSplitter->addWidget(m_campaignView);
    m_campaignSplitter->addWidget(m_landscape);
    m_campaignSplitter->setStretchFactor(0, 3);
    m_campaignSplitter->setStretchFactor(1, 2);
    return m_campaignSplitter;
}

void LiveDashboard::updateEventsTabTitle()
{
    const qint64 warnings = m_events->count(engine::EventSeverity::Warning);
    const qint64 errors = m_events->count(engine::EventSeverity::Error);
    QStringList counts;
    if (warnings > 0)
        counts << (warnings == 1 ? tr("1 warning") : tr("%1 warnings").arg(warnings));
    if (errors > 0)
        counts << (errors == 1 ? tr("1 error") : tr("%1 errors").arg(errors));
    QString title = tr("Events");
    if (!counts.isEmpty())
        title += QStringLiteral(" (%1)").arg(counts.join(QStringLiteral(", ")));
    const int index = m_details->indexOf(m_eventView);
    m_details->setTabText(index, title);
    m_details->setTabIcon(index,
                          errors > 0         ? style()->standardIcon(QStyle::SP_MessageBoxCritical)
                              : warnings > 0 ? style()->standardIcon(QStyle::SP_MessageBoxWarning)
                                             : QIcon());
}

void LiveDashboard::clear()
{
    m_frame.stop();
    m_charts->clear();
    m_kpis->tracker().clear();
    m_kpis->refresh();
    m_workers->clear();
    m_campaigns->clear();
    m_landscape->setPoints({});
    m_events->clear();
    m_markers.clear();
    m_latest = {};
    m_tablesDirty = false;
    m_slowTick = -1;
}

void LiveDashboard::addSnapshot(const engine::EngineSnapshot& snapshot)
{
    m_charts->add(snapshot);
    m_kpis->tracker().add(snapshot);
    m_latest = snapshot;
    m_tablesDirty = true;
    scheduleRedraw();
}

void LiveDashboard::addEvent(const engine::EngineEvent& event)
{
    m_events->add(event);
    if (const auto marker = chartMarkerFor(event))
        mark({ event.elapsedSeconds, engine::eventKindName(event.kind), marker->label, event.text }, marker->color);
}

void LiveDashboard::mark(const RunMarker& marker, const QColor& color)
{
    m_markers.append(marker);
    if (marker.chart == RunMarker::kAllCharts)
        m_charts->addMarker(marker.seconds, marker.label, color);
    else
        m_charts->chart(LiveChartGrid::Chart(marker.chart))->addMarker(marker.seconds, marker.label, color);
}

LiveChartGrid::Chart LiveDashboard::chartForMetric(const QString& metric)
{
    if (metric == QLatin1String("p99_latency_ms"))
        return LiveChartGrid::Latency;
    if (metric == QLatin1String("spend_rate") || metric == QLatin1String("roas"))
        return LiveChartGrid::Money;
    if (metric == QLatin1String("qps") || metric == QLatin1String("worker_restarts"))
        return LiveChartGrid::Qps;
    return LiveChartGrid::Rates; // bid_rate, win_rate, ctr, filtered_share
}

void LiveDashboard::addAlert(const anomaly::LiveAlert& live)
{
    const anomaly::Alert& a = live.alert;
    engine::EngineEvent event;
    event.timeMs = QDateTime::currentMSecsSinceEpoch();
    event.elapsedSeconds = static_cast<double>(a.raisedMs) / 1000.0;
    event.severity = a.severity == anomaly::Severity::Critical ? engine::EventSeverity::Error
        : a.severity == anomaly::Severity::Warning             ? engine::EventSeverity::Warning
                                                               : engine::EventSeverity::Info;
    event.kind = engine::EventKind::Warning;
    event.text = tr("Alert (%1): %2 on %3 = %4, score %5%6.")
                     .arg(anomaly::severityName(a.severity), a.rule, a.metric)
                     .arg(a.valueAtRaise, 0, 'g', 4)
                     .arg(a.peakScore, 0, 'f', 2)
                     .arg(live.incidentStartMs >= 0
                              ? tr(", %1 s after %2").arg(live.delayMs() / 1000.0, 0, 'f', 1).arg(live.incident)
                              : QString());
    m_events->add(event);
    mark({ event.elapsedSeconds, QStringLiteral("alert"), tr("alert: %1").arg(a.metric), event.text,
           chartForMetric(a.metric) },
         QColor(148, 52, 180));
    scheduleRedraw();
}

void LiveDashboard::showSummary(const engine::RunSummary& summary)
{
    m_kpis->tracker().showTotals(summary.totals);
    m_latest.workers = summary.workers;
    m_latest.campaigns = summary.campaigns;
    m_latest.simTimeMs = summary.simEndMs;
    m_tablesDirty = true;
    m_slowTick = -1; // everything, visible or not
    redraw();
}

void LiveDashboard::scheduleRedraw()
{
    if (!m_frame.isActive())
        m_frame.start();
}

void LiveDashboard::redraw()
{
    QElapsedTimer clock;
    clock.start();
    const qint64 cpuStart = threadCpuNs();
    m_frame.stop();
    // What is on screen follows every frame; what is hidden (another tab of the window or of the details)
    // once a second, so that a person looking elsewhere costs the GUI thread next to nothing.
    const bool slowTick = m_slowTick < 0 || m_latest.tick < m_slowTick || m_latest.tick - m_slowTick >= kSlowTicks;
    if (m_charts->isVisible() || slowTick)
        m_charts->refresh();
    m_kpis->refresh();
    if (m_tablesDirty) {
        if (m_workerView->isVisible() || slowTick)
            m_workers->setWorkers(m_latest.workers);
        if (m_campaignView->isVisible() || slowTick) {
            m_campaigns->setCampaigns(m_latest.campaigns, m_latest.simTimeMs);
            if (!m_campaignColumnsFitted && m_campaigns->rowCount() > 0 && m_campaignView->isVisible()) {
                m_campaignView->resizeColumnsToContents();
                m_campaignColumnsFitted = true;
            }
        }
        if (slowTick)
            updateLandscape(); // it moves slowly: once a second is enough
        m_tablesDirty = !slowTick; // hidden tables still owe an update
    }
    if (slowTick)
        m_slowTick = m_latest.tick;
    m_events->flush();
    ++m_redraws;
    m_lastRedrawNs = clock.nsecsElapsed();
    m_lastRedrawCpuNs = threadCpuNs() - cpuStart;
    Q_EMIT redrawn();
}

void LiveDashboard::updateLandscape()
{
    const QList<LandscapePoint> points = campaignLandscape(m_latest.campaigns);
    QList<QPointF> xy;
    QStringList labels;
    for (const LandscapePoint& p : points) {
        xy.append({ p.priceCpm, p.winRate * 100 });
        labels.append(tr("%1 (%2 bids)").arg(p.name).arg(p.bids));
    }
    m_landscape->setPoints(xy, labels);
}

void LiveDashboard::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_slowTick = -1; // catch up at once with what changed while hidden
    m_tablesDirty = true;
    scheduleRedraw();
}

void LiveDashboard::setChartWindow(double seconds)
{
    m_charts->setWindow(seconds);
}

QByteArray LiveDashboard::saveState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << kStateVersion << m_splitter->saveState() << m_campaignSplitter->saveState()
        << qint32(m_details->currentIndex()) << m_workerView->horizontalHeader()->saveState()
        << m_campaignView->horizontalHeader()->saveState();
    return state;
}

void LiveDashboard::restoreState(const QByteArray& state)
{
    QDataStream in(state);
    quint32 version = 0;
    QByteArray splitter, campaignSplitter, workerHeader, campaignHeader;
    qint32 tab = 0;
    in >> version;
    if (version != kStateVersion)
        return;
    in >> splitter >> campaignSplitter >> tab >> workerHeader >> campaignHeader;
    if (in.status() != QDataStream::Ok)
        return;
    m_splitter->restoreState(splitter);
    m_campaignSplitter->restoreState(campaignSplitter);
    m_details->setCurrentIndex(std::clamp(int(tab), 0, m_details->count() - 1));
    m_workerView->horizontalHeader()->restoreState(workerHeader);
    m_campaignColumnsFitted = m_campaignView->horizontalHeader()->restoreState(campaignHeader);
}

} // namespace bidlab::ui
