// SPDX-License-Identifier: MIT
#include "ui/abtests/abtests_panel.h"

#include "core/jobs/job_pool.h"
#include "core/jobs/job_tracker.h"
#include "core/stats/ab_job.h"
#include "core/stats/ab_report.h"
#include "ui/abtests/ab_results_model.h"
#include "ui/abtests/column_mapping_dialog.h"
#include "ui/abtests/experiment_detail.h"
#include "ui/abtests/forest_plot.h"
#include "ui/abtests/planning_view.h"
#include "ui/jobs/job_view.h"

#include <functional>
#include <limits>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace bidlab::ui {

namespace {

constexpr int kForestRows = 60; // the plot shows as many as its height allows

void fill(QComboBox* box, const QStringList& keys, const std::function<QString(const QString&)>& label)
{
    for (const QString& key : keys)
        box->addItem(label(key), key);
}

QString currentKey(const QComboBox* box)
{
    return box->currentData().toString();
}

void selectKey(QComboBox* box, const QString& key)
{
    const int index = box->findData(key);
    if (index >= 0)
        box->setCurrentIndex(index);
}

} // namespace

AbTestsPanel::AbTestsPanel(QWidget* parent)
    : Panel(parent)
    , m_tracker(new jobs::JobTracker(this))
{
    setObjectName(key());
    m_controls = createControls();
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("abtestsTabs"));
    m_tabs->addTab(createResults(), tr("Results"));
    m_notes = new QPlainTextEdit(this);
    m_notes->setReadOnly(true);
    m_notes->setObjectName(QStringLiteral("abtestsNotes"));
    m_tabs->addTab(m_notes, tr("Notes"));
    m_planning = new PlanningView(this);
    m_tabs->addTab(m_planning, tr("Planning"));
    m_jobView = new JobView(this);
    m_jobView->setTracker(m_tracker);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_jobView);
    layout->addWidget(m_tabs, 1);
    connect(m_tracker, &jobs::JobTracker::finished, this,
            [this](jobs::JobTracker::Outcome outcome, const QString& message) {
                m_run->setEnabled(!m_fileList.isEmpty());
                if (outcome == jobs::JobTracker::Outcome::Failed) {
                    m_columns->setText(message); // where the tables are named: "no column says which arm…"
                    Q_EMIT statusMessage(message, 10000);
                }
            });
}

AbTestsPanel::~AbTestsPanel()
{
    m_tracker->cancel();
}

