// SPDX-License-Identifier: MIT
#include "ui/lab/lab_settings_form.h"

#include "core/lab/worker_protocol.h"

#include <algorithm>

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

namespace bidlab::ui {

using namespace bidlab::lab;

namespace {

QSpinBox* spinBox(int minimum, int maximum, QWidget* parent, const char* name)
{
    auto* box = new QSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setGroupSeparatorShown(true);
    box->setObjectName(QString::fromLatin1(name));
    box->setMinimumWidth(70); // not as wide as the longest value of the range: the control panel is narrow
    return box;
}

} // namespace

LabSettingsForm::LabSettingsForm(QWidget* parent)
    : QWidget(parent)
    , m_kind(new QComboBox(this))
    , m_n(spinBox(1, 1'000'000'000, this, "labSize"))
    , m_meaning(new QLabel(this))
    , m_tasks(spinBox(1, kMaxTasks, this, "labTasks"))
    , m_serial(spinBox(0, kMaxSerialTasks, this, "labSerialTasks"))
    , m_threads(new QCheckBox(tr("Threads (QtConcurrent pool)"), this))
    , m_processes(new QCheckBox(tr("Processes (shared-memory rings)"), this))
    , m_minWorkers(spinBox(1, kMaxWorkers, this, "labMinWorkers"))
    , m_maxWorkers(spinBox(1, kMaxWorkers, this, "labMaxWorkers"))
    , m_repeats(spinBox(1, kMaxRepeats, this, "labRepeats"))
    , m_estimate(new QLabel(this))
    , m_run(new QPushButton(tr("Run"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_seed(new QPushButton(tr("The seed's experiment"), this))
{
    m_kind->setObjectName(QStringLiteral("labTask"));
    m_kind->setMinimumContentsLength(8);
    m_kind->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    const struct
    {
        QString text;
        QString tip;
        TaskKind kind;
    } kinds[] = {
        { tr("Primes (seed)"), tr("The seed's cpu_bound_task: CPU-bound, no shared data."), TaskKind::Primes },
        { tr("Memory"), tr("A streaming sum over one shared array: bound by memory bandwidth."), TaskKind::Memory },
        { tr("Wait"), tr("Waiting without using a core, like I/O."), TaskKind::Wait },
        { tr("Tiny"), tr("Tasks far shorter than handing them out: shows the per-task overhead."), TaskKind::Tiny },
    };
    for (const auto& k : kinds) {
        m_kind->addItem(k.text, int(k.kind));
        m_kind->setItemData(m_kind->count() - 1, k.tip, Qt::ToolTipRole);
    }
    m_meaning->setWordWrap(true);
    m_meaning->setEnabled(false); // greyed: a hint, not a value
    m_threads->setObjectName(QStringLiteral("labThreads"));
    m_processes->setObjectName(QStringLiteral("labProcesses"));
    m_serial->setToolTip(tr("Tasks that run one after another before the others fan out: Amdahl's serial part."));
    m_repeats->setToolTip(tr("Each configuration runs this many times; the figures are medians."));
    m_run->setObjectName(QStringLiteral("labRun"));
    m_cancel->setObjectName(QStringLiteral("labCancel"));
    m_seed->setToolTip(tr("4 × count primes below 100,000 with 1..4 workers, as the seed's compare_performance."));
    m_estimate->setWordWrap(true);

    auto* task = new QGroupBox(tr("Task"), this);
    auto* taskForm = new QFormLayout(task);
    taskForm->addRow(tr("Kind"), m_kind);
    taskForm->addRow(tr("Size n"), m_n);
    taskForm->addRow(QString(), m_meaning);
    taskForm->addRow(tr("Tasks"), m_tasks);
    taskForm->addRow(tr("Serial tasks"), m_serial);

    auto* executors = new QGroupBox(tr("Executors"), this);
    auto* executorBox = new QVBoxLayout(executors);
    auto* sequential = new QCheckBox(tr("Sequential (the baseline)"), executors);
    sequential->setChecked(true);
    sequential->setEnabled(false);
    executorBox->addWidget(sequential);
    executorBox->addWidget(m_threads);
    executorBox->addWidget(m_processes);
    auto* range = new QHBoxLayout;
    range->addWidget(m_minWorkers);
    range->addWidget(new QLabel(tr("to"), executors));
    range->addWidget(m_maxWorkers);
    auto* workerForm = new QFormLayout;
    workerForm->addRow(tr("Workers"), range);
    workerForm->addRow(tr("Repeats"), m_repeats);
    executorBox->addLayout(workerForm);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(task);
    layout->addWidget(executors);
    layout->addWidget(m_estimate);
    layout->addLayout(buttons);
    layout->addWidget(m_seed);
    layout->addStretch(1);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &LabSettingsForm::onKindChanged);
    for (QSpinBox* box : { m_tasks, m_serial, m_minWorkers, m_maxWorkers, m_repeats })
        connect(box, &QSpinBox::valueChanged, this, &LabSettingsForm::updateRunnable);
    for (QCheckBox* box : { m_threads, m_processes })
        connect(box, &QCheckBox::toggled, this, &LabSettingsForm::updateRunnable);
    connect(m_run, &QPushButton::clicked, this, &LabSettingsForm::runRequested);
    connect(m_cancel, &QPushButton::clicked, this, &LabSettingsForm::cancelRequested);
    connect(m_seed, &QPushButton::clicked, this, [this] { setSpec(seedExperiment()); });
    setSpec(seedExperiment());
    setRunning(false);
}

ExperimentSpec LabSettingsForm::seedExperiment()
{
    return { .workload = { TaskKind::Primes, 100'000, 4, 0 },
             .executors = { ExecutorKind::Threads, ExecutorKind::Processes },
             .minWorkers = 1,
             .maxWorkers = 4,
             .repeats = 3,
             .workerProgram = {} };
}

ExperimentSpec LabSettingsForm::spec() const
{
    ExperimentSpec spec;
    spec.workload.kind = static_cast<TaskKind>(m_kind->currentData().toInt());
    spec.workload.n = static_cast<std::uint64_t>(m_n->value());
    spec.workload.tasks = m_tasks->value();
    spec.workload.serialTasks = m_serial->value();
    spec.executors.clear();
    if (m_threads->isChecked())
        spec.executors.append(ExecutorKind::Threads);
    if (m_processes->isChecked())
        spec.executors.append(ExecutorKind::Processes);
    spec.minWorkers = m_minWorkers->value();
    spec.maxWorkers = m_maxWorkers->value();
    spec.repeats = m_repeats->value();
    return spec;
}

void LabSettingsForm::setSpec(const ExperimentSpec& spec)
{
    m_kind->setCurrentIndex(std::max(0, m_kind->findData(int(spec.workload.kind))));
    onKindChanged();
    m_n->setValue(static_cast<int>(spec.workload.n));
    m_tasks->setValue(spec.workload.tasks);
    m_serial->setValue(spec.workload.serialTasks);
    m_threads->setChecked(spec.executors.contains(ExecutorKind::Threads));
    m_processes->setChecked(spec.executors.contains(ExecutorKind::Processes));
    m_minWorkers->setValue(spec.minWorkers);
    m_maxWorkers->setValue(spec.maxWorkers);
    m_repeats->setValue(spec.repeats);
    updateRunnable();
}

// A new kind brings its own range for n, and its usual sizes.
void LabSettingsForm::onKindChanged()
{
    const auto kind = static_cast<TaskKind>(m_kind->currentData().toInt());
    const KindLimits limits = kindLimits(kind);
    m_n->setRange(static_cast<int>(limits.minimumN), static_cast<int>(limits.maximumN));
    m_n->setValue(static_cast<int>(limits.defaultN));
    m_tasks->setValue(limits.defaultTasks);
    m_meaning->setText(taskSizeMeaning(kind));
    updateRunnable();
}

void LabSettingsForm::updateRunnable()
{
    const ExperimentSpec s = spec();
    const Status valid = validate(s);
    const int configs = 1 + static_cast<int>(s.executors.size()) * std::max(0, s.maxWorkers - s.minWorkers + 1);
    if (valid)
        m_estimate->setText(
            tr("%1 timed runs; this machine has %2 cores.").arg(configs * s.repeats).arg(QThread::idealThreadCount()));
    else
        m_estimate->setText(valid.error());
    m_run->setEnabled(!m_running && valid.ok());
}

void LabSettingsForm::setRunning(bool running)
{
    m_running = running;
    m_cancel->setEnabled(running);
    m_seed->setEnabled(!running);
    updateRunnable();
}

void LabSettingsForm::save(QSettings& settings) const
{
    const ExperimentSpec s = spec();
    settings.setValue(QStringLiteral("task"), taskKindName(s.workload.kind));
    settings.setValue(QStringLiteral("n"), static_cast<qulonglong>(s.workload.n));
    settings.setValue(QStringLiteral("tasks"), s.workload.tasks);
    settings.setValue(QStringLiteral("serialTasks"), s.workload.serialTasks);
    settings.setValue(QStringLiteral("threads"), m_threads->isChecked());
    settings.setValue(QStringLiteral("processes"), m_processes->isChecked());
    settings.setValue(QStringLiteral("minWorkers"), s.minWorkers);
    settings.setValue(QStringLiteral("maxWorkers"), s.maxWorkers);
    settings.setValue(QStringLiteral("repeats"), s.repeats);
}

void LabSettingsForm::restore(QSettings& settings)
{
    if (!settings.contains(QStringLiteral("task")))
        return;
    ExperimentSpec s = seedExperiment();
    s.workload.kind = parseTaskKind(settings.value(QStringLiteral("task")).toString()).value_or(TaskKind::Primes);
    s.workload.n = settings.value(QStringLiteral("n"), static_cast<qulonglong>(s.workload.n)).toULongLong();
    s.workload.tasks = settings.value(QStringLiteral("tasks"), s.workload.tasks).toInt();
    s.workload.serialTasks = settings.value(QStringLiteral("serialTasks"), 0).toInt();
    s.executors.clear();
    if (settings.value(QStringLiteral("threads"), true).toBool())
        s.executors.append(ExecutorKind::Threads);
    if (settings.value(QStringLiteral("processes"), true).toBool())
        s.executors.append(ExecutorKind::Processes);
    s.minWorkers = settings.value(QStringLiteral("minWorkers"), s.minWorkers).toInt();
    s.maxWorkers = settings.value(QStringLiteral("maxWorkers"), s.maxWorkers).toInt();
    s.repeats = settings.value(QStringLiteral("repeats"), s.repeats).toInt();
    setSpec(s); // spin boxes clamp values that were edited out of range
}

} // namespace bidlab::ui
