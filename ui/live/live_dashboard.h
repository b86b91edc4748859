// SPDX-License-Identifier: MIT
#pragma once

#include "core/anomaly/live_monitor.h"
#include "core/engine/engine_snapshot.h"
#include "ui/live/live_chart_grid.h"
#include "ui/live/run_marker.h"

#include <QTimer>
#include <QWidget>

class QAction;
class QSplitter;
class QTabWidget;
class QTableView;
class QSortFilterProxyModel;

namespace bidlab::ui {

class CampaignTableModel;
class EventLogModel;
class EventLogView;
class KpiBoard;
class LiveChartGrid;
class ScatterPlot;
class WorkerTableModel;

// What a running engine looks like: KPI tiles, the four live charts, and beneath them the workers table
// (with "Kill process"), the per-campaign view with the bid landscape, and the event log. It is fed with
// values only (snapshots, events, a run's summary), never touches the engine, and draws at most once per
// frame: snapshots are taken as they come (their chart points go into ring buffers, the KPI tracker notes
// the totals), and a 40 ms single-shot timer then moves the newest state to the screen, so a burst of
// queued snapshots after a busy moment costs one redraw.
class LiveDashboard : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kFrameMs = 40;

    explicit LiveDashboard(QWidget* parent = nullptr);
    ~LiveDashboard() override;

    // A new run starts: empties charts, tiles, tables and the log.
    void clear();
    void addSnapshot(const engine::EngineSnapshot& snapshot);
    void addEvent(const engine::EngineEvent& event);
    // A live alert (LiveMonitor::alertRaised): a line in the event log (run time, severity, rule, metric,
    // value) and a marker on the chart that shows its metric (chartForMetric).
    void addAlert(const anomaly::LiveAlert& alert);
    // The chart an alert on this metric is marked on: qps and worker restarts on the QPS chart, bid/win rate,
    // CTR and the filtered share on the rates chart, p99 on the latency chart, spend rate and ROAS on money.
    static LiveChartGrid::Chart chartForMetric(const QString& metric);
    // The markers on the charts since the last clear(), oldest first (the charts themselves keep the newest
    // LiveChart::kMaxMarkers): the run report lists them.
    const QList<RunMarker>& markers() const { return m_markers; }
    // The run ended: tiles show its totals, tables its last rows.
    void showSummary(const engine::RunSummary& summary);
    // Draws the pending state now (the frame timer does it otherwise).
    void redraw();
    void setChartWindow(double seconds);

    LiveChartGrid* charts() const { return m_charts; }
    KpiBoard* kpis() const { return m_kpis; }
    WorkerTableModel* workerModel() const { return m_workers; }
    CampaignTableModel* campaignModel() const { return m_campaigns; }
    EventLogModel* eventModel() const { return m_events; }
    QTableView* workerView() const { return m_workerView; }
    // "Kill process": SIGKILL to the selected worker (its context menu holds it too).
    QAction* killAction() const { return m_killAction; }
    QTableView* campaignView() const { return m_campaignView; }
    QSortFilterProxyModel* campaignProxy() const { return m_campaignProxy; }
    ScatterPlot* landscape() const { return m_landscape; }
    QSplitter* splitter() const { return m_splitter; }
    QTabWidget* details() const { return m_details; }
    qint64 redrawCount() const { return m_redraws; }
    // How long the last redraw() took (moving the data to the charts, tables and tiles; painting follows).
    qint64 lastRedrawNs() const { return m_lastRedrawNs; }
    // The same in CPU time of the GUI thread (without the waits for a core on a busy machine).
    qint64 lastRedrawCpuNs() const { return m_lastRedrawCpuNs; }

    QByteArray saveState() const;
    void restoreState(const QByteArray& state);

Q_SIGNALS:
    // "Kill process" on a worker row.
    void killWorkerRequested(int workerId);
    // A redraw() moved new state to the widgets (benchmarks measure the painting that follows).
    void redrawn();

protected:
    void showEvent(QShowEvent* event) override;

private:
    QWidget* createWorkersPage();
    void updateLandscape();
    QWidget* createCampaignsPage();
    void showWorkerMenu(const QPoint& position);
    void updateEventsTabTitle();
    void scheduleRedraw();
    void mark(const RunMarker& marker, const QColor& color);

    KpiBoard* m_kpis;
    LiveChartGrid* m_charts;
    QSplitter* m_splitter;
    QTabWidget* m_details;
    WorkerTableModel* m_workers;
    QTableView* m_workerView = nullptr;
    QAction* m_killAction = nullptr;
    CampaignTableModel* m_campaigns;
    QSortFilterProxyModel* m_campaignProxy = nullptr;
    QTableView* m_campaignView = nullptr;
    QSplitter* m_campaignSplitter = nullptr;
    ScatterPlot* m_landscape = nullptr;
    EventLogModel* m_events;
    EventLogView* m_eventView;
    QList<RunMarker> m_markers;
    QTimer m_frame;
    bool m_tablesDirty = false;
    bool m_campaignColumnsFitted = false;
    engine::EngineSnapshot m_latest;
    qint64 m_slowTick = -1; // tick of the last update of hidden parts
    qint64 m_redraws = 0;
    qint64 m_lastRedrawNs = 0;
    qint64 m_lastRedrawCpuNs = 0;
};

} // namespace bidlab::ui
