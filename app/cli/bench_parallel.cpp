// SPDX-License-Identifier: MIT
// bidlab-cli bench parallel: the parallelism lab headless — sequential vs threads vs processes on one workload,
// repeated, with medians, speedups, an Amdahl fit and the plain-language reading of the figures.
#include "app/cli/cli_command.h"
#include "core/lab/experiment.h"
#include "core/lab/explanation.h"
#include "core/lab/lab_report.h"
#include "core/lab/worker_protocol.h"
#include "ui/lab/chart_image.h"
#include "ui/report/report_export.h"

#include <atomic>
#include <csignal>

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QThread>

namespace bidlab::cli {

namespace {

using namespace bidlab::lab;

std::atomic<bool> g_interrupted { false };

void onInterrupt(int)
{
    g_interrupted.store(true);
}

// "K" or "A..K".
bool parseWorkerRange(const QString& text, int* first, int* last)
{
    const QStringList parts = text.split(QStringLiteral(".."));
    if (parts.size() > 2)
        return false;
    bool ok1 = false;
    bool ok2 = false;
    *first = parts.size() == 2 ? parts[0].toInt(&ok1) : 1;
    *last = parts.back().toInt(&ok2);
    return (parts.size() == 1 || ok1) && ok2;
}

bool parseExecutors(const QString& text, QList<ExecutorKind>* executors)
{
    executors->clear();
    for (const QString& key : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const std::optional<ExecutorKind> kind = parseExecutorKind(key.trimmed());
        if (!kind)
            return false;
        executors->append(*kind);
    }
    return !executors->isEmpty();
}

// Reads the options into a spec; prints the problem and returns false on a bad value.
bool specFrom(const QCommandLineParser& parser, ExperimentSpec* spec)
{
    const QString taskName = parser.value(QStringLiteral("task"));
    const std::optional<TaskKind> kind = parseTaskKind(taskName);
    if (!kind) {
        printErr(QStringLiteral("--task: expected primes, memory, wait or tiny, got '%1'.").arg(taskName));
        return false;
    }
    Workload& w = spec->workload;
    w.kind = *kind;
    const KindLimits limits = kindLimits(w.kind);
    qint64 n = static_cast<qint64>(limits.defaultN);
    qint64 tasks = limits.defaultTasks;
    qint64 serial = 0;
    qint64 repeats = 3;
    if (!intOption(parser, QStringLiteral("n"), static_cast<qint64>(limits.minimumN),
                   static_cast<qint64>(limits.maximumN), &n)
        || !intOption(parser, QStringLiteral("tasks"), 1, kMaxTasks, &tasks)
        || !intOption(parser, QStringLiteral("serial"), 0, kMaxSerialTasks, &serial)
        || !intOption(parser, QStringLiteral("repeat"), 1, kMaxRepeats, &repeats))
        return false;
    w.n = static_cast<std::uint64_t>(n);
    w.tasks = static_cast<int>(tasks);
    w.serialTasks = static_cast<int>(serial);
    spec->repeats = static_cast<int>(repeats);
    spec->minWorkers = 1;
    spec->maxWorkers = std::min(2 * QThread::idealThreadCount(), kMaxWorkers);
    if (parser.isSet(QStringLiteral("workers"))
        && !parseWorkerRange(parser.value(QStringLiteral("workers")), &spec->minWorkers, &spec->maxWorkers)) {
        printErr(QStringLiteral("--workers: expected K or A..K (for example 1..4), got '%1'.")
                     .arg(parser.value(QStringLiteral("workers"))));
        return false;
    }
    if (!parseExecutors(parser.value(QStringLiteral("executors")), &spec->executors)) {
        printErr(QStringLiteral("--executors: expected a comma-separated list of seq, threads and processes, got '%1'.")
                     .arg(parser.value(QStringLiteral("executors"))));
        return false;
    }
    if (Status valid = validate(*spec); !valid) {
        printErr(valid.error());
        return false;
    }
    return true;
}

QString cell(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

void printTable(const ExperimentResult& result)
{
    const MachineInfo& m = result.machine;
    printOut(QStringLiteral("Parallelism lab: %1\n%2 cores (%3), load average %4 before, %5 after; %6 repeats, %7 s")
                 .arg(describe(result.spec.workload))
                 .arg(m.cores)
                 .arg(m.cpuModel.isEmpty() ? QStringLiteral("unknown CPU") : m.cpuModel)
                 .arg(m.loadBefore, 0, 'f', 2)
                 .arg(m.loadAfter, 0, 'f', 2)
                 .arg(result.spec.repeats)
                 .arg(result.seconds, 0, 'f', 1));
    printOut(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9")
                 .arg(QStringLiteral("executor"), -10)
                 .arg(QStringLiteral("workers"), 7)
                 .arg(QStringLiteral("wall ms"), 11)
                 .arg(QStringLiteral("min..max ms"), 21)
                 .arg(QStringLiteral("CPU ms"), 11)
                 .arg(QStringLiteral("speedup"), 8)
                 .arg(QStringLiteral("effic."), 7)
                 .arg(QStringLiteral("ovh µs/task"), 11)
                 .arg(QStringLiteral("start-up ms"), 12));
    auto row = [](const ConfigResult& c) {
        const bool baseline = c.executor == ExecutorKind::Sequential;
        const QString range = c.hasTrials()
            ? cell(c.wallMs.minimum, 3) + QStringLiteral("..") + cell(c.wallMs.maximum, 3)
            : QStringLiteral("—");
        printOut(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9")
                     .arg(executorTitle(c.executor), -10)
                     .arg(c.workers, 7)
                     .arg(c.hasTrials() ? cell(c.wallMs.median, 3) : QStringLiteral("—"), 11)
                     .arg(range, 21)
                     .arg(c.hasTrials() ? cell(c.cpuMs, 3) : QStringLiteral("—"), 11)
                     .arg(baseline        ? QStringLiteral("1.00")
                              : c.speedup ? cell(*c.speedup, 2)
                                          : QStringLiteral("—"),
                          8)
                     .arg(baseline           ? QStringLiteral("100%")
                              : c.efficiency ? cell(*c.efficiency * 100, 0) + QLatin1Char('%')
                                             : QStringLiteral("—"),
                          7)
                     .arg(c.overheadPerTaskUs ? cell(*c.overheadPerTaskUs, 3) : QStringLiteral("—"), 11)
                     .arg(c.hasTrials() && !baseline ? cell(c.startupMs, 3) : QStringLiteral("—"), 12)
                 + (c.error.isEmpty() ? QString() : QStringLiteral("  ") + c.error));
    };
    row(result.sequential);
    for (const ConfigResult& c : result.configs)
        row(c);
    printOut(QStringLiteral("ovh µs/task: what one task costs a worker besides its work, measured on batches of %1 "
                            "and %2 empty tasks after each trial (— when too small to measure).")
                 .arg(kProbeSmallBatch)
                 .arg(kProbeLargeBatch));
    printOut(QString());
    for (const QString& paragraph : explain(result))
        printOut(paragraph + QLatin1Char('\n'));
}

QJsonObject configJson(const ConfigResult& c)
{
    QJsonObject o;
    o.insert(QStringLiteral("executor"), executorKey(c.executor));
    o.insert(QStringLiteral("workers"), c.workers);
    o.insert(QStringLiteral("trials"), c.trials.size());
    o.insert(QStringLiteral("wallMsMedian"), c.wallMs.median);
    o.insert(QStringLiteral("wallMsMin"), c.wallMs.minimum);
    o.insert(QStringLiteral("wallMsMax"), c.wallMs.maximum);
    o.insert(QStringLiteral("cpuMs"), c.cpuMs);
    o.insert(QStringLiteral("startupMs"), c.startupMs);
    o.insert(QStringLiteral("workerStartupMs"), c.workerStartupMs);
    o.insert(QStringLiteral("teardownMs"), c.teardownMs);
    o.insert(QStringLiteral("meanTaskUs"), c.meanTaskUs);
    o.insert(QStringLiteral("overheadPerTaskUs"),
             c.overheadPerTaskUs ? QJsonValue(*c.overheadPerTaskUs) : QJsonValue());
    o.insert(QStringLiteral("speedup"), c.speedup ? QJsonValue(*c.speedup) : QJsonValue());
    o.insert(QStringLiteral("efficiency"), c.efficiency ? QJsonValue(*c.efficiency) : QJsonValue());
    if (!c.error.isEmpty())
        o.insert(QStringLiteral("error"), c.error);
    return o;
}

QJsonObject resultJson(const ExperimentResult& result)
{
    const Workload& w = result.spec.workload;
    QJsonObject json;
    json.insert(QStringLiteral("task"), taskKindName(w.kind));
    json.insert(QStringLiteral("n"), static_cast<qint64>(w.n));
    json.insert(QStringLiteral("tasks"), w.tasks);
    json.insert(QStringLiteral("serialTasks"), w.serialTasks);
    json.insert(QStringLiteral("repeats"), result.spec.repeats);
    json.insert(QStringLiteral("cores"), result.machine.cores);
    json.insert(QStringLiteral("cpu"), result.machine.cpuModel);
    json.insert(QStringLiteral("loadBefore"), result.machine.loadBefore);
    json.insert(QStringLiteral("loadAfter"), result.machine.loadAfter);
    json.insert(QStringLiteral("seconds"), result.seconds);
    json.insert(QStringLiteral("sequential"), configJson(result.sequential));
    QJsonArray configs;
    for (const ConfigResult& c : result.configs)
        configs.append(configJson(c));
    json.insert(QStringLiteral("configs"), configs);
    QJsonArray fits;
    for (const ExecutorFit& f : result.fits) {
        fits.append(QJsonObject { { QStringLiteral("executor"), executorKey(f.executor) },
                                  { QStringLiteral("valid"), f.fit.valid() },
                                  { QStringLiteral("serialFraction"), f.fit.serialFraction },
                                  { QStringLiteral("rmsError"), f.fit.rmsError },
                                  { QStringLiteral("maxWorkersUsed"), f.maxWorkersUsed } });
    }
    json.insert(QStringLiteral("amdahl"), fits);
    json.insert(QStringLiteral("resultsIdentical"), result.resultsIdentical);
    QJsonArray results; // as strings: 64-bit values do not survive a JSON double
    constexpr std::size_t kMaxListed = 1000;
    for (std::size_t k = 0; k < result.results.size() && k < kMaxListed; ++k)
        results.append(QString::number(result.results[k]));
    json.insert(QStringLiteral("results"), results);
    json.insert(QStringLiteral("explanation"), QJsonArray::fromStringList(explain(result)));
    json.insert(QStringLiteral("notes"), QJsonArray::fromStringList(result.notes));
    return json;
}

// Output file names are checked before the runs, which may take minutes.
bool outputsValid(const QCommandLineParser& parser)
{
    auto check = [&](const char* option, const QStringList& suffixes) {
        const QString name = QString::fromLatin1(option);
        if (!parser.isSet(name) || suffixes.contains(QFileInfo(parser.value(name)).suffix().toLower()))
            return true;
        printErr(QStringLiteral("--%1: the file name must end in .%2; got '%3'.")
                     .arg(name, suffixes.join(QStringLiteral(" or .")), parser.value(name)));
        return false;
    };
    return check("report", { QStringLiteral("csv"), QStringLiteral("xlsx"), QStringLiteral("pdf") })
        && check("chart", { QStringLiteral("png"), QStringLiteral("svg") });
}

int runBenchParallel(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOptions({
        { QStringLiteral("task"), QStringLiteral("primes (the seed's), memory, wait or tiny."), QStringLiteral("KIND"),
          QStringLiteral("primes") },
        { QStringLiteral("n"), QStringLiteral("Task size: primes below n / values summed / µs waited / steps."),
          QStringLiteral("N") },
        { QStringLiteral("tasks"), QStringLiteral("Number of tasks that fan out."), QStringLiteral("T") },
        { QStringLiteral("serial"), QStringLiteral("Extra tasks run serially first (Amdahl's serial part)."),
          QStringLiteral("S") },
        { QStringLiteral("workers"), QStringLiteral("Worker counts: K or A..K (default 1..2×cores)."),
          QStringLiteral("RANGE") },
        { QStringLiteral("executors"), QStringLiteral("Comma-separated: seq, threads, processes."),
          QStringLiteral("LIST"), QStringLiteral("seq,threads,processes") },
        { QStringLiteral("repeat"), QStringLiteral("Repeats per configuration (default 3)."), QStringLiteral("R") },
        { QStringLiteral("json"), QStringLiteral("Print JSON.") },
        { QStringLiteral("report"), QStringLiteral("Also write the report (.csv, .xlsx or .pdf)."),
          QStringLiteral("FILE") },
        { QStringLiteral("chart"), QStringLiteral("Also write the speedup chart (.png or .svg)."),
          QStringLiteral("FILE") },
        { QStringLiteral("quiet"), QStringLiteral("No progress on stderr.") },
    });
    int exitCode = kOk;
    if (!parseArguments(parser, arguments,
                        QStringLiteral("The parallelism lab: one workload run sequentially, on a thread pool and on "
                                       "a pool of worker processes fed through shared memory, with 1..K workers, "
                                       "repeated; prints medians, speedups, an Amdahl fit and what they show."),
                        &exitCode))
        return exitCode;
    ExperimentSpec spec;
    if (!specFrom(parser, &spec) || !outputsValid(parser))
        return kUsage;

    g_interrupted = false;
    auto previousInt = std::signal(SIGINT, onInterrupt);
    auto previousTerm = std::signal(SIGTERM, onInterrupt);
    const bool quiet = parser.isSet(QStringLiteral("quiet"));
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    ExperimentControl control;
    control.canceled = [] { return g_interrupted.load(std::memory_order_relaxed); };
    control.progress = [&](double fraction, const QString& text) {
        if (quiet || sinceProgress.elapsed() < 2000)
            return;
        sinceProgress.restart();
        printErr(QStringLiteral("[%1 %] %2").arg(fraction * 100, 5, 'f', 1).arg(text));
    };
    const Expected<ExperimentResult> result = runExperiment(spec, control);
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    if (g_interrupted) {
        printErr(QStringLiteral("Interrupted."));
        return kInterrupted;
    }
    if (!result) {
        printErr(result.error());
        return kFailure;
    }
    if (parser.isSet(QStringLiteral("json")))
        printJson(resultJson(*result));
    else
        printTable(*result);
    if (parser.isSet(QStringLiteral("report"))) {
        if (Status s = ui::exportReport(labReport(*result), parser.value(QStringLiteral("report"))); !s) {
            printErr(s.error());
            return kFailure;
        }
    }
    if (parser.isSet(QStringLiteral("chart"))) {
        if (Status s = ui::writeChartImage(speedupChart(*result), parser.value(QStringLiteral("chart"))); !s) {
            printErr(s.error());
            return kFailure;
        }
    }
    return kOk;
}

const BenchRegistrar registrar { { QStringLiteral("parallel"),
                                   QStringLiteral("Sequential vs threads vs processes (the parallelism lab)."),
                                   runBenchParallel } };

} // namespace

} // namespace bidlab::cli
