// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"
#include "core/lab/amdahl.h"
#include "core/lab/machine_info.h"
#include "core/lab/sample_stats.h"
#include "core/lab/trial.h"
#include "core/lab/workload.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include <QDateTime>
#include <QList>
#include <QStringList>

// An experiment: the sequential baseline and every chosen executor at every worker count, each repeated,
// with the trials interleaved (so that a burst of load on this shared machine hits every configuration alike),
// summarised by medians, compared by speedup, and fitted with Amdahl's law.
namespace bidlab::lab {

inline constexpr int kMaxRepeats = 100;

struct ExperimentSpec
{
    Workload workload;
    // Compared against the sequential baseline, which always runs.
    QList<ExecutorKind> executors { ExecutorKind::Threads, ExecutorKind::Processes };
    int minWorkers = 1;
    int maxWorkers = 4;
    int repeats = 3;
    QString workerProgram; // empty: bidlab-lab-worker beside the running program
};

// Checks sizes, worker range and repeats; the message names the field.
Status validate(const ExperimentSpec& spec);

// One executor at one worker count, over the repeats.
struct ConfigResult
{
    ExecutorKind executor = ExecutorKind::Sequential;
    int workers = 1;
    QList<TrialFigures> trials;
    QString error; // why it stopped early (a worker crashed, a different result); empty when all ran

    // Medians and ranges over the trials, in milliseconds.
    Spread wallMs;
    double cpuMs = 0;
    double startupMs = 0;
    double workerStartupMs = 0;
    double teardownMs = 0;
    double meanTaskUs = 0; // the mean time in one task body
    // What a task costs beyond its body (handing it out, waking a worker, collecting the result), on the
    // critical path: parallel time / ceil(tasks / workers) - mean body time, at least 0.
    double overheadPerTaskUs = 0;
    // Against the sequential baseline's median wall time; empty while there is no baseline or no trial.
    std::optional<double> speedup;
    std::optional<double> efficiency; // speedup / workers

    bool hasTrials() const { return !trials.isEmpty(); }
};

struct ExecutorFit
{
    ExecutorKind executor = ExecutorKind::Threads;
    AmdahlFit fit;
    int maxWorkersUsed = 0; // the fit uses worker counts up to this (the core count for tasks that need a core)
};

struct ExperimentResult
{
    ExperimentSpec spec;
    MachineInfo machine;
    ConfigResult sequential;
    QList<ConfigResult> configs; // by executor in the spec's order, then by workers
    QList<ExecutorFit> fits;
    std::vector<std::uint64_t> results; // the sequential run's results, by task index
    bool resultsIdentical = true; // every trial of every executor returned exactly these
    QStringList notes; // errors and mismatches, in order
    double seconds = 0; // how long the experiment took
    QDateTime finished; // UTC

    const ConfigResult* config(ExecutorKind executor, int workers) const;
    QList<const ConfigResult*> configsOf(ExecutorKind executor) const;
    // The configuration of `executor` with the highest speedup; nullptr when none has one.
    const ConfigResult* fastest(ExecutorKind executor) const;
};

// How an experiment reports and learns about a cancel or a pause.
struct ExperimentControl
{
    std::function<bool()> canceled; // polled often, on the experiment's threads
    std::function<void()> betweenTrials; // called between trials (where a pause may wait); may be empty
    std::function<void(double fraction, const QString& text)> progress; // may be empty
};

// Runs the experiment. Failures of one configuration (a worker that crashed) are recorded in that
// configuration and in the notes, and the others still run; a cancel returns an error "Cancelled.".
Expected<ExperimentResult> runExperiment(const ExperimentSpec& spec, const ExperimentControl& control);

// Recomputes the summaries, speedups and fits from the trials (runExperiment calls it; tests use it on
// hand-made trials).
void summarize(ExperimentResult& result);

// The worker counts of the spec, ascending.
QList<int> workerCounts(const ExperimentSpec& spec);

} // namespace bidlab::lab
