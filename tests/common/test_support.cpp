// SPDX-License-Identifier: MIT
#include "tests/common/test_support.h"

#include <clocale>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace bidlab::test {

void prepareEnvironment()
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::setlocale(LC_NUMERIC, "C");
    // Under CTest every test has its own XDG folders (see BidlabTesting.cmake), so tests that run at the same
    // time never share a settings file. Qt's test mode would put them all in one ~/.qttest, so it is only
    // the fallback for a test started by hand.
    if (qEnvironmentVariableIsEmpty("XDG_CONFIG_HOME"))
        QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("BidLabTest"));
    QCoreApplication::setApplicationName(QStringLiteral("bidlab-test"));
    const QByteArray runtime = qgetenv("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty()) {
        QDir().mkpath(QString::fromLocal8Bit(runtime));
        QFile::setPermissions(QString::fromLocal8Bit(runtime), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
}

QString sharedDataPath(const QString& relative)
{
    const QString root = qEnvironmentVariable("BIDLAB_SHARED_DATA");
    if (root.isEmpty())
        return {};
    const QFileInfo info(QDir(root).filePath(relative));
    return info.exists() ? info.absoluteFilePath() : QString();
}

bool dataRequired()
{
    return qEnvironmentVariable("BIDLAB_REQUIRE_DATA") == QLatin1String("1");
}

ProcessResult runProgram(const QString& program, const QStringList& arguments, int timeoutMs,
                         const QStringList& extraEnvironment)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& entry : extraEnvironment) {
        const qsizetype eq = entry.indexOf(QLatin1Char('='));
        env.insert(entry.left(eq), entry.mid(eq + 1));
    }
    process.setProcessEnvironment(env);
    process.start(program, arguments);
    ProcessResult result;
    if (!process.waitForStarted(10'000)) {
        result.err = process.errorString();
        return result;
    }
    if (!process.waitForFinished(timeoutMs)) {
        result.timedOut = true;
        process.kill();
        process.waitForFinished(5'000);
    }
    result.exitCode = process.exitCode();
    result.crashed = process.exitStatus() == QProcess::CrashExit;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

} // namespace bidlab::test
