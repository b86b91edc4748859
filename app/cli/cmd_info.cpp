// SPDX-License-Identifier: MIT
// bidlab-cli info: versions, folders and resources, as text or JSON.
#include "app/cli/cli_command.h"
#include "core/common/app_paths.h"
#include "core/jobs/job_pool.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QThread>
#include <QThreadPool>

namespace bidlab::cli {

namespace {

int runInfo(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Print JSON.") });
    int exitCode = kOk;
    if (!parseArguments(parser, arguments, QStringLiteral("Print BidLab's version, folders and resources."), &exitCode))
        return exitCode;

    QJsonObject info;
    info.insert(QStringLiteral("version"), QStringLiteral(BIDLAB_VERSION));
    info.insert(QStringLiteral("qt"), QString::fromLatin1(qVersion()));
    info.insert(QStringLiteral("cores"), QThread::idealThreadCount());
    info.insert(QStringLiteral("jobThreads"), jobs::jobPool()->maxThreadCount());
    info.insert(QStringLiteral("dataDirectory"), dataDirectory());
    info.insert(QStringLiteral("worker"), siblingExecutable(QStringLiteral("bidlab-worker")));
    if (parser.isSet(QStringLiteral("json"))) {
        printJson(info);
        return kOk;
    }
    for (auto it = info.begin(); it != info.end(); ++it)
        printOut(QStringLiteral("%1 %2").arg(it.key() + QLatin1Char(':'), -16).arg(it.value().toVariant().toString()));
    return kOk;
}

const Registrar registrar { { QStringLiteral("info"), QStringLiteral("Version, folders and resources."), runInfo } };

} // namespace

} // namespace bidlab::cli