QWidget* AbTestsPanel::createControls()
{
    auto* controls = new QWidget;
    controls->setObjectName(QStringLiteral("abtestsControls"));
    auto* layout = new QVBoxLayout(controls);

    auto* tables = new QGroupBox(tr("Tables"), controls);
    auto* tablesLayout = new QVBoxLayout(tables);
    auto* open = new QPushButton(tr("Open tables…"), tables);
    open->setObjectName(QStringLiteral("openTables"));
    open->setToolTip(tr("One or more CSV files: counts per experiment and arm, one row per user, or one row per arm "
                        "and day. Several files are read as one table."));
    m_files = new QLabel(tr("No table yet."), tables);
    m_files->setWordWrap(true);
    m_columns = new QLabel(tables);
    m_columns->setWordWrap(true);
    m_columns->setObjectName(QStringLiteral("columnMapping"));
    m_chooseColumns = new QPushButton(tr("Columns…"), tables);
    m_chooseColumns->setObjectName(QStringLiteral("chooseColumns"));
    m_chooseColumns->setToolTip(tr("Choose by hand which column is the arm, the exposures, the clicks, …"));
    m_chooseColumns->setEnabled(false);
    tablesLayout->addWidget(open);
    tablesLayout->addWidget(m_files);
    tablesLayout->addWidget(m_columns);
    tablesLayout->addWidget(m_chooseColumns);
    connect(open, &QPushButton::clicked, this, &AbTestsPanel::chooseFiles);
    connect(m_chooseColumns, &QPushButton::clicked, this, &AbTestsPanel::chooseColumns);

    auto* analysis = new QGroupBox(tr("Analysis"), controls);
    // Long item labels must not widen the control panel: the combo boxes shrink and elide.
    const auto narrow = [](QComboBox* box) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(8);
    };
    auto* form = new QFormLayout(analysis);
    m_metric = new QComboBox(analysis);
    m_metric->setObjectName(QStringLiteral("metric"));
    fill(m_metric, stats::metricKeys(), [](const QString& k) { return stats::metricLabel(*stats::metricFromKey(k)); });
    m_test = new QComboBox(analysis);
    m_test->setObjectName(QStringLiteral("test"));
    m_test->addItem(tr("Automatic (Fisher for small counts)"), QStringLiteral("auto"));
    m_test->addItem(tr("z-test (pooled)"), QStringLiteral("z"));
    m_test->addItem(tr("Chi-square"), QStringLiteral("chi2"));
    m_test->addItem(tr("Chi-square, Yates"), QStringLiteral("yates"));
    m_test->addItem(tr("Fisher's exact"), QStringLiteral("fisher"));
    m_correction = new QComboBox(analysis);
    m_correction->setObjectName(QStringLiteral("correction"));
    fill(m_correction, stats::correctionKeys(),
         [](const QString& k) { return stats::correctionLabel(*stats::correctionFromName(k)); });
    selectKey(m_correction, QStringLiteral("holm"));
    m_alpha = new QDoubleSpinBox(analysis);
    m_alpha->setObjectName(QStringLiteral("alpha"));
    m_alpha->setRange(0.0001, 0.5);
    m_alpha->setDecimals(4);
    m_alpha->setSingleStep(0.01);
    m_alpha->setValue(0.05);
    m_alpha->setKeyboardTracking(false);
    m_control = new QLineEdit(analysis);
    m_control->setPlaceholderText(tr("'control', else the first arm"));
    m_resamples = new QSpinBox(analysis);
    m_resamples->setRange(100, 100000);
    m_resamples->setSingleStep(500);
    m_resamples->setValue(2000);
    m_resamples->setToolTip(tr("Bootstrap resamples (ROAS)"));
    m_seed = new QSpinBox(analysis);
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setValue(20240611);
    m_seed->setToolTip(tr("Bootstrap seed: the same seed gives the same intervals"));
    for (QComboBox* box : { m_metric, m_test, m_correction })
        narrow(box);
    form->addRow(tr("Metric"), m_metric);
    form->addRow(tr("Test of rates"), m_test);
    form->addRow(tr("Correction"), m_correction);
    form->addRow(tr("Alpha"), m_alpha);
    form->addRow(tr("Control arm"), m_control);
    form->addRow(tr("Resamples"), m_resamples);
    form->addRow(tr("Seed"), m_seed);
    m_run = new QPushButton(tr("Analyse again"), analysis);
    m_run->setObjectName(QStringLiteral("analyse"));
    m_run->setEnabled(false);
    form->addRow(m_run);
    connect(m_run, &QPushButton::clicked, this, [this] { analyse(true); });

    m_summary = new QLabel(controls);
    m_summary->setWordWrap(true);
    m_summary->setObjectName(QStringLiteral("abtestsSummary"));
    layout->addWidget(tables);
    layout->addWidget(analysis);
    layout->addWidget(m_summary);
    layout->addStretch(1);

    // Metric and test need a new analysis; correction and alpha only a new correction; the control arm a new
    // reading of the tables.
    connect(m_metric, &QComboBox::currentIndexChanged, this, [this] { analyse(false); });
    connect(m_test, &QComboBox::currentIndexChanged, this, [this] { analyse(false); });
    connect(m_resamples, &QSpinBox::editingFinished, this, [this] { analyse(false); });
    connect(m_seed, &QSpinBox::editingFinished, this, [this] { analyse(false); });
    connect(m_correction, &QComboBox::currentIndexChanged, this, &AbTestsPanel::recorrect);
    connect(m_alpha, &QDoubleSpinBox::valueChanged, this, &AbTestsPanel::recorrect);
    connect(m_control, &QLineEdit::editingFinished, this, [this] { analyse(true); });
    return controls;
}

QWidget* AbTestsPanel::createResults()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    m_filter = new QLineEdit(page);
    m_filter->setPlaceholderText(tr("Filter experiments and arms…"));
    m_filter->setClearButtonEnabled(true);
    m_model = new AbResultsModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(AbResultsModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_table = new QTableView(page);
    m_table->setObjectName(QStringLiteral("abtestsResults"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // file order until the user sorts
    m_forest = new ForestPlot(page);
    m_detail = new ExperimentDetail(page);
    m_horizontal = new QSplitter(Qt::Horizontal, page);
    m_horizontal->addWidget(m_forest);
    m_horizontal->addWidget(m_detail);
    m_horizontal->setStretchFactor(0, 3);
    m_horizontal->setStretchFactor(1, 2);
    m_vertical = new QSplitter(Qt::Vertical, page);
    m_vertical->addWidget(m_table);
    m_vertical->addWidget(m_horizontal);
    m_vertical->setStretchFactor(0, 2);
    m_vertical->setStretchFactor(1, 3);
    layout->addWidget(m_filter);
    layout->addWidget(m_vertical, 1);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AbTestsPanel::showSelected);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &AbTestsPanel::updateForest);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &AbTestsPanel::updateForest);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &AbTestsPanel::updateForest);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &AbTestsPanel::updateForest);
    return page;
}

