// SPDX-License-Identifier: MIT
#include "core/common/app_paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace bidlab {

QString dataDirectory()
{
    QString dir = qEnvironmentVariable("BIDLAB_DATA_DIR");
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return dir;
}

QString siblingExecutable(const QString& name)
{
    const QString path = QDir(QCoreApplication::applicationDirPath()).filePath(name);
    const QFileInfo info(path);
    return info.isExecutable() ? info.absoluteFilePath() : QString();
}

} // namespace bidlab
