// SPDX-License-Identifier: MIT
#include "core/lab/lab_report.h"

#include "core/lab/explanation.h"

#include <QCoreApplication>

namespace bidlab::lab {

namespace {

using report::ColumnKind;

QString tr(const char* text)
{
    return QCoreApplication::translate("Lab", text);
}

QVariant optional(const std::optional<double>& value)
{
    return value ? QVariant(*value) : QVariant();
}

QString workerRange(const ExperimentSpec& spec)
{
    return spec.minWorkers == spec.maxWorkers ? QString::number(spec.minWorkers)
                                              : QStringLiteral("%1..%2").arg(spec.minWorkers).arg(spec.maxWorkers);
}

QString executorList(const ExperimentSpec& spec)
{
    QStringList keys { executorKey(ExecutorKind::Sequential) };
    for (ExecutorKind kind : spec.executors)
        keys << executorKey(kind);
    return keys.join(QLatin1Char(','));
}

report::Row figuresRow(const ConfigResult& c, bool processes)
{
    const bool baseline = c.executor == ExecutorKind::Sequential;
    return report::Row {
        executorTitle(c.executor),
        qint64(c.workers),
        c.hasTrials() ? QVariant(c.wallMs.median) : QVariant(),
        c.hasTrials() ? QVariant(c.wallMs.minimum) : QVariant(),
        c.hasTrials() ? QVariant(c.wallMs.maximum) : QVariant(),
        c.hasTrials() ? QVariant(c.wallMs.relative()) : QVariant(),
        c.hasTrials() ? QVariant(c.cpuMs) : QVariant(),
        baseline ? QVariant(1.0) : optional(c.speedup),
        baseline ? QVariant(1.0) : optional(c.efficiency),
        optional(c.overheadPerTaskUs),
        c.hasTrials() && !baseline ? QVariant(c.startupMs) : QVariant(),
        c.hasTrials() && processes ? QVariant(c.workerStartupMs) : QVariant(),
        c.hasTrials() && !baseline ? QVariant(c.teardownMs) : QVariant(),
        qint64(c.trials.size()),
        c.error,
    };
}

} // namespace

report::Chart speedupChart(const ExperimentResult& result)
{
    report::Chart chart;
    chart.title = tr("Speedup over sequential: %1").arg(describe(result.spec.workload));
    chart.kind = report::ChartKind::Line;
    chart.xTitle = tr("workers");
    chart.yTitle = tr("speedup (×)");
    for (ExecutorKind kind : result.spec.executors) {
        report::Series series;
        series.name = executorTitle(kind);
        for (const ExecutorFit& fit : result.fits) {
            if (fit.executor == kind && fit.fit.valid())
                series.name += tr(" (f = %1)").arg(fit.fit.serialFraction, 0, 'f', 2);
        }
        for (const ConfigResult* c : result.configsOf(kind)) {
            if (c->speedup)
                series.points.append(QPointF(c->workers, *c->speedup));
        }
        chart.series.append(series);
    }
    report::Series ideal;
    ideal.name = tr("ideal");
    for (int workers : workerCounts(result.spec))
        ideal.points.append(QPointF(workers, workers));
    chart.series.append(ideal);
    return chart;
}

report::Table figuresTable(const ExperimentResult& result)
{
    report::Table table;
    table.title = tr("Figures (medians of %1 repeats)").arg(result.spec.repeats);
    table.columns = {
        { tr("executor"), ColumnKind::Text },
        { tr("workers"), ColumnKind::Integer },
        { tr("wall (ms)"), ColumnKind::Decimal, 3 },
        { tr("min (ms)"), ColumnKind::Decimal, 3 },
        { tr("max (ms)"), ColumnKind::Decimal, 3 },
        { tr("spread"), ColumnKind::Percent, 1 },
        { tr("CPU (ms)"), ColumnKind::Decimal, 3 },
        { tr("speedup"), ColumnKind::Decimal, 2 },
        { tr("efficiency"), ColumnKind::Percent, 0 },
        { tr("overhead per task, empty tasks (µs)"), ColumnKind::Decimal, 3 },
        { tr("start-up (ms)"), ColumnKind::Decimal, 3 },
        { tr("per process (ms)"), ColumnKind::Decimal, 3 },
        { tr("shut-down (ms)"), ColumnKind::Decimal, 3 },
        { tr("trials"), ColumnKind::Integer },
        { tr("note"), ColumnKind::Text },
    };
    table.rows.append(figuresRow(result.sequential, false));
    for (const ConfigResult& c : result.configs)
        table.rows.append(figuresRow(c, c.executor == ExecutorKind::Processes));
    return table;
}

report::Table trialsTable(const ExperimentResult& result)
{
    report::Table table;
    table.title = tr("Trials");
    table.columns = {
        { tr("executor"), ColumnKind::Text },
        { tr("workers"), ColumnKind::Integer },
        { tr("repeat"), ColumnKind::Integer },
        { tr("wall (ms)"), ColumnKind::Decimal, 3 },
        { tr("start-up (ms)"), ColumnKind::Decimal, 3 },
        { tr("per process (ms)"), ColumnKind::Decimal, 3 },
        { tr("serial (ms)"), ColumnKind::Decimal, 3 },
        { tr("parallel (ms)"), ColumnKind::Decimal, 3 },
        { tr("shut-down (ms)"), ColumnKind::Decimal, 3 },
        { tr("CPU (ms)"), ColumnKind::Decimal, 3 },
        { tr("in task bodies (ms)"), ColumnKind::Decimal, 3 },
    };
    auto add = [&table](const ConfigResult& c) {
        for (qsizetype k = 0; k < c.trials.size(); ++k) {
            const TrialFigures& t = c.trials[k];
            table.rows.append({ executorTitle(c.executor), qint64(c.workers), qint64(k + 1), t.wallNs / 1e6,
                                t.startupNs / 1e6, t.workerStartupNs / 1e6, t.serialNs / 1e6, t.parallelNs / 1e6,
                                t.teardownNs / 1e6, t.cpuNs / 1e6, t.bodyNs / 1e6 });
        }
    };
    add(result.sequential);
    for (const ConfigResult& c : result.configs)
        add(c);
    return table;
}

report::Report labReport(const ExperimentResult& result)
{
    const ExperimentSpec& spec = result.spec;
    const Workload& w = spec.workload;
    report::Report r;
    r.title = tr("Parallelism lab");
    r.subtitle = describe(w);
    r.created = result.finished.isValid() ? result.finished : QDateTime::currentDateTimeUtc();
    r.parameters = {
        { tr("task"), taskKindName(w.kind) + QStringLiteral(" (") + taskSizeMeaning(w.kind) + QLatin1Char(')') },
        { tr("n"), QString::number(w.n) },
        { tr("tasks"), QString::number(w.tasks) },
        { tr("serial tasks"), QString::number(w.serialTasks) },
        { tr("executors"), executorList(spec) },
        { tr("workers"), workerRange(spec) },
        { tr("repeats"), QString::number(spec.repeats) },
        { tr("cores"), QString::number(result.machine.cores) },
        { tr("CPU"), result.machine.cpuModel },
        { tr("load average before / after"),
          QStringLiteral("%1 / %2")
              .arg(result.machine.loadBefore, 0, 'f', 2)
              .arg(result.machine.loadAfter, 0, 'f', 2) },
        { tr("duration (s)"), QString::number(result.seconds, 'f', 1) },
    };
    const report::Column ms { {}, ColumnKind::Decimal, 3 };
    const report::Column speed { {}, ColumnKind::Decimal, 2 };
    r.kpis.append({ tr("sequential wall (ms)"), result.sequential.wallMs.median, ms,
                    tr("median of %1").arg(result.sequential.wallMs.count) });
    for (ExecutorKind kind : spec.executors) {
        if (const ConfigResult* top = result.fastest(kind))
            r.kpis.append({ tr("best speedup, %1").arg(executorTitle(kind)), *top->speedup, speed,
                            top->workers == 1 ? tr("with 1 worker") : tr("with %1 workers").arg(top->workers) });
    }
    for (const ExecutorFit& fit : result.fits) {
        if (fit.fit.valid())
            r.kpis.append({ tr("serial fraction (Amdahl), %1").arg(executorTitle(fit.executor)),
                            fit.fit.serialFraction,
                            { {}, ColumnKind::Percent, 1 },
                            tr("workers up to %1").arg(fit.maxWorkersUsed) });
    }
    r.kpis.append({ tr("identical results"), result.resultsIdentical ? tr("yes") : tr("no"), {}, {} });
    r.tables = { figuresTable(result), trialsTable(result) };
    r.charts = { speedupChart(result) };
    r.notes = explain(result);
    r.notes << result.notes;
    r.notes << tr("Wall time includes starting and stopping the pool, as the seed's `with ...Executor` blocks do. "
                  "Overhead per task is measured on empty tasks: after each trial the configuration also runs %1 "
                  "and %2 tasks of one generator step; the extra time of the larger batch, times the workers "
                  "running at once (at most the cores), less the time in the task bodies, per extra task, is what "
                  "one task costs a worker besides its work. Start-up and shut-down cancel out.")
                   .arg(kProbeSmallBatch)
                   .arg(kProbeLargeBatch);
    return r;
}

} // namespace bidlab::lab