void AbTestsPanel::chooseFiles()
{
    const QString folder = m_fileList.isEmpty() ? QString() : QFileInfo(m_fileList.front()).absolutePath();
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Open A/B tables"), folder,
                                                            tr("CSV tables (*.csv *.tsv *.txt);;All files (*)"));
    if (!files.isEmpty()) {
        m_chosenColumns.clear(); // chosen for other tables
        openFiles(files);
    }
}

void AbTestsPanel::chooseColumns()
{
    if (m_fileList.isEmpty())
        return;
    const Expected<QStringList> header = stats::readHeader(m_fileList.front());
    if (!header) {
        Q_EMIT statusMessage(header.error(), 10000);
        return;
    }
    ColumnMappingDialog dialog(*header, m_chosenColumns, QFileInfo(m_fileList.front()).fileName(), this);
    if (dialog.exec() == QDialog::Accepted)
        setChosenColumns(dialog.choice());
}

void AbTestsPanel::setChosenColumns(const QMap<stats::Role, QString>& columns)
{
    m_chosenColumns = columns;
    analyse(true);
}

void AbTestsPanel::openFiles(const QStringList& files)
{
    setFiles(files);
    analyse(true);
}

void AbTestsPanel::setFiles(const QStringList& files)
{
    m_fileList = files;
    m_chooseColumns->setEnabled(!files.isEmpty());
    QStringList names;
    for (const QString& file : files)
        names << QFileInfo(file).fileName();
    m_files->setText(names.join(QStringLiteral(", ")));
    m_files->setToolTip(files.join(QLatin1Char('\n')));
}

stats::AnalysisOptions AbTestsPanel::options() const
{
    stats::AnalysisOptions o;
    o.metric = stats::metricFromKey(currentKey(m_metric)).value_or(stats::Metric::Ctr);
    o.test = stats::proportionTestFromKey(currentKey(m_test)).value_or(stats::ProportionTest::Auto);
    o.correction = stats::correctionFromName(currentKey(m_correction)).value_or(stats::Correction::Holm);
    o.alpha = m_alpha->value();
    o.resamples = m_resamples->value();
    o.seed = std::uint64_t(m_seed->value());
    return o;
}

void AbTestsPanel::analyse(bool reload)
{
    if (m_fileList.isEmpty())
        return;
    stats::AbJobParams params;
    params.files = m_fileList;
    params.load.control = m_control->text().trimmed();
    params.load.columns = m_chosenColumns;
    params.analysis = options();
    params.fallBackToAvailableMetric = reload;
    if (!reload && m_analysis)
        params.dataset = m_analysis->dataset;
    m_run->setEnabled(false);
    m_tracker->track(jobs::runJob<stats::Analysis>(jobs::jobPool(), stats::runAbJob, params),
                     [this](stats::Analysis analysis) { setAnalysis(std::move(analysis)); });
}

void AbTestsPanel::setAnalysis(stats::Analysis analysis)
{
    m_analysis = std::make_shared<const stats::Analysis>(std::move(analysis));
    {
        const QSignalBlocker blocker(m_metric);
        selectKey(m_metric, stats::metricKey(m_analysis->options.metric));
    }
    updateMetricChoices();
    m_columns->setText(
        tr("%1; columns: %2").arg(stats::shapeLabel(m_analysis->dataset->shape), m_analysis->dataset->mappingText()));
    m_model->setAnalysis(m_analysis);
    m_table->resizeColumnsToContents();
    if (m_model->rowCount() > 0)
        m_table->selectRow(0);
    else
        m_detail->showNothing();
    updateSummary();
    updateNotes();
    const bool rate
        = m_analysis->options.metric == stats::Metric::Ctr || m_analysis->options.metric == stats::Metric::Cvr;
    if (rate && !m_analysis->comparisons.empty() && m_analysis->comparisons.front().control.value)
        m_planning->setBaseline(*m_analysis->comparisons.front().control.value);
    Q_EMIT analysisChanged();
    Q_EMIT reportChanged();
}

