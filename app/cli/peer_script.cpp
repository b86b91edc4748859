// SPDX-License-Identifier: MIT
#include "app/cli/peer_script.h"

#include <QJsonDocument>
#include <QProcess>

namespace bidlab::cli {

Expected<QJsonObject> runPeerScript(const QString& python, const QStringList& arguments)
{
    const QString script = arguments.value(0, python);
    QProcess process;
    process.start(python, arguments);
    if (!process.waitForStarted())
        return Error { QStringLiteral("Could not start '%1': %2").arg(python, process.errorString()) };
    process.waitForFinished(-1);
    const QByteArray last = process.readAllStandardOutput().trimmed().split('\n').last();
    const QJsonObject out = QJsonDocument::fromJson(last).object();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0 || out.isEmpty())
        return Error { QStringLiteral("%1 failed (exit code %2) or printed no JSON: %3")
                           .arg(script)
                           .arg(process.exitCode())
                           .arg(QString::fromLocal8Bit(process.readAllStandardError()).trimmed()) };
    return out;
}

} // namespace bidlab::cli
