// SPDX-License-Identifier: MIT
#include "core/lab/explanation.h"

#include <algorithm>
#include <cmath>

#include <QCoreApplication>
#include <QLocale>

namespace bidlab::lab {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("Lab", text);
}

QString times(double value)
{
    return QStringLiteral("%1×").arg(value, 0, 'f', value >= 10 ? 1 : 2);
}

QString percent(double fraction)
{
    const double p = fraction * 100.0;
    return QStringLiteral("%1 %").arg(p, 0, 'f', p < 10 ? 1 : 0);
}

QString grouped(std::uint64_t value)
{
    return QLocale(QLocale::English).toString(static_cast<qulonglong>(value));
}

QString workersText(int workers)
{
    return workers == 1 ? tr("1 worker") : tr("%1 workers").arg(workers);
}

QString title(ExecutorKind kind)
{
    QString t = executorTitle(kind);
    if (!t.isEmpty())
        t[0] = t[0].toUpper();
    return t;
}

bool needsCore(const ExperimentResult& r)
{
    return r.spec.workload.kind != TaskKind::Wait;
}

// The configuration of `kind` at the core count, or the nearest measured below or above it.
const ConfigResult* atCores(const ExperimentResult& r, ExecutorKind kind)
{
    const ConfigResult* chosen = nullptr;
    for (const ConfigResult* c : r.configsOf(kind)) {
        if (!c->hasTrials())
            continue;
        if (!chosen || std::abs(c->workers - r.machine.cores) < std::abs(chosen->workers - r.machine.cores))
            chosen = c;
    }
    return chosen;
}

template<class Field> double medianOf(const ConfigResult& c, Field field)
{
    QList<double> values;
    for (const TrialFigures& t : c.trials)
        values.append(field(t));
    return summarize(values).median;
}

QString baseline(const ExperimentResult& r)
{
    const ConfigResult& s = r.sequential;
    if (!s.hasTrials())
        return {};
    return tr("Run one after another, the %1 tasks took %2 (median of %3); one task ran %4 on average.")
        .arg(grouped(static_cast<std::uint64_t>(r.spec.workload.totalTasks())), humanDuration(s.wallMs.median))
        .arg(s.wallMs.count)
        .arg(humanDuration(s.meanTaskUs / 1e3));
}

QString speedups(const ExperimentResult& r)
{
    QStringList parts;
    for (ExecutorKind kind : r.spec.executors) {
        const ConfigResult* top = r.fastest(kind);
        if (!top)
            continue;
        if (*top->speedup < 1.0) {
            parts << tr("%1 never beat the sequential run: at best %2 its speed, with %3.")
                         .arg(title(kind), times(*top->speedup), workersText(top->workers));
        } else {
            parts << tr("%1 were fastest with %2: %3 the sequential speed (%4 efficiency).")
                         .arg(title(kind), workersText(top->workers), times(*top->speedup), percent(*top->efficiency));
        }
    }
    return parts.join(QLatin1Char(' '));
}

// CPU time / wall time: how many cores a run kept busy. Well under 1 for the sequential run means other programs
// had the cores, which caps every speedup measured now.
QString cpuShare(const ExperimentResult& r)
{
    const ConfigResult& s = r.sequential;
    if (!needsCore(r) || !s.hasTrials() || s.wallMs.median <= 0)
        return {};
    const double share = s.cpuMs / s.wallMs.median;
    if (share >= 0.85)
        return {};
    QString text = tr("The sequential run kept only %1 of a core busy (CPU time ÷ wall time)").arg(share, 0, 'f', 2);
    for (ExecutorKind kind : r.spec.executors) {
        const ConfigResult* c = atCores(r, kind);
        if (c && c->wallMs.median > 0)
            text += tr(", %1 × %2 kept %3")
                        .arg(executorTitle(kind))
                        .arg(c->workers)
                        .arg(c->cpuMs / c->wallMs.median, 0, 'f', 2);
    }
    return text
        + tr(": other programs had the rest. Linux shares the CPU fairly between sessions (sched_autogroup), so while "
             "others are busy, more threads cannot take a larger share: the speedups measured now are capped by the "
             "machine's load, not by the code.");
}

QString coreLimit(const ExperimentResult& r)
{
    if (!needsCore(r) || r.spec.maxWorkers <= r.machine.cores)
        return {};
    QStringList parts;
    for (ExecutorKind kind : r.spec.executors) {
        const ConfigResult* atLimit = r.config(kind, r.machine.cores);
        const ConfigResult* most = r.config(kind, r.spec.maxWorkers);
        if (!atLimit || !most || !atLimit->speedup || !most->speedup)
            continue;
        if (*most->speedup <= *atLimit->speedup * 1.1)
            parts << tr("%1 went from %2 with %3 workers to %4 with %5")
                         .arg(executorTitle(kind), times(*atLimit->speedup))
                         .arg(atLimit->workers)
                         .arg(times(*most->speedup))
                         .arg(most->workers);
    }
    if (parts.isEmpty())
        return {};
    return tr("This machine has %1 cores, and past them more workers did not help: %2. Extra workers only take "
              "turns on the same cores.")
        .arg(r.machine.cores)
        .arg(parts.join(tr("; ")));
}

