// SPDX-License-Identifier: MIT
#include "core/lab/experiment.h"

#include "core/common/app_paths.h"
#include "core/engine/ipc/cycle_clock.h"
#include "core/lab/shared_task_data.h"
#include "core/lab/worker_protocol.h"

#include <algorithm>
#include <cmath>

#include <QCoreApplication>
#include <QElapsedTimer>

namespace bidlab::lab {

namespace {

constexpr qint64 kProgressIntervalMs = 50;

QString tr(const char* text)
{
    return QCoreApplication::translate("Lab", text);
}

QString configName(const ConfigResult& config)
{
    if (config.executor == ExecutorKind::Sequential)
        return executorTitle(config.executor);
    return QStringLiteral("%1 × %2").arg(executorTitle(config.executor)).arg(config.workers);
}

// The trials of one experiment, in the order they run.
class ExperimentRun
{
public:
    ExperimentRun(const ExperimentSpec& spec, const ExperimentControl& control)
        : m_control(control)
    {
        m_result.spec = spec;
    }

    Expected<ExperimentResult> run();

private:
    void plan();
    // False when cancelled.
    bool runTrialOf(ConfigResult& config, int repeat, int trialIndex, int trialCount);
    void check(ConfigResult& config, const TrialOutcome& outcome, int repeat);
    // False when cancelled.
    bool probeOverhead(ConfigResult& config, const RunControl& control, int repeat);

