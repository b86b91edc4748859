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

// The per-task overhead is measured directly, on empty tasks (one generator step each): after each trial a
// configuration runs two batches of them, and what the larger batch takes beyond the smaller one is the cost
// of its extra tasks; fixed costs (start-up, the first wake-up, shut-down) cancel out.
inline constexpr int kProbeSmallBatch = 1'000;
inline constexpr int kProbeLargeBatch = 50'000;

// One measurement of both batches, with the same executor and workers as the configuration.
struct OverheadProbe
{
    struct Batch
    {
        double runningNs = 0; // from the first task's start to the last result (a thread pool's start-up excluded)
        double bodyNs = 0; // in the task bodies, summed
    };
    Batch small;
    Batch large;
};

// What one task costs a worker beyond its body, in µs, from probes: with L lanes (the workers, at most the
// cores) a batch of K tasks of body t takes P = a + K (t + o) / L, so o = (L ΔP - Δbody) / ΔK between the two
// batches of one probe; the median over the probes. Empty without probes or when noise makes it come out at
// or below zero.
std::optional<double> overheadPerTaskUs(const QList<OverheadProbe>& probes, int lanes);

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
    QList<OverheadProbe> probes; // one per trial
    // What a task costs a worker beyond its body (handing it out, waking a worker, collecting the result),
    // measured on empty tasks (see overheadPerTaskUs()); empty when it could not be measured.
    std::optional<double> overheadPerTaskUs;
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
