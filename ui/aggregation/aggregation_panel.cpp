// SPDX-License-Identifier: MIT
#include "ui/aggregation/aggregation_panel.h"

#include "core/aggregate/aggregate_file.h"
#include "core/aggregate/aggregate_options.h"
#include "core/jobs/job_pool.h"
#include "core/jobs/job_tracker.h"
#include "ui/aggregation/mapping_dialog.h"
#include "ui/jobs/job_view.h"
#include "ui/reports/report_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QThread>
#include <QThreadPool>
#include <QToolButton>
#include <QVBoxLayout>

namespace bidlab::ui {

using namespace aggregate;

namespace {

const QString kMappingsGroup = QStringLiteral("aggregation/mappings");

QString formatBytes(qint64 bytes)
{
    return bytes >= 1'000'000 ? QStringLiteral("%1 MB").arg(double(bytes) / 1e6, 0, 'f', 1)
                              : QStringLiteral("%1 kB").arg(double(bytes) / 1e3, 0, 'f', 1);
}

QComboBox* metricBox(QWidget* parent, Metric initial, const QString& name)
{
    auto* box = new QComboBox(parent);
    box->setObjectName(name);
    for (Metric m : allMetrics())
        box->addItem(metricTitle(m), int(m));
    box->setCurrentIndex(box->findData(int(initial)));
    return box;
}

} // namespace

AggregationPanel::AggregationPanel(QWidget* parent)
    : Panel(parent)
    , m_controls(new QWidget)
    , m_file(new QLineEdit(m_controls))
    , m_layoutLabel(new QLabel(m_controls))
    , m_mappingButton(new QPushButton(tr("Columns…"), m_controls))
    , m_dimensions(new QListWidget(m_controls))
    , m_useFrom(new QCheckBox(tr("From"), m_controls))
    , m_useTo(new QCheckBox(tr("To"), m_controls))
    , m_from(new QDateEdit(QDate(2024, 1, 1), m_controls))
    , m_to(new QDateEdit(QDate(2024, 12, 31), m_controls))
    , m_filterDimension(new QComboBox(m_controls))
    , m_filterValues(new QLineEdit(m_controls))
    , m_filterExclude(new QCheckBox(tr("Exclude these"), m_controls))
    , m_threads(new QSpinBox(m_controls))
    , m_run(new QPushButton(tr("Run"), m_controls))
    , m_jobView(new JobView(this))
    , m_topMetric(metricBox(this, Metric::Cost, QStringLiteral("topMetric")))
    , m_topCount(new QSpinBox(this))
    , m_timeMetric(metricBox(this, Metric::Clicks, QStringLiteral("timeMetric")))
    , m_shareDimension(new QComboBox(this))
    , m_shareMetric(metricBox(this, Metric::Impressions, QStringLiteral("shareMetric")))
    , m_view(new ReportView(this))
    , m_runInfo(new QLabel(this))
    , m_tracker(new jobs::JobTracker(this))
{
    setObjectName(key());
    setAcceptDrops(true);
    buildControls();
    m_jobView->setTracker(m_tracker);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_jobView);
    layout->addWidget(buildChartOptions());
    m_runInfo->setWordWrap(true);
    layout->addWidget(m_runInfo);
    layout->addWidget(m_view, 1);

    connect(m_tracker, &jobs::JobTracker::started, this, [this] { m_run->setEnabled(false); });
    connect(m_tracker, &jobs::JobTracker::finished, this,
            [this](jobs::JobTracker::Outcome outcome, const QString& message) {
                m_run->setEnabled(true);
                if (outcome == jobs::JobTracker::Outcome::Failed) {
                    m_runInfo->setText(QStringLiteral("<b>%1</b>").arg(message.toHtmlEscaped()));
                    Q_EMIT statusMessage(message, 8000);
                } else if (outcome == jobs::JobTracker::Outcome::Canceled) {
                    Q_EMIT statusMessage(tr("Aggregation cancelled."), 4000);
                }
            });
    connect(m_view, &ReportView::exported, this,
            [this](const QString& path) { Q_EMIT statusMessage(tr("Exported '%1'.").arg(path), 5000); });
    m_runInfo->setText(tr("Choose a CSV or .csv.gz file (or drop one here), check its columns, pick the "
                          "dimensions, and press Run."));
}

