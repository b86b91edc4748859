// SPDX-License-Identifier: MIT
#include "ui/training/training_panel.h"

#include "core/jobs/job_pool.h"
#include "core/jobs/job_tracker.h"
#include "core/train/training_report.h"
#include "ui/charts/chart_builder.h"
#include "ui/jobs/job_view.h"
#include "ui/report/report_table_model.h"
#include "ui/training/training_settings_form.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace bidlab::ui {

void LeaderboardRelay::post(const train::Leaderboard& board)
{
    {
        std::lock_guard lock(m_mutex);
        m_latest = board;
    }
    Q_EMIT changed(); // queued to the panel: it reads latest() when it gets there
}

train::Leaderboard LeaderboardRelay::latest() const
{
    std::lock_guard lock(m_mutex);
    return m_latest;
}

namespace {

QChartView* chartView(QWidget* parent)
{
    auto* view = new QChartView(parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(220);
    return view;
}

QString number(const std::optional<double>& v, int decimals)
{
    return v ? QString::number(*v, 'f', decimals) : QStringLiteral("—");
}

} // namespace

TrainingPanel::TrainingPanel(QWidget* parent)
    : Panel(parent)
    , m_form(new TrainingSettingsForm)
    , m_tracker(new jobs::JobTracker(this))
    , m_jobView(new JobView(this))
    , m_preview(new QTableView(this))
    , m_previewModel(new ReportTableModel(this))
    , m_previewStatus(new QLabel(this))
    , m_metrics(new QLabel(this))
    , m_saveModel(new QPushButton(tr("Save model…"), this))
    , m_deploy(new QPushButton(tr("Deploy to bidders"), this))
    , m_tabs(new QTabWidget(this))
    , m_loss(chartView(this))
    , m_roc(chartView(this))
    , m_calibration(chartView(this))
    , m_importance(chartView(this))
    , m_leaderboardView(new QTableView(this))
    , m_leaderboard(new ReportTableModel(this))
{
    setObjectName(key());
    m_preview->setModel(m_previewModel);
    m_preview->setObjectName(QStringLiteral("preview"));
    m_preview->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_leaderboardView->setModel(m_leaderboard);
    m_leaderboardView->setObjectName(QStringLiteral("leaderboard"));
    m_leaderboardView->horizontalHeader()->setStretchLastSection(true);
    m_jobView->setTracker(m_tracker);
    m_metrics->setObjectName(QStringLiteral("metrics"));
    m_metrics->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_metrics->setWordWrap(true);
    m_metrics->setText(tr("Choose a data file (for example one written by <tt>bidlab-cli gen-train</tt>), then Train "
                          "or Tune."));
    m_saveModel->setObjectName(QStringLiteral("saveModel"));
    m_saveModel->setEnabled(false);
    m_deploy->setObjectName(QStringLiteral("deployModel"));
    m_deploy->setToolTip(tr("Make the running simulation's bidder workers use this model."));
    m_deploy->setEnabled(false);

    m_tabs->addTab(m_loss, tr("Loss curve"));
    m_tabs->addTab(m_roc, tr("ROC"));
    m_tabs->addTab(m_calibration, tr("Calibration"));
    m_tabs->addTab(m_importance, tr("Importance"));
    m_tabs->addTab(m_leaderboardView, tr("Leaderboard"));

    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_previewStatus);
    topLayout->addWidget(m_preview);
    auto* bottom = new QWidget(this);
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_jobView);
    auto* metricsRow = new QHBoxLayout;
    metricsRow->addWidget(m_metrics, 1);
    auto* modelButtons = new QVBoxLayout;
    modelButtons->addWidget(m_saveModel);
    modelButtons->addWidget(m_deploy);
    modelButtons->addStretch();
    metricsRow->addLayout(modelButtons);
    bottomLayout->addLayout(metricsRow);
    bottomLayout->addWidget(m_tabs, 1);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_form, &TrainingSettingsForm::dataChanged, this, &TrainingPanel::updatePreview);
    connect(m_form, &TrainingSettingsForm::trainRequested, this, &TrainingPanel::startTraining);
    connect(m_form, &TrainingSettingsForm::tuneRequested, this, &TrainingPanel::startTuning);
    connect(m_saveModel, &QPushButton::clicked, this, &TrainingPanel::chooseModelFile);
    connect(m_deploy, &QPushButton::clicked, this, [this] {
        if (Expected<QString> deployed = deployToBidders(); !deployed)
            Q_EMIT statusMessage(deployed.error(), 8000);
    });
    connect(m_tracker, &jobs::JobTracker::finished, this,
            [this](jobs::JobTracker::Outcome outcome, const QString& message) {
                if (outcome == jobs::JobTracker::Outcome::Failed)
                    m_metrics->setText(message.toHtmlEscaped());
                Q_EMIT statusMessage(
                    outcome == jobs::JobTracker::Outcome::Succeeded ? tr("Training finished.") : message, 5000);
            });
}

TrainingPanel::~TrainingPanel()
{
    if (m_form && !m_form->parent()) // the main window adopts the controls; a panel on its own keeps them
        delete m_form.data();
}

QWidget* TrainingPanel::controls()
{
    return m_form;
}