void AbTestsPanel::recorrect()
{
    if (!m_analysis || m_tracker->isRunning())
        return;
    stats::Analysis analysis = *m_analysis;
    analysis.options.correction = options().correction;
    analysis.options.alpha = options().alpha;
    stats::correct(analysis);
    const int current = m_table->currentIndex().isValid() ? m_table->currentIndex().row() : 0;
    m_analysis = std::make_shared<const stats::Analysis>(std::move(analysis));
    m_model->setAnalysis(m_analysis);
    if (m_proxy->rowCount() > 0)
        m_table->selectRow(std::min(current, m_proxy->rowCount() - 1));
    updateSummary();
    Q_EMIT analysisChanged();
    Q_EMIT reportChanged();
}

void AbTestsPanel::showSelected()
{
    const QModelIndex index = m_table->currentIndex();
    const stats::Comparison* c = index.isValid() ? m_model->comparison(m_proxy->mapToSource(index).row()) : nullptr;
    if (!c || !m_analysis) {
        m_detail->showNothing();
        updateForest();
        return;
    }
    // Fisher's exact test for the page when the batch skipped it and the table is small enough to be quick.
    const bool rate = c->proportions.has_value();
    const double support = rate
        ? std::min(c->control.numerator + c->treatment.numerator,
                   c->control.denominator + c->treatment.denominator - c->control.numerator - c->treatment.numerator)
        : 0;
    if (rate && !c->proportions->fisher && support <= 1e6) {
        stats::AnalysisOptions o = m_analysis->options;
        o.exactForAll = true;
        const stats::Dataset& data = *m_analysis->dataset;
        std::size_t arm = 1;
        const stats::Experiment& e = data.experiments[std::size_t(c->experiment)];
        while (arm < e.arms.size() && e.arms[arm].name != c->treatment.name)
            ++arm;
        stats::Comparison full = stats::analyzeComparison(data, std::size_t(c->experiment), arm, o);
        full.adjustedPValue = c->adjustedPValue;
        full.decision = c->decision;
        m_detail->showComparison(*m_analysis, full);
    } else {
        m_detail->showComparison(*m_analysis, *c);
    }
    updateForest();
}

void AbTestsPanel::updateForest()
{
    if (!m_analysis) {
        m_forest->setRows({}, 0, 95);
        return;
    }
    const int current = m_table->currentIndex().isValid() ? m_table->currentIndex().row() : -1;
    const bool oneExperiment = m_analysis->dataset->experiments.size() == 1;
    QList<ForestRow> rows;
    for (int r = 0; r < m_proxy->rowCount() && rows.size() < kForestRows; ++r) {
        const stats::Comparison* c = m_model->comparison(m_proxy->mapToSource(m_proxy->index(r, 0)).row());
        if (!c || !c->lift)
            continue;
        ForestRow row;
        row.label = oneExperiment ? c->treatment.name : c->experimentName + QStringLiteral(": ") + c->treatment.name;
        row.lift = *c->lift;
        row.interval = c->liftInterval;
        row.decision = c->decision;
        row.selected = r == current;
        rows << row;
    }
    m_forest->setRows(rows, m_proxy->rowCount(), int(std::lround((1 - m_analysis->options.alpha) * 100)));
}

void AbTestsPanel::updateSummary()
{
    const stats::Analysis& a = *m_analysis;
    QStringList parts;
    parts << tr("%n comparison(s), ", nullptr, int(a.comparisons.size())) + tr("%n significant", nullptr, a.significant)
            + tr(" after %1 at α = %2.").arg(stats::correctionKey(a.options.correction)).arg(a.options.alpha);
    if (a.tested < int(a.comparisons.size()))
        parts << tr("%n could not be tested.", nullptr, int(a.comparisons.size()) - a.tested);
    if (a.mismatchedExperiments > 0)
        parts << tr("<b>%n sample-ratio mismatch(es).</b>", nullptr, a.mismatchedExperiments);
    if (a.dataset->rejectedRows > 0)
        parts << tr("%n row(s) left out (see Notes).", nullptr, int(a.dataset->rejectedRows));
    m_summary->setText(parts.join(QLatin1Char(' ')));
}