QString waiting(const ExperimentResult& r)
{
    if (r.spec.workload.kind != TaskKind::Wait)
        return {};
    const ConfigResult* top = nullptr;
    for (ExecutorKind kind : r.spec.executors) {
        const ConfigResult* b = r.fastest(kind);
        if (b && (!top || *b->speedup > *top->speedup))
            top = b;
    }
    if (!top)
        return {};
    return tr("Waiting needs no core, so workers past the core count still help: %1 × %2 reached %3 on %4 cores. "
              "This is the one case where the seed's Python threads gain as well: the GIL is released while a "
              "thread waits.")
        .arg(executorTitle(top->executor))
        .arg(top->workers)
        .arg(times(*top->speedup))
        .arg(r.machine.cores);
}

QString memory(const ExperimentResult& r)
{
    const Workload& w = r.spec.workload;
    if (w.kind != TaskKind::Memory || !r.sequential.hasTrials())
        return {};
    const double bytes = static_cast<double>(w.n) * 8.0 * w.tasks;
    auto rate = [bytes](const TrialFigures& t) { return t.parallelNs > 0 ? bytes / t.parallelNs : 0.0; }; // GB/s
    const double one = medianOf(r.sequential, rate);
    const ConfigResult* top = nullptr;
    double topRate = 0;
    for (const ConfigResult& c : r.configs) {
        const double v = c.hasTrials() ? medianOf(c, rate) : 0.0;
        if (v > topRate) {
            topRate = v;
            top = &c;
        }
    }
    if (!top || one <= 0)
        return {};
    QString text = tr("Streaming sums are bound by memory bandwidth: one core read %1 GB/s, %2 × %3 %4 GB/s in all "
                      "(%5).")
                       .arg(one, 0, 'f', 1)
                       .arg(executorTitle(top->executor))
                       .arg(top->workers)
                       .arg(topRate, 0, 'f', 1)
                       .arg(times(topRate / one));
    if (topRate / one < 0.8 * std::min(top->workers, r.machine.cores))
        text += QLatin1Char(' ') + tr("The cores share one memory bus, so once it is busy more workers add little.");
    return text;
}

QString startup(const ExperimentResult& r)
{
    QStringList parts;
    const ConfigResult* processes = atCores(r, ExecutorKind::Processes);
    if (processes) {
        QString data;
        if (r.spec.workload.kind == TaskKind::Memory)
            data = tr(", and mapping the %1 MiB array")
                       .arg(static_cast<double>(r.spec.workload.n) * 8 / 1048576, 0, 'f', 0);
        const int p = processes->workers;
        QString text = tr("Each worker process took %1 from spawn to ready (fork, exec, loading the program, "
                          "attaching the shared memory%2); a pool of %3 was ready after %4.")
                           .arg(humanDuration(processes->workerStartupMs), data)
                           .arg(p)
                           .arg(humanDuration(processes->startupMs));
        if (p > 1)
            text += QLatin1Char(' ')
                + tr("A run gains from %1 processes only when its sequential work exceeds about %2.")
                      .arg(p)
                      .arg(humanDuration(processes->startupMs * p / (p - 1)));
        parts << text;
    }
    if (const ConfigResult* threads = atCores(r, ExecutorKind::Threads))
        parts << tr("A new thread pool ran its first task %1 after it was asked to.")
                     .arg(humanDuration(threads->startupMs));
    return parts.join(QLatin1Char(' '));
}

QString overhead(const ExperimentResult& r)
{
    const double taskUs = r.sequential.meanTaskUs;
    if (!r.sequential.hasTrials())
        return {};
    QStringList costs;
    QStringList thresholds;
    QStringList losers;
    int lanes = 0;
    for (ExecutorKind kind : r.spec.executors) {
        const ConfigResult* c = atCores(r, kind);
        if (!c || c->workers < 2 || !c->overheadPerTaskUs)
            continue;
        lanes = c->workers;
        costs << tr("%1 with %2").arg(humanDuration(*c->overheadPerTaskUs / 1e3), executorTitle(kind));
        const double threshold = *c->overheadPerTaskUs / (c->workers - 1);
        thresholds << tr("%1 (%2)").arg(humanDuration(threshold / 1e3), executorTitle(kind));
        if (taskUs < threshold)
            losers << executorTitle(kind);
    }
    if (costs.isEmpty())
        return {};
    QString text = tr("Besides the work, each task cost a worker %1 (measured on batches of empty tasks): handing "
                      "it out, waking a worker and collecting the result (for processes through the shared-memory "
                      "rings). One task here runs %2, so on %3 workers splitting pays only for tasks longer than "
                      "about %4.")
                       .arg(costs.join(tr(" and ")), humanDuration(taskUs / 1e3))
                       .arg(lanes)
                       .arg(thresholds.join(tr(" and ")));
    if (!losers.isEmpty())
        text += QLatin1Char(' ')
            + tr("These tasks are shorter than that: %1 lose to the plain loop.").arg(losers.join(tr(" and ")));
    return text;
}

