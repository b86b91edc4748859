// SPDX-License-Identifier: MIT
// bidlab-cli bench abtest: the speed goals of the A/B analysis (issue 7), on synthetic data made here:
//  - N two-arm experiments of rates analysed and corrected with Holm and with Benjamini–Hochberg;
//  - a 2,000-resample BCa bootstrap of ROAS over 100,000 per-user rows, on 1 and on 2 threads;
//  - the bucketed Poisson bootstrap over millions of rows.
#include "app/cli/cli_command.h"
#include "core/jobs/job_pool.h"
#include "core/stats/ab_analysis.h"
#include "core/stats/bootstrap.h"

#include <algorithm>
#include <ctime>
#include <random>

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QThread>
#include <QThreadPool>

namespace bidlab::cli {

namespace {

using namespace bidlab::stats;

// Experiments of 2,000 to 200,000 exposures per arm, CTRs of 0.5 % to 8 %, a tenth with a real lift.
std::shared_ptr<const Dataset> rateExperiments(int count)
{
    auto data = std::make_shared<Dataset>();
    data->columns.index[std::size_t(Role::Experiment)] = 0;
    data->columns.index[std::size_t(Role::Arm)] = 1;
    data->columns.index[std::size_t(Role::Exposures)] = 2;
    data->columns.index[std::size_t(Role::Clicks)] = 3;
    data->experiments.reserve(std::size_t(count));
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<std::int64_t> size(2000, 200000);
    std::uniform_real_distribution<double> rate(0.005, 0.08);
    std::bernoulli_distribution real(0.1);
    for (int e = 0; e < count; ++e) {
        Experiment experiment { QStringLiteral("exp-%1").arg(e), {} };
        const double p = rate(rng);
        const double lift = real(rng) ? 1.1 : 1.0;
        for (const auto& [name, factor] : { std::pair { "control", 1.0 }, std::pair { "test", lift } }) {
            Arm arm;
            arm.name = QString::fromLatin1(name);
            arm.exposures = arm.assigned = size(rng);
            arm.clicks = std::binomial_distribution<std::int64_t>(arm.exposures, p * factor)(rng);
            experiment.arms.push_back(std::move(arm));
        }
        data->experiments.push_back(std::move(experiment));
    }
    return data;
}

// Users with a cost and, for 10 %, a revenue: ROAS about 2.
struct Users
{
    std::vector<std::int64_t> revenue, cost;
};

Users users(std::size_t n, double roas, unsigned seed)
{
    Users u;
    u.revenue.reserve(n);
    u.cost.reserve(n);
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::int64_t> cost(100'000, 900'000);
    std::bernoulli_distribution buys(0.1);
    std::exponential_distribution<double> basket(1.0);
    for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t c = cost(rng);
        u.cost.push_back(c);
        u.revenue.push_back(buys(rng) ? std::int64_t(double(c) * roas * 10 * basket(rng)) : 0);
    }
    return u;
}

// The smallest and the median of `repeat` wall-clock timings, and the CPU time of the process (all threads)
// in the fastest run, in milliseconds. On a shared machine the CPU time says what the work costs, the wall
// time what a user waits.
struct Timing
{
    double best = 0;
    double median = 0;
    double cpu = 0;
};

double processCpuMs()
{
    timespec t {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

template<class F> Timing timed(int repeat, F f)
{
    std::vector<double> ms;
    Timing timing;
    for (int i = 0; i < repeat; ++i) {
        QElapsedTimer clock;
        const double cpuBefore = processCpuMs();
        clock.start();
        f();
        ms.push_back(double(clock.nsecsElapsed()) / 1e6);
        if (ms.back() <= *std::min_element(ms.begin(), ms.end()))
            timing.cpu = processCpuMs() - cpuBefore;
    }
    std::sort(ms.begin(), ms.end());
    timing.best = ms.front();
    timing.median = ms[ms.size() / 2];
    return timing;
}

QJsonObject timingJson(const Timing& t)
{
    return { { QStringLiteral("bestMs"), t.best },
             { QStringLiteral("medianMs"), t.median },
             { QStringLiteral("cpuMs"), t.cpu } };
}

int runBench(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOptions({
        { QStringLiteral("experiments"), QStringLiteral("Two-arm rate experiments (default 10000)."),
          QStringLiteral("n"), QStringLiteral("10000") },
        { QStringLiteral("rows"), QStringLiteral("Per-user rows of the BCa bootstrap (default 100000)."),
          QStringLiteral("n"), QStringLiteral("100000") },
        { QStringLiteral("resamples"), QStringLiteral("Bootstrap resamples (default 2000)."), QStringLiteral("n"),
          QStringLiteral("2000") },
        { QStringLiteral("big-rows"),
          QStringLiteral("Rows of the bucketed Poisson bootstrap (default 10000000; 0 "
                         "skips it)."),
          QStringLiteral("n"), QStringLiteral("10000000") },
        { QStringLiteral("repeat"), QStringLiteral("Timed runs of each measurement (default 5)."), QStringLiteral("n"),
          QStringLiteral("5") },
        { QStringLiteral("json"), QStringLiteral("Print JSON.") },
    });
    int exitCode = kOk;
    if (!parseArguments(parser, arguments, QStringLiteral("Times the A/B analysis on synthetic data."), &exitCode))
        return exitCode;
    qint64 experiments = 10000, rows = 100000, resamples = 2000, bigRows = 10'000'000, repeat = 5;
    if (!intOption(parser, QStringLiteral("experiments"), 1, 10'000'000, &experiments)
        || !intOption(parser, QStringLiteral("rows"), 4, 100'000'000, &rows)
        || !intOption(parser, QStringLiteral("resamples"), 10, 1'000'000, &resamples)
        || !intOption(parser, QStringLiteral("big-rows"), 0, 1'000'000'000, &bigRows)
        || !intOption(parser, QStringLiteral("repeat"), 1, 100, &repeat))
        return kUsage;

    QJsonObject out { { QStringLiteral("cpu"), cpuModel() },
                      { QStringLiteral("cores"), QThread::idealThreadCount() },
                      { QStringLiteral("loadBefore"), loadAverage() } };
    QStringList lines { QStringLiteral("bench abtest on %1 (%2 cores), load average %3")
                            .arg(cpuModel())
                            .arg(QThread::idealThreadCount())
                            .arg(loadAverage()) };

    // 1. Many experiments: analysis (z-test, chi-square, Wilson, Newcombe, lift, SRM) plus the correction.
    const std::shared_ptr<const Dataset> data = rateExperiments(int(experiments));
    jobs::setJobThreadCount(2);
    QJsonArray corrections;
    for (const Correction correction : { Correction::Holm, Correction::BenjaminiHochberg }) {
        AnalysisOptions options;
        options.correction = correction;
        int significant = 0;
        const Timing t = timed(int(repeat), [&] {
            const Expected<Analysis> a = analyze(data, options, jobs::jobPool());
            significant = a ? a->significant : -1;
        });
        lines << QStringLiteral(
                     "%1 two-arm experiments, %2, 2 threads: best %3 ms, median %4 ms, CPU %5 ms (%6 significant)")
                     .arg(experiments)
                     .arg(correctionKey(correction))
                     .arg(t.best, 0, 'f', 1)
                     .arg(t.median, 0, 'f', 1)
                     .arg(t.cpu, 0, 'f', 1)
                     .arg(significant);
        QJsonObject entry = timingJson(t);
        entry.insert(QStringLiteral("correction"), correctionKey(correction));
        entry.insert(QStringLiteral("significant"), significant);
        corrections.append(entry);
    }
    out.insert(QStringLiteral("experiments"), double(experiments));
    out.insert(QStringLiteral("manyExperiments"), corrections);

    // 2. The BCa bootstrap of ROAS over per-user rows, on 1 and 2 threads.
    const Users control = users(std::size_t(rows / 2), 2.0, 1), test = users(std::size_t(rows - rows / 2), 2.1, 2);
    QJsonArray bca;
    for (const int threads : { 1, 2 }) {
        QThreadPool pool;
        pool.setMaxThreadCount(threads - 1); // the calling thread takes part
        BootstrapOptions options;
        options.resamples = int(resamples);
        options.pool = threads > 1 ? &pool : nullptr;
        std::optional<RatioBootstrap> result;
        const Timing t = timed(int(repeat), [&] {
            result = bootstrapRatio({ control.revenue, control.cost }, { test.revenue, test.cost }, options);
        });
        lines << QStringLiteral("BCa bootstrap, %1 resamples over %2 per-user rows, %3 thread(s): best %4 ms, "
                                "median %5 ms, CPU %6 ms (lift %7 %, BCa [%8, %9] %)")
                     .arg(resamples)
                     .arg(rows)
                     .arg(threads)
                     .arg(t.best, 0, 'f', 1)
                     .arg(t.median, 0, 'f', 1)
                     .arg(t.cpu, 0, 'f', 1)
                     .arg(result->lift.estimate * 100, 0, 'f', 2)
                     .arg(result->lift.bca->low * 100, 0, 'f', 2)
                     .arg(result->lift.bca->high * 100, 0, 'f', 2);
        QJsonObject entry = timingJson(t);
        entry.insert(QStringLiteral("threads"), threads);
        bca.append(entry);
    }
    out.insert(QStringLiteral("rows"), double(rows));
    out.insert(QStringLiteral("resamples"), double(resamples));
    out.insert(QStringLiteral("bca"), bca);

    // 3. Millions of rows: units hashed into 1,000 buckets per arm, Poisson(1) weights per bucket.
    if (bigRows > 0) {
        const Users bigA = users(std::size_t(bigRows / 2), 2.0, 3),
                    bigB = users(std::size_t(bigRows - bigRows / 2), 2.1, 4);
        QThreadPool pool;
        pool.setMaxThreadCount(1);
        BootstrapOptions options;
        options.resamples = int(resamples);
        options.resampling = Resampling::PoissonBuckets;
        options.pool = &pool;
        std::optional<RatioBootstrap> result;
        const Timing t = timed(int(repeat), [&] {
            result = bootstrapRatio({ bigA.revenue, bigA.cost }, { bigB.revenue, bigB.cost }, options);
        });
        lines << QStringLiteral("Bucketed Poisson bootstrap (%1 buckets per arm), %2 resamples over %3 rows, 2 "
                                "threads: best %4 ms, median %5 ms, CPU %6 ms (BCa [%7, %8] %)")
                     .arg(options.buckets)
                     .arg(resamples)
                     .arg(bigRows)
                     .arg(t.best, 0, 'f', 1)
                     .arg(t.median, 0, 'f', 1)
                     .arg(t.cpu, 0, 'f', 1)
                     .arg(result->lift.bca->low * 100, 0, 'f', 2)
                     .arg(result->lift.bca->high * 100, 0, 'f', 2);
        QJsonObject poisson = timingJson(t);
        poisson.insert(QStringLiteral("rows"), double(bigRows));
        poisson.insert(QStringLiteral("buckets"), options.buckets);
        out.insert(QStringLiteral("poisson"), poisson);
    }
    out.insert(QStringLiteral("loadAfter"), loadAverage());
    lines << QStringLiteral("load average after: %1").arg(loadAverage());
    if (parser.isSet(QStringLiteral("json")))
        printJson(out);
    else
        printOut(lines.join(QLatin1Char('\n')));
    return kOk;
}

const BenchRegistrar registrar { { QStringLiteral("abtest"),
                                   QStringLiteral("A/B analysis: many experiments, BCa and Poisson bootstraps."),
                                   runBench } };

} // namespace

} // namespace bidlab::cli
