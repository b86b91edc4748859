// SPDX-License-Identifier: MIT
#include "ui/anomalies/anomalies_panel.h"

#include "core/jobs/job_pool.h"
#include "core/jobs/job_tracker.h"
#include "ui/anomalies/anomaly_chart.h"
#include "ui/anomalies/detection_table_model.h"
#include "ui/anomalies/live_alerts_view.h"
#include "ui/jobs/job_view.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace bidlab::ui {

AnomaliesPanel::AnomaliesPanel(QWidget* parent)
    : Panel(parent)
    , m_tracker(new jobs::JobTracker(this))
    , m_controls(nullptr)
    , m_chart(new AnomalyChart(this))
    , m_model(new DetectionTableModel(this))
    , m_table(new QTableView(this))
    , m_live(new LiveAlertsView(this))
{
    m_controls = buildControls(); // after the members it fills are initialised
    setObjectName(key());
    m_table->setObjectName(QStringLiteral("detectionTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_chart);
    splitter->addWidget(m_table);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    // Offline: a series from a file; Live: the alert rules on a run of the engine.
    auto* pages = new QTabWidget(this);
    pages->setObjectName(QStringLiteral("anomalyPages"));
    pages->addTab(splitter, tr("Offline"));
    pages->addTab(m_live, tr("Live"));
    connect(m_live, &LiveAlertsView::statusMessage, this, &Panel::statusMessage);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(pages);
    m_jobView->setTracker(m_tracker);
    connect(m_tracker, &jobs::JobTracker::finished, this,
            [this](jobs::JobTracker::Outcome outcome, const QString& why) {
                m_run->setEnabled(!m_path.isEmpty());
                if (outcome == jobs::JobTracker::Outcome::Failed)
                    Q_EMIT statusMessage(why, 10'000);
            });
    updateSummary();
}

QWidget* AnomaliesPanel::buildControls()
{
    auto* box = new QWidget;
    box->setObjectName(QStringLiteral("anomaliesControls"));
    auto* layout = new QVBoxLayout(box);
    auto* open = new QPushButton(tr("Open CSV…"), box);
    open->setObjectName(QStringLiteral("openSeries"));
    open->setToolTip(tr("A CSV with a timestamp column and a value column (NAB files, exported engine series)."));
    connect(open, &QPushButton::clicked, this, &AnomaliesPanel::chooseFile);
    m_file = new QLabel(tr("No file open."), box);
    m_file->setWordWrap(true);
    m_file->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* form = new QFormLayout;
    m_detector = new QComboBox(box);
    m_detector->setObjectName(QStringLiteral("detector"));
    for (const QString& name : anomaly::detectorNames()) {
        m_detector->addItem(name);
        m_detector->setItemData(m_detector->count() - 1, anomaly::describeDetector(name), Qt::ToolTipRole);
    }
    m_threshold = new QDoubleSpinBox(box);
    m_threshold->setObjectName(QStringLiteral("threshold"));
    m_threshold->setRange(0.0, 1.0);
    m_threshold->setDecimals(3);
    m_threshold->setSingleStep(0.01);
    m_threshold->setValue(anomaly::kDefaultThreshold);
    m_threshold->setToolTip(tr("Rows whose score is at or above the threshold are detections."));
    m_probation = new QSpinBox(box);
    m_probation->setObjectName(QStringLiteral("probation"));
    m_probation->setRange(0, 1'000'000);
    m_probation->setSpecialValueText(tr("auto (15 %, ≤ 750)"));
    m_probation->setToolTip(tr("Rows the detector learns from before it scores."));
    form->addRow(tr("Detector"), m_detector);
    form->addRow(tr("Threshold"), m_threshold);
    form->addRow(tr("Probation"), m_probation);

    m_run = new QPushButton(tr("Score again"), box);
    m_run->setObjectName(QStringLiteral("runDetector"));
    m_run->setEnabled(false);
    connect(m_run, &QPushButton::clicked, this, &AnomaliesPanel::run);
    connect(m_detector, &QComboBox::currentTextChanged, this, [this] {
        if (!m_path.isEmpty())
            run();
    });
    connect(m_threshold, &QDoubleSpinBox::valueChanged, this, &AnomaliesPanel::onThresholdChanged);
    m_jobView = new JobView(box);
    m_summary = new QLabel(box);
    m_summary->setObjectName(QStringLiteral("anomalySummary"));
    m_summary->setWordWrap(true);

    layout->addWidget(open);
    layout->addWidget(m_file);
    layout->addLayout(form);
    layout->addWidget(m_run);
    layout->addWidget(m_jobView);
    layout->addWidget(m_summary);
    layout->addStretch(1);
    return box;
}

void AnomaliesPanel::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a time series"), QFileInfo(m_path).absolutePath(),
                                                      tr("CSV files (*.csv *.txt);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void AnomaliesPanel::openFile(const QString& path)
{
    m_path = path;
    m_file->setText(QFileInfo(path).fileName());
    m_file->setToolTip(path);
    run();
}

void AnomaliesPanel::setDetector(const QString& name)
{
    m_detector->setCurrentText(name); // re-scores when it changes and a file is open
}

void AnomaliesPanel::setThreshold(double threshold)
{
    m_threshold->setValue(threshold);
}

void AnomaliesPanel::run()
{
    if (m_path.isEmpty())
        return;
    anomaly::DetectionParams params;
    params.path = m_path;
    params.detector = m_detector->currentText();
    params.threshold = m_threshold->value();
    params.probation = m_probation->value() > 0 ? m_probation->value() : -1;
    m_run->setEnabled(false);
    m_tracker->track(jobs::runJob<anomaly::DetectionResult>(jobs::jobPool(), &anomaly::runDetection, params),
                     [this](anomaly::DetectionResult result) { showResult(std::move(result)); });
}

void AnomaliesPanel::showResult(anomaly::DetectionResult result)
{
    anomaly::applyThreshold(result, m_threshold->value()); // the threshold may have moved while it ran
    m_result = std::make_shared<const anomaly::DetectionResult>(std::move(result));
    m_chart->setResult(m_result, m_threshold->value());
    m_model->setResult(m_result, m_threshold->value());
    m_table->resizeColumnsToContents();
    updateSummary();
    if (!m_result->series.issues.isEmpty())
        Q_EMIT statusMessage(
            tr("%n malformed row(s) skipped; the first: %1", nullptr, static_cast<int>(m_result->series.issues.size()))
                .arg(m_result->series.issues.first()),
            15'000);
    Q_EMIT reportChanged();
    Q_EMIT resultChanged();
}

void AnomaliesPanel::onThresholdChanged(double threshold)
{
    if (!m_result)
        return;
    auto updated = std::make_shared<anomaly::DetectionResult>(*m_result);
    anomaly::applyThreshold(*updated, threshold);
    m_result = std::move(updated);
    m_chart->setResult(m_result, threshold);
    m_model->setResult(m_result, threshold);
    updateSummary();
    Q_EMIT reportChanged();
}

QString AnomaliesPanel::summaryText() const
{
    return m_summary->text();
}

void AnomaliesPanel::updateSummary()
{
    if (!m_result) {
        m_summary->setText(tr("Open a CSV with timestamp and value columns to score it."));
        return;
    }
    m_summary->setText(tr("%1 rows, %2 detections at %3 (scored in %4 ms).%5")
                           .arg(m_result->series.size())
                           .arg(m_result->detections.size())
                           .arg(m_result->threshold)
                           .arg(m_result->seconds * 1000.0, 0, 'f', 1)
                           .arg(m_result->series.issues.isEmpty()
                                    ? QString()
                                    : tr(" %1 malformed rows skipped.").arg(m_result->series.issues.size())));
}

std::optional<report::Report> AnomaliesPanel::currentReport() const
{
    if (!m_result)
        return std::nullopt;
    return anomaly::detectionReport(*m_result);
}

void AnomaliesPanel::saveSettings(QSettings& settings) const
{
    settings.setValue(QStringLiteral("file"), m_path);
    settings.setValue(QStringLiteral("detector"), m_detector->currentText());
    settings.setValue(QStringLiteral("threshold"), m_threshold->value());
    settings.setValue(QStringLiteral("probation"), m_probation->value());
}

void AnomaliesPanel::restoreSettings(QSettings& settings)
{
    const QSignalBlocker blockDetector(m_detector);
    const QSignalBlocker blockThreshold(m_threshold);
    m_detector->setCurrentText(settings.value(QStringLiteral("detector"), m_detector->currentText()).toString());
    m_threshold->setValue(settings.value(QStringLiteral("threshold"), anomaly::kDefaultThreshold).toDouble());
    m_probation->setValue(settings.value(QStringLiteral("probation"), 0).toInt());
    const QString path = settings.value(QStringLiteral("file")).toString();
    if (!path.isEmpty() && QFileInfo::exists(path))
        openFile(path); // the last series comes back, scored again
}

} // namespace bidlab::ui
