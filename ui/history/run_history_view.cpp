// SPDX-License-Identifier: MIT
#include "ui/history/run_history_view.h"

#include "core/common/money.h"
#include "ui/charts/chart_builder.h"
#include "ui/history/run_archive.h"
#include "ui/history/run_list_model.h"
#include "ui/history/run_report.h"
#include "ui/widgets/chart_view.h"

#include <QDataStream>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIODevice>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace bidlab::ui {

namespace {

constexpr quint32 kStateVersion = 1;

} // namespace

RunHistoryView::RunHistoryView(RunArchive* archive, QWidget* parent)
    : QWidget(parent)
    , m_archive(archive)
    , m_model(new RunListModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_heading(new QLabel(this))
    , m_open(new QPushButton(tr("Open"), this))
    , m_overlay(new QPushButton(tr("Overlay two"), this))
    , m_rerun(new QPushButton(tr("Re-run"), this))
    , m_delete(new QPushButton(tr("Delete"), this))
{
    setObjectName(QStringLiteral("runHistory"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(RunListModel::SortRole);
    m_table->setObjectName(QStringLiteral("runTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(RunListModel::Id, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);

    m_open->setToolTip(tr("Draw the selected run's charts again."));
    m_overlay->setToolTip(tr("Draw two selected runs on the same charts to compare them."));
    m_rerun->setToolTip(tr("Start a new run with the selected run's scenario."));
    m_delete->setToolTip(tr("Remove the selected runs from the history."));
    m_open->setObjectName(QStringLiteral("openRun"));
    m_overlay->setObjectName(QStringLiteral("overlayRuns"));
    m_rerun->setObjectName(QStringLiteral("rerunRun"));
    m_delete->setObjectName(QStringLiteral("deleteRun"));
    auto* refresh = new QPushButton(tr("Refresh"), this);

    auto* left = new QWidget(m_splitter);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_table, 1);
    auto* buttons = new QGridLayout;
    buttons->addWidget(m_open, 0, 0);
    buttons->addWidget(m_overlay, 0, 1);
    buttons->addWidget(m_rerun, 0, 2);
    buttons->addWidget(m_delete, 1, 0);
    buttons->addWidget(refresh, 1, 2);
    leftLayout->addLayout(buttons);

    auto* right = new QWidget(m_splitter);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_heading->setObjectName(QStringLiteral("runHeading"));
    m_heading->setWordWrap(true);
    m_heading->setText(tr("Select a run and open it (or two, and overlay them)."));
    rightLayout->addWidget(m_heading);
    auto* grid = new QGridLayout;
    grid->setSpacing(4);
    for (int i = 0; i < 4; ++i) {
        m_charts[std::size_t(i)] = new ChartView(right);
        grid->addWidget(m_charts[std::size_t(i)], i / 2, i % 2);
    }
    rightLayout->addLayout(grid, 1);
    m_splitter->addWidget(left);
    m_splitter->addWidget(right);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_splitter);

    connect(m_open, &QPushButton::clicked, this, &RunHistoryView::openSelected);
    connect(m_overlay, &QPushButton::clicked, this, &RunHistoryView::overlaySelected);
    connect(m_rerun, &QPushButton::clicked, this, &RunHistoryView::rerunSelected);
    connect(m_delete, &QPushButton::clicked, this, [this] { deleteSelected(true); });
    connect(refresh, &QPushButton::clicked, m_archive, &RunArchive::refresh);
    connect(m_table, &QTableView::doubleClicked, this, &RunHistoryView::openSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunHistoryView::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RunHistoryView::updateButtons);

    connect(m_archive, &RunArchive::listed, this, [this](const QList<store::RunInfo>& runs) {
        const bool first = m_model->rowCount() == 0;
        m_model->setRuns(runs);
        if (first && !runs.isEmpty() && !m_headerRestored)
            m_table->resizeColumnsToContents();
    });
    connect(m_archive, &RunArchive::loaded, this, [this](const store::StoredRun& run) {
        if (run.info.id == m_rerunId) {
            m_rerunId = -1;
            const Expected<engine::EngineConfig> config = engine::EngineConfig::fromJson(run.summary.scenario);
            if (config.ok())
                Q_EMIT rerunRequested(*config, label(run));
            else
                Q_EMIT statusMessage(tr("Run #%1 cannot be re-run: %2").arg(run.info.id).arg(config.error()), 8000);
        }
        show({ run });
    });
    connect(m_archive, &RunArchive::pairLoaded, this, [this](const store::StoredRun& a, const store::StoredRun& b) {
        show({ a, b });
    });
    connect(m_archive, &RunArchive::removed, this, [this](qint64 id) {
        Q_EMIT statusMessage(tr("Deleted run #%1.").arg(id), 4000);
        if (shownRuns().contains(id)) {
            m_shown.clear();
            for (ChartView* chart : m_charts)
                chart->showChart(new QChart);
            m_heading->setText(tr("Run #%1 was deleted.").arg(id));
            Q_EMIT reportChanged();
        }
    });
    updateButtons();
}

QString RunHistoryView::label(const store::StoredRun& run)
{
    return run.info.name.isEmpty() ? tr("#%1").arg(run.info.id) : tr("#%1 %2").arg(run.info.id).arg(run.info.name);
}

QList<qint64> RunHistoryView::selectedIds() const
{
    QList<qint64> ids;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex& row : rows)
        ids.append(row.data(RunListModel::IdRole).toLongLong());
    std::sort(ids.begin(), ids.end());
    return ids;
}

void RunHistoryView::selectRuns(const QList<qint64>& ids)
{
    QItemSelection selection;
    for (const qint64 id : ids) {
        const int row = m_model->rowOfRun(id);
        if (row < 0)
            continue;
        const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
        selection.select(index, index);
    }
    m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void RunHistoryView::updateButtons()
{
    const qsizetype selected = m_table->selectionModel()->selectedRows().size();
    m_open->setEnabled(selected == 1);
    m_overlay->setEnabled(selected == 2);
    m_rerun->setEnabled(selected == 1);
    m_delete->setEnabled(selected >= 1);
}

void RunHistoryView::openSelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.size() == 1)
        m_archive->load(ids.front());
}

void RunHistoryView::overlaySelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.size() == 2)
        m_archive->loadPair(ids[0], ids[1]);
}