    const ExperimentControl& m_control;
    ExperimentResult m_result;
    std::optional<SharedTaskData> m_data;
};

Expected<ExperimentResult> ExperimentRun::run()
{
    ExperimentSpec& spec = m_result.spec;
    if (Status valid = validate(spec); !valid)
        return Error { valid.error() };
    if (spec.executors.contains(ExecutorKind::Processes) && spec.workerProgram.isEmpty()) {
        spec.workerProgram = siblingExecutable(QStringLiteral("bidlab-lab-worker"));
        if (spec.workerProgram.isEmpty())
            return Error { tr("The lab worker program bidlab-lab-worker is not installed beside this program; "
                              "the process executor cannot run.") };
    }
    QElapsedTimer clock;
    clock.start();
    m_result.machine = currentMachine();
    ipc::CycleClock::nanosecondsPerTick(); // calibrates once (20 ms), before anything is timed
    if (m_control.progress)
        m_control.progress(0.0, tr("Preparing the task data…"));
    Expected<SharedTaskData> data = SharedTaskData::create(spec.workload);
    if (!data)
        return Error { data.error() };
    m_data = std::move(data).value();
    plan();

    const int perRepeat = 1 + static_cast<int>(m_result.configs.size());
    const int trialCount = spec.repeats * perRepeat;
    for (int repeat = 0; repeat < spec.repeats; ++repeat) {
        for (int k = 0; k < perRepeat; ++k) {
            ConfigResult& config = k == 0 ? m_result.sequential : m_result.configs[k - 1];
            if (!runTrialOf(config, repeat, repeat * perRepeat + k, trialCount))
                return Error { canceledMessage() };
        }
    }
    m_result.machine.loadAfter = loadAverage();
    m_result.seconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
    m_result.finished = QDateTime::currentDateTimeUtc();
    summarize(m_result);
    return std::move(m_result);
}

void ExperimentRun::plan()
{
    m_result.sequential = ConfigResult {};
    QList<ExecutorKind> executors;
    for (ExecutorKind kind : m_result.spec.executors) {
        if (kind != ExecutorKind::Sequential && !executors.contains(kind))
            executors.append(kind);
    }
    m_result.spec.executors = executors;
    for (ExecutorKind kind : executors) {
        for (int workers : workerCounts(m_result.spec)) {
            ConfigResult config;
            config.executor = kind;
            config.workers = workers;
            m_result.configs.append(config);
        }
    }
}

bool ExperimentRun::runTrialOf(ConfigResult& config, int repeat, int trialIndex, int trialCount)
{
    if (m_control.betweenTrials)
        m_control.betweenTrials();
    if (m_control.canceled && m_control.canceled())
        return false;
    if (!config.error.isEmpty())
        return true; // this configuration already failed: its other repeats are skipped
    const ExperimentSpec& spec = m_result.spec;
    const QString label = tr("%1, repeat %2 of %3").arg(configName(config)).arg(repeat + 1).arg(spec.repeats);
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    RunControl control;
    control.canceled = m_control.canceled;
    if (m_control.progress) {
        m_control.progress(static_cast<double>(trialIndex) / trialCount, label);
        control.progress = [&](qint64 done, qint64 total) {
            if (sinceProgress.elapsed() < kProgressIntervalMs)
                return;
            sinceProgress.restart();
            const double within = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 0.0;
            m_control.progress((trialIndex + within) / trialCount,
                               tr("%1: %2 of %3 tasks").arg(label).arg(done).arg(total));
        };
    }
    TrialSetup setup { spec.workload, &*m_data, config.workers, spec.workerProgram };
    Expected<TrialOutcome> outcome = runTrial(config.executor, setup, control);
    if (!outcome) {
        if (m_control.canceled && m_control.canceled())
            return false;
        config.error = outcome.error();
        m_result.notes.append(
            tr("%1 stopped in repeat %2: %3").arg(configName(config)).arg(repeat + 1).arg(config.error));
        return true;
    }
    check(config, *outcome, repeat);
    if (!config.error.isEmpty())
        return true;
    config.trials.append(outcome->figures);
    return probeOverhead(config, control, repeat);
}

bool ExperimentRun::probeOverhead(ConfigResult& config, const RunControl& control, int repeat)
{
    RunControl quiet; // the probes are short: no progress of their own
    quiet.canceled = control.canceled;
    auto batch = [&](int tasks) {
        TrialSetup setup { Workload { TaskKind::Tiny, 1, tasks, 0 }, &*m_data, config.workers,
                           m_result.spec.workerProgram };
        return runTrial(config.executor, setup, quiet);
    };
    const Expected<TrialOutcome> small = batch(kProbeSmallBatch);
    const Expected<TrialOutcome> large = small ? batch(kProbeLargeBatch) : small;
    if (large && small) {
        // A thread pool starts its threads inside the parallel part (processes are ready before it).
        auto running = [&config](const TrialFigures& f) {
            const double startup = config.executor == ExecutorKind::Threads ? f.startupNs : 0.0;
            return OverheadProbe::Batch { f.parallelNs - startup, f.bodyNs };
        };
        config.probes.append({ running(small->figures), running(large->figures) });
        return true;
    }
    if (m_control.canceled && m_control.canceled())
        return false;
    m_result.notes.append(tr("%1, repeat %2: the overhead probe (empty tasks) stopped: %3")
                              .arg(configName(config))
                              .arg(repeat + 1)
                              .arg(large.error()));
    return true;
}

// Every trial must return exactly the sequential run's results.
void ExperimentRun::check(ConfigResult& config, const TrialOutcome& outcome, int repeat)
{
    if (m_result.results.empty()) {
        m_result.results = outcome.results;
        return;
    }
    for (std::size_t index = 0; index < outcome.results.size(); ++index) {
        if (index < m_result.results.size() && outcome.results[index] == m_result.results[index])
            continue;
        m_result.resultsIdentical = false;
        config.error = tr("task %1 returned %2 where the first sequential run returned %3")
                           .arg(index)
                           .arg(outcome.results[index])
                           .arg(index < m_result.results.size() ? m_result.results[index] : 0);
        m_result.notes.append(tr("%1, repeat %2: %3").arg(configName(config)).arg(repeat + 1).arg(config.error));
        return;
    }
}

double median(const QList<TrialFigures>& trials, double (*field)(const TrialFigures&))
{
    QList<double> values;
    for (const TrialFigures& t : trials)
        values.append(field(t));
    return summarize(values).median;
}

void summarizeConfig(ConfigResult& config, const Workload& workload, int cores)
{
    QList<double> wall;
    for (const TrialFigures& t : config.trials)
        wall.append(t.wallNs / 1e6);
    config.wallMs = summarize(wall);
    config.cpuMs = median(config.trials, [](const TrialFigures& t) { return t.cpuNs / 1e6; });
    config.startupMs = median(config.trials, [](const TrialFigures& t) { return t.startupNs / 1e6; });
    config.workerStartupMs = median(config.trials, [](const TrialFigures& t) { return t.workerStartupNs / 1e6; });
    config.teardownMs = median(config.trials, [](const TrialFigures& t) { return t.teardownNs / 1e6; });
    QList<double> body;
    for (const TrialFigures& t : config.trials)
        body.append(t.bodyNs / workload.tasks / 1e3);
    config.meanTaskUs = summarize(body).median;
    config.overheadPerTaskUs = overheadPerTaskUs(config.probes, std::clamp(config.workers, 1, std::max(1, cores)));
}

} // namespace

Status validate(const ExperimentSpec& spec)
{
    if (Status s = validate(spec.workload); !s)
        return s;
    if (spec.minWorkers < 1 || spec.maxWorkers > kMaxWorkers || spec.minWorkers > spec.maxWorkers)
        return Error { tr("The worker range must lie within 1..%1 with the first not above the last; got %2..%3.")
                           .arg(kMaxWorkers)
                           .arg(spec.minWorkers)
                           .arg(spec.maxWorkers) };
    if (spec.repeats < 1 || spec.repeats > kMaxRepeats)
        return Error { tr("The number of repeats must be from 1 to %1; got %2.").arg(kMaxRepeats).arg(spec.repeats) };
    return success();
}

std::optional<double> overheadPerTaskUs(const QList<OverheadProbe>& probes, int lanes)
{
    if (probes.isEmpty())
        return std::nullopt;
    QList<double> estimates;
    for (const OverheadProbe& p : probes) {
        const double extraParallelNs = p.large.runningNs - p.small.runningNs;
        const double extraBodyNs = p.large.bodyNs - p.small.bodyNs;
        estimates.append((lanes * extraParallelNs - extraBodyNs) / (kProbeLargeBatch - kProbeSmallBatch) / 1e3);
    }
    const double overheadUs = summarize(estimates).median;
    if (!(overheadUs > 0))
        return std::nullopt;
    return overheadUs;
}

QList<int> workerCounts(const ExperimentSpec& spec)
{
    QList<int> counts;
    for (int workers = spec.minWorkers; workers <= spec.maxWorkers; ++workers)
        counts.append(workers);
    return counts;
}

const ConfigResult* ExperimentResult::config(ExecutorKind executor, int workers) const
{
    if (executor == ExecutorKind::Sequential)
        return &sequential;
    for (const ConfigResult& c : configs) {
        if (c.executor == executor && c.workers == workers)
            return &c;
    }
    return nullptr;
}

QList<const ConfigResult*> ExperimentResult::configsOf(ExecutorKind executor) const
{
    QList<const ConfigResult*> list;
    for (const ConfigResult& c : configs) {
        if (c.executor == executor)
            list.append(&c);
    }
    return list;
}

const ConfigResult* ExperimentResult::fastest(ExecutorKind executor) const
{
    const ConfigResult* top = nullptr;
    for (const ConfigResult* c : configsOf(executor)) {
        if (c->speedup && (!top || *c->speedup > *top->speedup))
            top = c;
    }
    return top;
}

void summarize(ExperimentResult& result)
{
    const Workload& workload = result.spec.workload;
    summarizeConfig(result.sequential, workload, result.machine.cores);
    const double baseline = result.sequential.wallMs.median;
    for (ConfigResult& config : result.configs) {
        summarizeConfig(config, workload, result.machine.cores);
        config.speedup.reset();
        config.efficiency.reset();
        if (baseline > 0 && config.hasTrials() && config.wallMs.median > 0) {
            config.speedup = baseline / config.wallMs.median;
            config.efficiency = *config.speedup / config.workers;
        }
    }
    // Past the core count a task that needs a core only time-shares: those points say nothing about the serial
    // fraction. Waiting needs no core, so every point counts.
    const int usable = workload.kind == TaskKind::Wait ? kMaxWorkers : std::max(1, result.machine.cores);
    result.fits.clear();
    for (ExecutorKind executor : result.spec.executors) {
        ExecutorFit entry;
        entry.executor = executor;
        QList<SpeedupPoint> points;
        for (const ConfigResult* config : result.configsOf(executor)) {
            if (config->speedup && config->workers <= usable) {
                points.append({ static_cast<double>(config->workers), *config->speedup });
                entry.maxWorkersUsed = std::max(entry.maxWorkersUsed, config->workers);
            }
        }
        entry.fit = fitAmdahl(points);
        result.fits.append(entry);
    }
}

Expected<ExperimentResult> runExperiment(const ExperimentSpec& spec, const ExperimentControl& control)
{
    return ExperimentRun(spec, control).run();
}

} // namespace bidlab::lab