void TrainingPanel::updatePreview()
{
    const QString path = m_form->dataPath();
    if (path.isEmpty())
        return;
    const Expected<train::Preview> preview = train::previewDataset(path, m_form->mapping());
    report::Table table;
    if (!preview) {
        m_previewStatus->setText(preview.error().toHtmlEscaped());
        m_previewModel->setTable(table);
        return;
    }
    for (const QString& column : preview->columns)
        table.columns.append({ column, report::ColumnKind::Text });
    for (const QStringList& row : preview->rows) {
        report::Row cells;
        for (qsizetype c = 0; c < table.columns.size(); ++c)
            cells.append(row.value(c));
        table.rows.append(cells);
    }
    m_previewStatus->setText(
        tr("Preview of %1 (%2, first %3 rows)").arg(path.toHtmlEscaped(), preview->format).arg(preview->rows.size()));
    m_previewModel->setTable(table);
}

void TrainingPanel::startTraining()
{
    Expected<train::TrainRequest> request = m_form->trainRequest();
    if (!request) {
        m_metrics->setText(request.error().toHtmlEscaped());
        return;
    }
    const train::TrainRequest r = *request;
    m_tracker->track(jobs::runJob<train::TrainOutcome>(jobs::jobPool(), train::runTrainingJob, r),
                     [this, r](train::TrainOutcome outcome) {
                         m_report = train::trainingReport(outcome, r);
                         showOutcome(outcome);
                         m_outcome = std::move(outcome);
                         Q_EMIT reportChanged();
                     });
}

void TrainingPanel::startTuning()
{
    Expected<train::TuneRequest> request = m_form->tuneRequest();
    if (!request) {
        m_metrics->setText(request.error().toHtmlEscaped());
        return;
    }
    std::shared_ptr<LeaderboardRelay> relay(new LeaderboardRelay, [](LeaderboardRelay* r) { r->deleteLater(); });
    connect(
        relay.get(), &LeaderboardRelay::changed, this,
        [this, weak = std::weak_ptr(relay)] {
            if (const auto r = weak.lock())
                showLeaderboard(r->latest());
        },
        Qt::QueuedConnection);
    request->onUpdate = [relay](const train::Leaderboard& board) { relay->post(board); };
    m_tabs->setCurrentWidget(m_leaderboardView);
    const train::TuneRequest r = *request;
    m_tracker->track(jobs::runJob<train::TuneOutcome>(jobs::jobPool(), train::runTuningJob, r),
                     [this, r](train::TuneOutcome outcome) {
                         m_report = train::tuningReport(outcome, r);
                         showLeaderboard(outcome.leaderboard);
                         showOutcome(outcome.best);
                         m_tabs->setCurrentWidget(m_leaderboardView);
                         m_outcome = std::move(outcome.best);
                         Q_EMIT reportChanged();
                     });
}

void TrainingPanel::showLeaderboard(const train::Leaderboard& board)
{
    m_leaderboard->setTable(train::leaderboardTable(board));
    m_leaderboardView->resizeColumnsToContents();
}

void TrainingPanel::setChart(QChartView* view, const report::Chart& chart)
{
    QChart* previous = view->chart();
    view->setChart(buildChart(chart));
    delete previous; // setChart releases the old chart's ownership
}

void TrainingPanel::showOutcome(const train::TrainOutcome& o)
{
    setChart(m_loss, train::lossChart(o));
    setChart(m_roc, train::rocChart(o));
    setChart(m_calibration, train::calibrationChart(o));
    setChart(m_importance, train::importanceChart(o));
    QString text = tr("<b>Test AUC %1</b>, log loss %2 on %3 rows")
                       .arg(number(o.test.auc, 4), number(o.test.logLoss, 5))
                       .arg(o.testRows);
    if (o.trueAuc)
        text += tr(" · true model AUC %1, log loss %2").arg(number(o.trueAuc, 4), number(o.trueLogLoss, 5));
    if (o.oobAuc)
        text += tr(" · out-of-bag AUC %1").arg(number(o.oobAuc, 4));
    text += tr("<br>Fit %1 s on %2 threads (%3 steps, %4); %5 bad rows")
                .arg(o.fitSeconds, 0, 'f', 2)
                .arg(o.threads)
                .arg(o.steps)
                .arg(o.stopReason.toHtmlEscaped())
                .arg(o.badRowCount);
    m_metrics->setText(text);
    m_saveModel->setEnabled(true);
    m_deploy->setEnabled(true);
}

QString TrainingPanel::metricsText() const
{
    return m_metrics->text();
}

Status TrainingPanel::saveModel(const QString& path) const
{
    if (!m_outcome)
        return Error { tr("There is no trained model to save yet.") };
    return m_outcome->model.save(path);
}

QString TrainingPanel::deployedModelsFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/models");
}

Expected<QString> TrainingPanel::deployToBidders()
{
    if (!m_outcome)
        return Error { tr("There is no trained model to deploy yet.") };
    const QString folder = deployedModelsFolder();
    if (!QDir().mkpath(folder))
        return Error { tr("Cannot create the folder %1 for deployed models.").arg(folder) };
    const QString path = QDir(folder).filePath(
        QStringLiteral("ctr-model-%1.json")
            .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"))));
    if (const Status saved = saveModel(path); !saved)
        return Error { saved.error() };
    Q_EMIT deployModelRequested(path);
    return path;
}

void TrainingPanel::chooseModelFile()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save CTR model"), QStringLiteral("ctr-model.json"),
                                                      tr("BidLab CTR model (*.json)"));
    if (path.isEmpty())
        return;
    const Status saved = saveModel(path);
    Q_EMIT statusMessage(saved ? tr("Model saved to %1.").arg(path) : saved.error(), 8000);
}

std::optional<report::Report> TrainingPanel::currentReport() const
{
    return m_report;
}

void TrainingPanel::saveSettings(QSettings& settings) const
{
    m_form->save(settings);
}

void TrainingPanel::restoreSettings(QSettings& settings)
{
    m_form->restore(settings);
}

} // namespace bidlab::ui