QString threadsVersusProcesses(const ExperimentResult& r)
{
    const ConfigResult* t = r.fastest(ExecutorKind::Threads);
    const ConfigResult* p = r.fastest(ExecutorKind::Processes);
    if (!t || !p)
        return {};
    QString text;
    if (*t->speedup >= *p->speedup) {
        text = tr("Threads beat processes here (%1 against %2): they start faster and hand out tasks more cheaply.")
                   .arg(times(*t->speedup), times(*p->speedup));
    } else {
        text = tr("Processes beat threads here (%1 against %2); differences this small are often noise on a shared "
                  "machine.")
                   .arg(times(*p->speedup), times(*t->speedup));
    }
    if (r.spec.workload.kind != TaskKind::Wait)
        text += QLatin1Char(' ')
            + tr("In the seed's Python it is the other way round: the GIL lets only one thread run Python code at a "
                 "time, so only processes gain on this task. C++ threads have no such lock.");
    return text;
}

QString amdahl(const ExperimentResult& r)
{
    QStringList parts;
    for (const ExecutorFit& e : r.fits) {
        if (!e.fit.valid())
            continue;
        const double f = e.fit.serialFraction;
        if (f < 0.005)
            parts << tr("%1 (workers up to %2) fit a serial fraction near 0: the work splits cleanly")
                         .arg(title(e.executor))
                         .arg(e.maxWorkersUsed);
        else
            parts << tr("%1 (workers up to %2) fit a serial fraction of %3, so no number of workers could pass %4")
                         .arg(title(e.executor))
                         .arg(e.maxWorkersUsed)
                         .arg(percent(f), times(e.fit.limit()));
    }
    if (parts.isEmpty())
        return {};
    QString text
        = tr("Amdahl's law, S(p) = 1 / (f + (1 − f) / p), fitted to the speedups: %1.").arg(parts.join(tr("; ")));
    const Workload& w = r.spec.workload;
    if (w.serialTasks > 0)
        text += QLatin1Char(' ')
            + tr("The workload's own serial part is %1 (%2 of %3 tasks run before the others fan out).")
                  .arg(percent(static_cast<double>(w.serialTasks) / w.totalTasks()))
                  .arg(w.serialTasks)
                  .arg(w.totalTasks());
    else if (needsCore(r))
        text += QLatin1Char(' ')
            + tr("The tasks themselves have no serial part: what the fit finds is start-up, dispatch, and cores "
                 "lost to other programs.");
    return text;
}

QString noise(const ExperimentResult& r)
{
    double worst = r.sequential.wallMs.relative();
    for (const ConfigResult& c : r.configs)
        worst = std::max(worst, c.wallMs.relative());
    const MachineInfo& m = r.machine;
    QString text;
    if (m.loadBefore >= 0) {
        text = tr("Load average %1 before and %2 after the runs, on %3 cores")
                   .arg(m.loadBefore, 0, 'f', 2)
                   .arg(m.loadAfter, 0, 'f', 2)
                   .arg(m.cores);
        text += std::max(m.loadBefore, m.loadAfter) > 0.5 * m.cores
            ? tr(": the machine was busy, and other programs took CPU time from these runs.")
            : tr(".");
    }
    if (r.spec.repeats > 1)
        text += QLatin1Char(' ')
            + tr("Repeats of one configuration differed by up to %1 of their median; differences smaller than that "
                 "are noise.")
                  .arg(percent(worst));
    return text.trimmed();
}

QString results(const ExperimentResult& r)
{
    if (r.results.empty())
        return {};
    if (!r.resultsIdentical)
        return tr("Results differed between executors: %1").arg(r.notes.join(QLatin1Char(' ')));
    const Workload& w = r.spec.workload;
    QString first = QString::number(r.results.front());
    if (w.kind == TaskKind::Primes)
        first = tr("%1 primes below %2").arg(grouped(r.results.front()), grouped(w.n));
    return tr("Every trial of every executor returned exactly the sequential run's %1 results (task 0: %2).")
        .arg(grouped(r.results.size()), first);
}

} // namespace

QString humanDuration(double milliseconds)
{
    const double ms = std::max(0.0, milliseconds);
    auto digits = [](double v) { return v >= 100 ? 0 : v >= 10 ? 1 : 2; };
    if (ms >= 1000.0)
        return QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'f', digits(ms / 1000.0));
    if (ms >= 1.0)
        return QStringLiteral("%1 ms").arg(ms, 0, 'f', digits(ms));
    if (ms >= 0.001)
        return QStringLiteral("%1 µs").arg(ms * 1e3, 0, 'f', digits(ms * 1e3));
    return QStringLiteral("%1 ns").arg(ms * 1e6, 0, 'f', 0);
}

QStringList explain(const ExperimentResult& r)
{
    QStringList paragraphs;
    for (const QString& p : { baseline(r), speedups(r), cpuShare(r), coreLimit(r), waiting(r), memory(r), startup(r),
                              overhead(r), threadsVersusProcesses(r), amdahl(r), noise(r), results(r) }) {
        if (!p.isEmpty())
            paragraphs << p;
    }
    return paragraphs;
}

} // namespace bidlab::lab
