// SPDX-License-Identifier: MIT
#include "app/cli/cli_command.h"

#include <algorithm>
#include <cstdio>

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace bidlab::cli {

namespace {

std::vector<Command>& registry()
{
    static std::vector<Command> commands;
    return commands;
}

std::vector<Command>& benchRegistry()
{
    static std::vector<Command> benchmarks;
    return benchmarks;
}

const std::vector<Command>& sortedByName(std::vector<Command>& all)
{
    std::sort(all.begin(), all.end(), [](const Command& a, const Command& b) { return a.name < b.name; });
    return all;
}

} // namespace

Registrar::Registrar(Command command)
{
    registry().push_back(std::move(command));
}

const std::vector<Command>& commands()
{
    return sortedByName(registry());
}

BenchRegistrar::BenchRegistrar(Command benchmark)
{
    benchRegistry().push_back(std::move(benchmark));
}

const std::vector<Command>& benchmarks()
{
    return sortedByName(benchRegistry());
}

bool parseArguments(QCommandLineParser& parser, const QStringList& arguments, const QString& description, int* exitCode)
{
    parser.setApplicationDescription(description);
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(arguments)) {
        printErr(QStringLiteral("%1: %2\nTry '%1 --help'.").arg(arguments.value(0), parser.errorText()));
        *exitCode = kUsage;
        return false;
    }
    if (parser.isSet(help)) {
        printOut(parser.helpText());
        *exitCode = kOk;
        return false;
    }
    return true;
}

void printOut(const QString& text)
{
    std::fputs(qPrintable(text), stdout);
    if (!text.endsWith(QLatin1Char('\n')))
        std::fputc('\n', stdout);
    std::fflush(stdout);
}

void printErr(const QString& text)
{
    std::fputs(qPrintable(text), stderr);
    if (!text.endsWith(QLatin1Char('\n')))
        std::fputc('\n', stderr);
    std::fflush(stderr);
}

void printJson(const QJsonObject& object)
{
    printOut(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)));
}

namespace {

// Reads option `name` with `convert` (QString::toLongLong or toDouble) and checks it lies in [min, max].
template<class T, class Convert>
bool numberOption(const QCommandLineParser& parser, const QString& name, T min, T max, T* value, Convert convert,
                  const char* what)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const T parsed = convert(parser.value(name), &ok);
    if (!ok || !(parsed >= min && parsed <= max)) {
        printErr(QStringLiteral("--%1: expected %2 from %3 to %4, got '%5'.")
                     .arg(name, QLatin1String(what))
                     .arg(min)
                     .arg(max)
                     .arg(parser.value(name)));
        return false;
    }
    *value = parsed;
    return true;
}

} // namespace

bool intOption(const QCommandLineParser& parser, const QString& name, qint64 min, qint64 max, qint64* value)
{
    return numberOption(
        parser, name, min, max, value, [](const QString& text, bool* ok) { return text.toLongLong(ok); },
        "a whole number");
}

bool doubleOption(const QCommandLineParser& parser, const QString& name, double min, double max, double* value)
{
    return numberOption(
        parser, name, min, max, value, [](const QString& text, bool* ok) { return text.toDouble(ok); }, "a number");
}

} // namespace bidlab::cli
