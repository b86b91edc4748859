// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/machine.h"

#include <functional>
#include <vector>

#include <QString>
#include <QStringList>

class QCommandLineParser;
class QJsonObject;

namespace bidlab::cli {

// Exit codes that mean something to scripts.
enum ExitCode : int {
    kOk = 0,
    kFailure = 1, // the work failed (a job error, a write error)
    kUsage = 2, // bad arguments
    kBadInput = 3, // a missing, unreadable or malformed input file
    kInterrupted = 130, // cancelled by SIGINT/SIGTERM
};

// One subcommand: `bidlab-cli NAME ...`. `run` gets the arguments after the command name (argv[0] is
// "bidlab-cli NAME"), and returns an ExitCode.
struct Command
{
    QString name;
    QString summary;
    std::function<int(const QStringList& arguments)> run;
    bool needsGui = false; // creates a QApplication (offscreen platform) for PDF export and charts
};

// Each cmd_*.cpp registers its command with a file-level `const Registrar registrar{{...}};`.
struct Registrar
{
    explicit Registrar(Command command);
};

const std::vector<Command>& commands();

// `bidlab-cli bench WHAT ...`: each benchmark registers itself the same way, from its own file
// app/cli/bench_<what>.cpp, with `const BenchRegistrar registrar{{what, summary, run, needsGui}}`.
struct BenchRegistrar
{
    explicit BenchRegistrar(Command benchmark);
};
const std::vector<Command>& benchmarks();

// Parses `arguments` with a parser that already has the command's options. Handles --help (prints the
// command's help, returns kOk through *exitCode) and errors (prints them, kUsage). Returns true when the
// command should go on.
bool parseArguments(QCommandLineParser& parser, const QStringList& arguments, const QString& description,
                    int* exitCode);

// Output helpers: stdout for results, stderr for diagnostics, always flushed.
void printOut(const QString& text);
void printErr(const QString& text);
void printJson(const QJsonObject& object);

// Reads an integer option in [min, max]; on failure prints "--NAME: ..." and returns false.
bool intOption(const QCommandLineParser& parser, const QString& name, qint64 min, qint64 max, qint64* value);
bool doubleOption(const QCommandLineParser& parser, const QString& name, double min, double max, double* value);

} // namespace bidlab::cli