AggregationPanel::~AggregationPanel() = default;

QWidget* AggregationPanel::buildControls()
{
    m_controls->setObjectName(QStringLiteral("aggregationControls"));
    auto* layout = new QVBoxLayout(m_controls);

    auto* fileBox = new QGroupBox(tr("File"), m_controls);
    auto* fileLayout = new QVBoxLayout(fileBox);
    auto* fileRow = new QHBoxLayout;
    m_file->setObjectName(QStringLiteral("aggregationFile"));
    m_file->setPlaceholderText(tr("CSV or .csv.gz (drop a file here)"));
    auto* browse = new QToolButton(fileBox);
    browse->setText(tr("…"));
    browse->setToolTip(tr("Choose a file"));
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    fileLayout->addLayout(fileRow);
    m_layoutLabel->setWordWrap(true);
    fileLayout->addWidget(m_layoutLabel);
    m_mappingButton->setEnabled(false);
    fileLayout->addWidget(m_mappingButton);
    layout->addWidget(fileBox);
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open an ad log"), QFileInfo(m_file->text()).path(),
                                                          tr("CSV files (*.csv *.csv.gz *.tsv *.txt);;All files (*)"));
        if (!path.isEmpty())
            setFile(path);
    });
    connect(m_file, &QLineEdit::editingFinished, this, [this] {
        if (!m_layout || m_layout->path != m_file->text())
            setFile(m_file->text());
    });
    connect(m_mappingButton, &QPushButton::clicked, this, &AggregationPanel::editMapping);

    auto* dimBox = new QGroupBox(tr("Group by"), m_controls);
    auto* dimLayout = new QVBoxLayout(dimBox);
    auto* dimHint = new QLabel(tr("Checked dimensions, in this order (drag to reorder)."), dimBox);
    dimHint->setWordWrap(true);
    dimLayout->addWidget(dimHint);
    m_dimensions->setObjectName(QStringLiteral("dimensions"));
    m_dimensions->setDragDropMode(QAbstractItemView::InternalMove);
    m_dimensions->setMinimumHeight(150);
    dimLayout->addWidget(m_dimensions);
    layout->addWidget(dimBox);

    auto* filterBox = new QGroupBox(tr("Filters"), m_controls);
    auto* filterLayout = new QFormLayout(filterBox);
    for (QDateEdit* edit : { m_from, m_to }) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setEnabled(false);
    }
    connect(m_useFrom, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_useTo, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    filterLayout->addRow(m_useFrom, m_from);
    filterLayout->addRow(m_useTo, m_to);
    m_filterDimension->setObjectName(QStringLiteral("filterDimension"));
    filterLayout->addRow(tr("Column"), m_filterDimension);
    m_filterValues->setPlaceholderText(tr("values, comma-separated"));
    m_filterValues->setObjectName(QStringLiteral("filterValues"));
    filterLayout->addRow(tr("Values"), m_filterValues);
    filterLayout->addRow(QString(), m_filterExclude);
    layout->addWidget(filterBox);

    auto* runBox = new QGroupBox(tr("Run"), m_controls);
    auto* runLayout = new QFormLayout(runBox);
    m_threads->setObjectName(QStringLiteral("threads"));
    m_threads->setRange(1, 2 * std::max(1, QThread::idealThreadCount()));
    m_threads->setValue(std::max(1, QThread::idealThreadCount()));
    m_threads->setToolTip(
        tr("Threads that scan the file (up to the job pool's size, Settings > Background job threads)."));
    runLayout->addRow(tr("Threads"), m_threads);
    m_run->setObjectName(QStringLiteral("runAggregation"));
    m_run->setEnabled(false);
    runLayout->addRow(m_run);
    layout->addWidget(runBox);
    layout->addStretch(1);
    connect(m_run, &QPushButton::clicked, this, &AggregationPanel::run);
    return m_controls;
}

