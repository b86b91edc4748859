// SPDX-License-Identifier: MIT
// bidlab-cli bench WHAT: runs one of the registered benchmarks (each prints its figures, --json for scripts).
#include "app/cli/cli_command.h"

namespace bidlab::cli {

namespace {

QString benchUsage()
{
    QString text = QStringLiteral("Usage: bidlab-cli bench WHAT [options]   (bidlab-cli bench WHAT --help)\n\n"
                                  "Benchmarks print their figures with the machine they ran on.\n\nBenchmarks:\n");
    for (const Command& bench : benchmarks())
        text += QStringLiteral("  %1 %2\n").arg(bench.name, -16).arg(bench.summary);
    if (benchmarks().empty())
        text += QStringLiteral("  (none in this build)\n");
    return text;
}

int runBench(const QStringList& arguments)
{
    const QString what = arguments.value(1);
    if (what.isEmpty() || what == QLatin1String("--help") || what == QLatin1String("-h")) {
        printOut(benchUsage());
        return what.isEmpty() ? kUsage : kOk;
    }
    for (const Command& bench : benchmarks()) {
        if (bench.name != what)
            continue;
        QStringList rest = arguments.mid(2);
        rest.prepend(QStringLiteral("bidlab-cli bench ") + what);
        return bench.run(rest);
    }
    printErr(QStringLiteral("bidlab-cli bench: unknown benchmark '%1'.\n").arg(what) + benchUsage());
    return kUsage;
}

const Registrar registrar { { QStringLiteral("bench"), QStringLiteral("Run a benchmark and print its figures."),
                              runBench, /*needsGui=*/true } }; // some benchmarks measure widgets (offscreen)

} // namespace

} // namespace bidlab::cli