void AbTestsPanel::updateNotes()
{
    const stats::Dataset& d = *m_analysis->dataset;
    QStringList lines;
    lines << tr("%1 rows read from %2 (%3).")
                 .arg(d.rows)
                 .arg(d.files.join(QStringLiteral(", ")), stats::shapeLabel(d.shape));
    lines << tr("Columns: %1").arg(d.mappingText());
    lines << d.notes;
    for (const stats::RowProblem& p : d.problems)
        lines << p.message();
    if (d.rejectedRows > qint64(d.problems.size()))
        lines << tr("… and %1 more rows left out.").arg(d.rejectedRows - qint64(d.problems.size()));
    m_notes->setPlainText(lines.join(QLatin1Char('\n')));
    m_tabs->setTabText(
        1, d.rejectedRows > 0 ? tr("Notes (%n row(s) left out)", nullptr, int(d.rejectedRows)) : tr("Notes"));
}

void AbTestsPanel::updateMetricChoices()
{
    auto* items = qobject_cast<QStandardItemModel*>(m_metric->model());
    for (int i = 0; i < m_metric->count(); ++i) {
        const std::optional<QString> why
            = stats::metricUnavailable(*m_analysis->dataset, *stats::metricFromKey(m_metric->itemData(i).toString()));
        items->item(i)->setEnabled(!why);
        items->item(i)->setToolTip(why.value_or(QString()));
    }
}

std::optional<report::Report> AbTestsPanel::currentReport() const
{
    if (!m_analysis)
        return std::nullopt;
    return stats::abReport(*m_analysis);
}

void AbTestsPanel::saveSettings(QSettings& settings) const
{
    settings.setValue(QStringLiteral("files"), m_fileList);
    QVariantMap columns;
    for (auto it = m_chosenColumns.cbegin(); it != m_chosenColumns.cend(); ++it)
        columns.insert(stats::roleKey(it.key()), it.value());
    settings.setValue(QStringLiteral("columns"), columns);
    settings.setValue(QStringLiteral("metric"), currentKey(m_metric));
    settings.setValue(QStringLiteral("test"), currentKey(m_test));
    settings.setValue(QStringLiteral("correction"), currentKey(m_correction));
    settings.setValue(QStringLiteral("alpha"), m_alpha->value());
    settings.setValue(QStringLiteral("control"), m_control->text());
    settings.setValue(QStringLiteral("resamples"), m_resamples->value());
    settings.setValue(QStringLiteral("seed"), m_seed->value());
    settings.setValue(QStringLiteral("verticalSplitter"), m_vertical->saveState());
    settings.setValue(QStringLiteral("horizontalSplitter"), m_horizontal->saveState());
    settings.setValue(QStringLiteral("tab"), m_tabs->currentIndex());
}

void AbTestsPanel::restoreSettings(QSettings& settings)
{
    {
        const QSignalBlocker b1(m_metric), b2(m_test), b3(m_correction), b4(m_alpha);
        selectKey(m_metric, settings.value(QStringLiteral("metric"), QStringLiteral("ctr")).toString());
        selectKey(m_test, settings.value(QStringLiteral("test"), QStringLiteral("auto")).toString());
        selectKey(m_correction, settings.value(QStringLiteral("correction"), QStringLiteral("holm")).toString());
        m_alpha->setValue(settings.value(QStringLiteral("alpha"), 0.05).toDouble());
        m_control->setText(settings.value(QStringLiteral("control")).toString());
        m_resamples->setValue(settings.value(QStringLiteral("resamples"), 2000).toInt());
        m_seed->setValue(settings.value(QStringLiteral("seed"), 20240611).toInt());
    }
    m_vertical->restoreState(settings.value(QStringLiteral("verticalSplitter")).toByteArray());
    m_horizontal->restoreState(settings.value(QStringLiteral("horizontalSplitter")).toByteArray());
    m_tabs->setCurrentIndex(settings.value(QStringLiteral("tab"), 0).toInt());
    const QVariantMap columns = settings.value(QStringLiteral("columns")).toMap();
    for (auto it = columns.cbegin(); it != columns.cend(); ++it) {
        if (const std::optional<stats::Role> role = stats::roleFromKey(it.key()))
            m_chosenColumns.insert(*role, it.value().toString());
    }
    QStringList files = settings.value(QStringLiteral("files")).toStringList();
    files.removeIf([](const QString& f) { return !QFileInfo::exists(f); });
    if (!files.isEmpty())
        openFiles(files); // the tables of the last session, read again
}

} // namespace bidlab::ui