QWidget* AggregationPanel::buildChartOptions()
{
    auto* bar = new QWidget(this);
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    m_topCount->setRange(1, 100);
    m_topCount->setValue(10);
    m_topCount->setObjectName(QStringLiteral("topCount"));
    m_shareDimension->setObjectName(QStringLiteral("shareDimension"));
    row->addWidget(new QLabel(tr("Top"), bar));
    row->addWidget(m_topCount);
    row->addWidget(new QLabel(tr("by"), bar));
    row->addWidget(m_topMetric);
    row->addSpacing(16);
    row->addWidget(new QLabel(tr("Over time:"), bar));
    row->addWidget(m_timeMetric);
    row->addSpacing(16);
    row->addWidget(new QLabel(tr("Share of"), bar));
    row->addWidget(m_shareMetric);
    row->addWidget(new QLabel(tr("by"), bar));
    row->addWidget(m_shareDimension);
    row->addStretch(1);
    for (QComboBox* box : { m_topMetric, m_timeMetric, m_shareDimension, m_shareMetric })
        connect(box, &QComboBox::activated, this, &AggregationPanel::rebuildReport);
    connect(m_topCount, &QSpinBox::valueChanged, this, &AggregationPanel::rebuildReport);
    return bar;
}

ColumnMapping AggregationPanel::rememberedMapping(const QStringList& headers)
{
    // One readable group per layout: aggregation/mappings/<key>/cost=Spent, ...
    QSettings settings;
    settings.beginGroup(kMappingsGroup + QLatin1Char('/') + layoutKey(headers));
    QVariantMap stored;
    for (const QString& name : settings.childKeys())
        stored.insert(name, settings.value(name));
    return stored.isEmpty() ? guessMapping(headers) : ColumnMapping::fromVariantMap(stored);
}

bool AggregationPanel::setFile(const QString& path)
{
    m_file->setText(path);
    const Expected<FileLayout> layout = inspectFile(path);
    if (!layout) {
        m_layout.reset();
        m_layoutLabel->setText(layout.error());
        m_mappingButton->setEnabled(false);
        m_run->setEnabled(false);
        return false;
    }
    const QStringList checked = dimensions();
    m_layout = *layout;
    m_mapping = rememberedMapping(m_layout->headers);
    m_layoutLabel->setText(layoutText());
    m_mappingButton->setEnabled(true);
    m_run->setEnabled(!m_tracker->isRunning());
    fillDimensions(checked.isEmpty() ? QStringList { QStringLiteral("campaign") } : checked);
    return true;
}

QString AggregationPanel::layoutText() const
{
    if (!m_layout)
        return {};
    QString dates = tr("no dates");
    if (m_mapping.has(Role::Date))
        dates = tr("dates in '%1'").arg(m_mapping.column(Role::Date));
    else if (m_mapping.has(Role::Month) && m_mapping.has(Role::Day))
        dates = m_mapping.year > 0 ? tr("dates from month/day of %1").arg(m_mapping.year)
                                   : tr("month/day columns but no year (set it under Columns…)");
    return tr("%1 columns, %2-separated, %3%4; %5.")
        .arg(m_layout->headers.size())
        .arg(delimiterName(m_layout->delimiter), formatBytes(m_layout->fileBytes),
             m_layout->compressed ? tr(" gzip") : QString(), dates);
}

void AggregationPanel::setMapping(const ColumnMapping& mapping)
{
    m_mapping = mapping;
    if (m_layout) {
        QSettings settings;
        settings.beginGroup(kMappingsGroup + QLatin1Char('/') + layoutKey(m_layout->headers));
        settings.remove(QString());
        const QVariantMap map = mapping.toVariantMap();
        for (auto it = map.begin(); it != map.end(); ++it)
            settings.setValue(it.key(), it.value());
        m_layoutLabel->setText(layoutText());
        fillDimensions(dimensions());
    }
}

