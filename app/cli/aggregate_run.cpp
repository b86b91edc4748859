// SPDX-License-Identifier: MIT
#include "app/cli/aggregate_run.h"

#include "app/cli/cli_command.h"
#include "core/aggregate/aggregate_file.h"
#include "core/aggregate/aggregate_options.h"
#include "core/jobs/job_pool.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <unistd.h>

#include <QCommandLineParser>

namespace bidlab::cli {

namespace {

std::atomic<bool> g_interrupted { false };

extern "C" void onInterrupt(int)
{
    g_interrupted = true;
}

} // namespace

bool interrupted()
{
    return g_interrupted.load();
}

void installInterruptHandlers()
{
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
}

int runAggregation(const QCommandLineParser& parser, aggregate::AggregateResult* result)
{
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1) {
        printErr(QStringLiteral("Give exactly one input FILE (see --help)."));
        return kUsage;
    }
    Expected<aggregate::AggregateParams> params = aggregate::aggregateParamsFrom(parser, files.front());
    if (!params) {
        printErr(params.error());
        return params.error().startsWith(QLatin1String("--")) ? kUsage : kBadInput;
    }
    if (params->threads > 0)
        jobs::setJobThreadCount(params->threads);
    installInterruptHandlers();
    aggregate::ScanControl control;
    control.canceled = [] { return interrupted(); };
    if (isatty(STDERR_FILENO)) {
        control.progress = [](qint64 done, qint64 total, const QString&) {
            std::fprintf(stderr, "\r%5.1f %%", total > 0 ? 100.0 * double(done) / double(total) : 100.0);
            std::fflush(stderr);
        };
    }
    Expected<aggregate::AggregateResult> scanned = aggregate::aggregateFile(*params, control);
    if (control.progress)
        std::fputs("\r        \r", stderr);
    if (interrupted()) {
        printErr(QStringLiteral("Interrupted."));
        return kInterrupted;
    }
    if (!scanned) {
        printErr(scanned.error());
        // Parameters that do not fit the file, and unreadable files, are bad input.
        return kBadInput;
    }
    *result = std::move(scanned).value();
    return kOk;
}

} // namespace bidlab::cli