void RunHistoryView::rerunSelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.size() != 1)
        return;
    m_rerunId = ids.front();
    m_archive->load(m_rerunId);
}

void RunHistoryView::deleteSelected(bool confirm)
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty())
        return;
    if (confirm) {
        QStringList names;
        for (const qint64 id : ids)
            names << tr("#%1").arg(id);
        const auto answer = QMessageBox::question(
            this, tr("Delete runs"),
            tr("Delete run %1 from the history? This cannot be undone.").arg(names.join(tr(", "))));
        if (answer != QMessageBox::Yes)
            return;
    }
    for (const qint64 id : ids)
        m_archive->remove(id);
}

void RunHistoryView::show(const QList<store::StoredRun>& runs)
{
    m_shown = runs;
    QList<LabelledRun> labelled; // series named "#12 p99": the heading gives the runs' full names
    for (const store::StoredRun& run : std::as_const(m_shown))
        labelled.append({ tr("#%1").arg(run.info.id), &run.summary });
    QList<report::Chart> charts = runCharts(labelled);
    if (runs.size() == 1) // an overlay of two runs leaves markers out: whose would they be?
        markCharts(charts, runs.front().markers);
    for (int i = 0; i < 4; ++i)
        m_charts[std::size_t(i)]->showChart(buildChart(charts[i]));
    if (runs.size() == 1) {
        const engine::RunSummary& s = runs.front().summary;
        m_heading->setText(
            tr("<b>Run %1</b>: %2 s, %3 requests, %4 wins, spend %5, revenue %6; %7")
                .arg(label(runs.front()).toHtmlEscaped())
                .arg(s.seconds, 0, 'f', 1)
                .arg(s.totals.generated)
                .arg(s.totals.wins)
                .arg(formatMoney(s.totals.spend), formatMoney(s.totals.revenue), s.endReason.toHtmlEscaped()));
    } else {
        m_heading->setText(tr("<b>Runs %1 and %2</b> overlaid (x: seconds since each run's start).")
                               .arg(label(runs[0]).toHtmlEscaped(), label(runs[1]).toHtmlEscaped()));
    }
    Q_EMIT reportChanged();
    Q_EMIT shown();
}

QList<qint64> RunHistoryView::shownRuns() const
{
    QList<qint64> ids;
    for (const store::StoredRun& run : m_shown)
        ids.append(run.info.id);
    return ids;
}

std::optional<report::Report> RunHistoryView::currentReport() const
{
    if (m_shown.isEmpty())
        return std::nullopt;
    report::Report r = runReport(m_shown.front().summary, label(m_shown.front()),
                                 m_shown.size() == 1 ? m_shown.front().markers : QList<RunMarker> {});
    if (m_shown.size() == 2) {
        QList<LabelledRun> labelled;
        for (const store::StoredRun& run : m_shown)
            labelled.append({ tr("#%1").arg(run.info.id), &run.summary });
        r.title = tr("Bidding runs %1 and %2 compared").arg(label(m_shown[0]), label(m_shown[1]));
        r.charts = runCharts(labelled);
        r.notes.prepend(
            tr("Settings, KPIs and tables are those of run %1; the charts overlay both runs.").arg(label(m_shown[0])));
    }
    return r;
}

QByteArray RunHistoryView::saveState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << kStateVersion << m_splitter->saveState() << m_table->horizontalHeader()->saveState();
    return state;
}

void RunHistoryView::restoreState(const QByteArray& state)
{
    QDataStream in(state);
    quint32 version = 0;
    QByteArray splitter, header;
    in >> version;
    if (version != kStateVersion)
        return;
    in >> splitter >> header;
    if (in.status() != QDataStream::Ok)
        return;
    m_splitter->restoreState(splitter);
    m_headerRestored = m_table->horizontalHeader()->restoreState(header);
}

} // namespace bidlab::ui