void AggregationPanel::editMapping()
{
    if (!m_layout)
        return;
    MappingDialog dialog(*m_layout, m_mapping, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_layout = dialog.layout();
    setMapping(dialog.mapping());
}

void AggregationPanel::fillDimensions(const QStringList& checked)
{
    // What can be grouped: the mapped roles, the time dimensions, then every other text-like column.
    QStringList available;
    for (Role role : { Role::Campaign, Role::Device, Role::Placement }) {
        if (m_mapping.has(role))
            available << roleKey(role);
    }
    if (m_mapping.has(Role::Date) || (m_mapping.has(Role::Month) && m_mapping.has(Role::Day)))
        available << timeDimensions();
    if (m_layout) {
        QStringList used;
        for (Role role : kAllRoles)
            used << m_mapping.column(role);
        for (const QString& header : std::as_const(m_layout->headers)) {
            if (!used.contains(header) && !available.contains(header, Qt::CaseInsensitive))
                available << header;
        }
    }
    m_dimensions->clear();
    // Checked ones first, in their order, then the rest.
    QStringList order;
    for (const QString& name : checked) {
        if (available.contains(name))
            order << name;
    }
    for (const QString& name : std::as_const(available)) {
        if (!order.contains(name))
            order << name;
    }
    for (const QString& name : std::as_const(order)) {
        auto* item = new QListWidgetItem(name, m_dimensions);
        const std::optional<Role> role = roleFromKey(name);
        if (role && m_mapping.has(*role))
            item->setToolTip(tr("column '%1'").arg(m_mapping.column(*role)));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.contains(name) ? Qt::Checked : Qt::Unchecked);
    }
    const QString filtered = m_filterDimension->currentText();
    m_filterDimension->clear();
    m_filterDimension->addItem(tr("(none)"));
    for (const QString& name : std::as_const(order)) {
        if (!timeDimensions().contains(name))
            m_filterDimension->addItem(name);
    }
    m_filterDimension->setCurrentIndex(std::max(0, m_filterDimension->findText(filtered)));
}

void AggregationPanel::setDimensions(const QStringList& dimensionsWanted)
{
    fillDimensions(dimensionsWanted);
}

QStringList AggregationPanel::dimensions() const
{
    QStringList names;
    for (int i = 0; i < m_dimensions->count(); ++i) {
        if (m_dimensions->item(i)->checkState() == Qt::Checked)
            names << m_dimensions->item(i)->text();
    }
    return names;
}

AggregateParams AggregationPanel::params() const
{
    AggregateParams p;
    p.path = m_file->text();
    p.delimiter = m_layout ? m_layout->delimiter : char(0);
    p.mapping = m_mapping;
    p.dimensions = dimensions();
    if (m_useFrom->isChecked())
        p.from = m_from->date();
    if (m_useTo->isChecked())
        p.to = m_to->date();
    if (m_filterDimension->currentIndex() > 0 && !m_filterValues->text().trimmed().isEmpty())
        p.filters << DimensionFilter { m_filterDimension->currentText(), splitList(m_filterValues->text()),
                                       m_filterExclude->isChecked() };
    p.threads = m_threads->value();
    return p;
}

void AggregationPanel::run()
{
    if (!m_layout && !setFile(m_file->text()))
        return;
    const AggregateParams p = params();
    if (jobs::jobPool()->maxThreadCount() < p.threads)
        m_runInfo->setText(tr("%1 threads asked for; the job pool has %2 (Settings > Background job threads), so "
                              "at most that many run.")
                               .arg(p.threads)
                               .arg(jobs::jobPool()->maxThreadCount()));
    else
        m_runInfo->setText(tr("Aggregating %1…").arg(QFileInfo(p.path).fileName()));
    m_tracker->track(jobs::runJob<AggregateResult>(jobs::jobPool(), runAggregateJob, p),
                     [this](AggregateResult result) { showResult(std::move(result)); });
}

