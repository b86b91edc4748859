// SPDX-License-Identifier: MIT
#include "ui/lab/lab_panel.h"

#include "core/jobs/job_tracker.h"
#include "core/lab/explanation.h"
#include "core/lab/lab_job.h"
#include "core/lab/lab_report.h"
#include "ui/charts/chart_builder.h"
#include "ui/jobs/job_view.h"
#include "ui/lab/lab_settings_form.h"
#include "ui/training/report_table_model.h"

#include <QChart>
#include <QChartView>
#include <QHeaderView>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace bidlab::ui {

namespace {

QTableView* tableView(QAbstractItemModel* model, QWidget* parent, const char* name)
{
    auto* view = new QTableView(parent);
    view->setObjectName(QString::fromLatin1(name));
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return view;
}

} // namespace

LabPanel::LabPanel(QWidget* parent)
    : Panel(parent)
    , m_form(new LabSettingsForm)
    , m_tracker(new jobs::JobTracker(this))
    , m_jobView(new JobView(this))
    , m_chart(new QChartView(this))
    , m_explanation(new QTextBrowser(this))
    , m_figures(new ReportTableModel(this))
    , m_trials(new ReportTableModel(this))
    , m_figuresView(tableView(m_figures, this, "labFigures"))
    , m_trialsView(tableView(m_trials, this, "labTrials"))
{
    setObjectName(key());
    m_jobView->setTracker(m_tracker);
    m_chart->setObjectName(QStringLiteral("labChart"));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(260);
    m_explanation->setObjectName(QStringLiteral("labExplanation"));
    m_explanation->setOpenLinks(false);

    auto* top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(m_chart);
    top->addWidget(m_explanation);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);
    top->setSizes({ 600, 400 }); // the text browser would otherwise take most of the width
    auto* tables = new QTabWidget(this);
    tables->addTab(m_figuresView, tr("Figures"));
    tables->addTab(m_trialsView, tr("Every trial"));
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(tables);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({ 420, 260 });
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_jobView);
    layout->addWidget(split, 1);

    connect(m_form, &LabSettingsForm::runRequested, this, &LabPanel::run);
    connect(m_form, &LabSettingsForm::cancelRequested, this, &LabPanel::cancel);
    connect(m_tracker, &jobs::JobTracker::finished, this,
            [this](jobs::JobTracker::Outcome outcome, const QString& message) {
                if (m_form)
                    m_form->setRunning(false);
                if (outcome == jobs::JobTracker::Outcome::Failed)
                    Q_EMIT statusMessage(tr("The parallelism lab failed: %1").arg(message), 10'000);
            });
    showIntroduction();
}

LabPanel::~LabPanel()
{
    m_tracker->cancel();
    if (m_form && !m_form->parent())
        delete m_form.data(); // never handed to the window
}

QWidget* LabPanel::controls()
{
    return m_form;
}

void LabPanel::run()
{
    lab::ExperimentSpec spec = m_form->spec();
    spec.workerProgram = m_workerProgram;
    if (Status valid = lab::validate(spec); !valid) {
        Q_EMIT statusMessage(valid.error(), 10'000);
        return;
    }
    m_form->setRunning(true);
    m_tracker->track(lab::startLabJob(spec), [this](lab::ExperimentResult result) { showResult(std::move(result)); });
}

void LabPanel::cancel()
{
    m_tracker->cancel();
}

void LabPanel::showResult(lab::ExperimentResult result)
{
    m_result = std::move(result);
    const report::Report report = lab::labReport(*m_result);
    QChart* old = m_chart->chart();
    m_chart->setChart(buildChart(report.charts.front()));
    delete old;
    m_figures->setTable(report.tables.value(0));
    m_trials->setTable(report.tables.value(1));
    QString html;
    for (const QString& paragraph : lab::explain(*m_result))
        html += QStringLiteral("<p>%1</p>").arg(paragraph.toHtmlEscaped());
    for (const QString& note : m_result->notes)
        html += QStringLiteral("<p><b>%1</b></p>").arg(note.toHtmlEscaped());
    m_explanation->setHtml(html);
    Q_EMIT reportChanged();
    Q_EMIT statusMessage(tr("Parallelism lab: %1 done in %2 s.")
                             .arg(lab::describe(m_result->spec.workload))
                             .arg(m_result->seconds, 0, 'f', 1),
                         10'000);
}

void LabPanel::showIntroduction()
{
    m_explanation->setHtml(
        tr("<p>The seed's first lesson: the same CPU-bound task — counting primes below 100,000, four times — run "
           "one after another, on a thread pool and on a pool of processes. In Python the GIL decides the answer; "
           "here you can see what does in C++: start-up, handing out tasks, cores, memory bandwidth.</p>"
           "<p>Choose a task and the executors on the left and press <b>Run</b>. Each configuration is repeated and "
           "its median shown, because this machine is shared and noisy. Try <i>tiny</i> tasks to see the cost of "
           "handing out work, <i>memory</i> to see the memory bus fill up, <i>wait</i> to see workers beyond the "
           "core count pay off, and serial tasks to watch Amdahl's law flatten the curve.</p>"));
}

QString LabPanel::explanationText() const
{
    return m_explanation->toPlainText();
}

std::optional<report::Report> LabPanel::currentReport() const
{
    if (!m_result)
        return std::nullopt;
    return lab::labReport(*m_result);
}

bool LabPanel::isCurrentTab() const
{
    for (QWidget* w = parentWidget(); w; w = w->parentWidget()) {
        if (auto* tabs = qobject_cast<QTabWidget*>(w))
            return tabs->currentWidget() == this;
    }
    return false;
}

void LabPanel::applyStartupOptions(const QVariantMap& options)
{
    // --start is also the bidding simulation's: only the tab the window opens on takes it.
    if (options.value(QStringLiteral("start")).toBool() && isCurrentTab())
        QTimer::singleShot(0, this, &LabPanel::run);
}

void LabPanel::saveSettings(QSettings& settings) const
{
    if (m_form)
        m_form->save(settings);
}

void LabPanel::restoreSettings(QSettings& settings)
{
    if (m_form)
        m_form->restore(settings);
}

} // namespace bidlab::ui
