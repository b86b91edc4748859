// SPDX-License-Identifier: MIT
// The command-line programs as a script sees them: exit codes, messages, JSON.
#include "tests/common/test_support.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using bidlab::test::runProgram;

namespace {

const QString kCli = QStringLiteral(BIDLAB_CLI);

QStringList commandNames()
{
    const auto help = runProgram(kCli, { QStringLiteral("help") });
    QStringList names;
    bool inCommands = false;
    for (const QString& line : help.out.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("Commands:"))) {
            inCommands = true;
            continue;
        }
        if (inCommands && line.trimmed().isEmpty())
            break;
        if (inCommands)
            names << line.trimmed().section(QLatin1Char(' '), 0, 0);
    }
    return names;
}

} // namespace

class CliTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void versionAndHelp()
    {
        const auto version = runProgram(kCli, { QStringLiteral("--version") });
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith(QStringLiteral("bidlab-cli ") + QStringLiteral(BIDLAB_VERSION)));
        const auto help = runProgram(kCli, { QStringLiteral("--help") });
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains(QStringLiteral("Exit codes")));
    }
    void noCommandIsAUsageError()
    {
        const auto result = runProgram(kCli, {});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.out.contains(QStringLiteral("usage: bidlab-cli")));
    }
    void unknownCommandIsNamed()
    {
        const auto result = runProgram(kCli, { QStringLiteral("frobnicate") });
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QStringLiteral("unknown command 'frobnicate'")), qPrintable(result.err));
    }
    void everyCommandHasHelp()
    {
        const QStringList names = commandNames();
        QVERIFY(names.contains(QStringLiteral("info")));
        for (const QString& name : names) {
            const auto result = runProgram(kCli, { name, QStringLiteral("--help") });
            QVERIFY2(result.exitCode == 0, qPrintable(name + QLatin1Char(':') + result.err));
            QVERIFY2(result.out.contains(QStringLiteral("Usage:")), qPrintable(name));
        }
    }
    void unknownOptionIsAUsageError()
    {
        const auto result = runProgram(kCli, { QStringLiteral("info"), QStringLiteral("--frobnicate") });
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QStringLiteral("frobnicate")), qPrintable(result.err));
    }
    void infoAsJson()
    {
        const auto result = runProgram(kCli, { QStringLiteral("info"), QStringLiteral("--json") });
        QCOMPARE(result.exitCode, 0);
        QJsonParseError error;
        const QJsonObject info = QJsonDocument::fromJson(result.out.toUtf8(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(info.value(QStringLiteral("version")).toString(), QStringLiteral(BIDLAB_VERSION));
        QVERIFY(info.value(QStringLiteral("cores")).toInt() >= 1);
        QVERIFY(info.value(QStringLiteral("worker")).toString().endsWith(QStringLiteral("bidlab-worker")));
    }
    void workerByHandPrintsUsage()
    {
        const auto result = runProgram(QStringLiteral(BIDLAB_WORKER), {});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QStringLiteral("usage: bidlab-worker")), qPrintable(result.err));
    }
};

BIDLAB_TEST_MAIN_CORE(CliTest)
#include "test_cli.moc"