void AggregationPanel::showResult(AggregateResult result)
{
    m_result = std::move(result);
    const AggregateResult& r = *m_result;
    m_runInfo->setText(tr("%1 rows in %2 groups from %3 MB in %4 s (%5 MB/s, %6 of %7 threads, %8 chunks). %9 "
                          "bad rows, %10 filtered out.")
                           .arg(r.total.rows)
                           .arg(r.groups.size())
                           .arg(double(r.dataBytes) / 1e6, 0, 'f', 1)
                           .arg(r.seconds, 0, 'f', 3)
                           .arg(r.seconds > 0 ? double(r.dataBytes) / 1e6 / r.seconds : 0.0, 0, 'f', 0)
                           .arg(r.threadsUsed)
                           .arg(r.threadsRequested)
                           .arg(r.chunks)
                           .arg(r.badRowCount)
                           .arg(r.filteredOut));
    fillChartChoices();
    rebuildReport();
    Q_EMIT statusMessage(tr("Aggregated %1 rows.").arg(r.total.rows), 4000);
}

void AggregationPanel::fillChartChoices()
{
    const QString previous = m_shareDimension->currentText();
    m_shareDimension->clear();
    m_shareDimension->addItem(tr("(automatic)"), -1);
    if (m_result) {
        for (int d = 0; d < m_result->dimensions.size(); ++d) {
            if (m_result->dimensions[d].kind == DimensionKind::Text)
                m_shareDimension->addItem(m_result->dimensions[d].name, d);
        }
    }
    m_shareDimension->setCurrentIndex(std::max(0, m_shareDimension->findText(previous)));
}

ReportOptions AggregationPanel::reportOptions() const
{
    ReportOptions options;
    options.topMetric = Metric(m_topMetric->currentData().toInt());
    options.topCount = m_topCount->value();
    options.timeMetric = Metric(m_timeMetric->currentData().toInt());
    options.shareDimension = m_shareDimension->currentData().toInt();
    options.shareMetric = Metric(m_shareMetric->currentData().toInt());
    return options;
}

void AggregationPanel::rebuildReport()
{
    if (!m_result)
        return;
    const int tab = m_view->tabs()->currentIndex();
    m_report = buildAggregateReport(*m_result, reportOptions());
    m_view->setReport(m_report);
    if (tab >= 0 && tab < m_view->tabs()->count())
        m_view->tabs()->setCurrentIndex(tab);
    Q_EMIT reportChanged();
}

void AggregationPanel::dragEnterEvent(QDragEnterEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.front().isLocalFile())
        event->acceptProposedAction();
}

void AggregationPanel::dropEvent(QDropEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.front().isLocalFile()) {
        setFile(urls.front().toLocalFile());
        event->acceptProposedAction();
    }
}

void AggregationPanel::applyStartupOptions(const QVariantMap& options)
{
    // --start runs the remembered file at once (handy for screenshots and demos).
    if (options.value(QStringLiteral("start")).toBool() && m_layout)
        run();
}

void AggregationPanel::saveSettings(QSettings& settings) const
{
    settings.setValue(QStringLiteral("file"), m_file->text());
    settings.setValue(QStringLiteral("dimensions"), dimensions());
    settings.setValue(QStringLiteral("threads"), m_threads->value());
    settings.setValue(QStringLiteral("topMetric"), metricKey(Metric(m_topMetric->currentData().toInt())));
    settings.setValue(QStringLiteral("timeMetric"), metricKey(Metric(m_timeMetric->currentData().toInt())));
    settings.setValue(QStringLiteral("shareMetric"), metricKey(Metric(m_shareMetric->currentData().toInt())));
}

void AggregationPanel::restoreSettings(QSettings& settings)
{
    m_threads->setValue(settings.value(QStringLiteral("threads"), m_threads->value()).toInt());
    const auto restoreMetric = [&](QComboBox* box, const char* name) {
        if (const std::optional<Metric> m = metricFromKey(settings.value(QLatin1String(name)).toString()))
            box->setCurrentIndex(box->findData(int(*m)));
    };
    restoreMetric(m_topMetric, "topMetric");
    restoreMetric(m_timeMetric, "timeMetric");
    restoreMetric(m_shareMetric, "shareMetric");
    const QString file = settings.value(QStringLiteral("file")).toString();
    const QStringList dims = settings.value(QStringLiteral("dimensions")).toStringList();
    if (!file.isEmpty() && setFile(file) && !dims.isEmpty())
        setDimensions(dims);
}

} // namespace bidlab::ui
