// SPDX-License-Identifier: MIT
#include "core/common/atomic_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSaveFile>

namespace bidlab {

Status writeFileAtomically(const QString& path, const std::function<bool(QIODevice&, QString* error)>& writer)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error { QCoreApplication::translate("bidlab", "Cannot write '%1': %2").arg(path, file.errorString()) };
    QString error;
    if (!writer(file, &error)) {
        file.cancelWriting();
        return Error { error.isEmpty() ? QCoreApplication::translate("bidlab", "Writing '%1' failed.").arg(path)
                                       : error };
    }
    if (!file.commit())
        return Error { QCoreApplication::translate("bidlab", "Cannot save '%1': %2").arg(path, file.errorString()) };
    return success();
}

QString temporaryPathFor(const QString& path)
{
    const QFileInfo info(path);
    return info.dir().filePath(
        QStringLiteral(".%1.%2.tmp").arg(info.fileName()).arg(QRandomGenerator::global()->generate64(), 0, 16));
}

Status commitTemporaryFile(const QString& temporaryPath, const QString& path)
{
    // rename(2) replaces the target atomically on the same file system.
    if (std::rename(QFile::encodeName(temporaryPath).constData(), QFile::encodeName(path).constData()) != 0) {
        const QString reason = QString::fromLocal8Bit(std::strerror(errno));
        QFile::remove(temporaryPath);
        return Error { QCoreApplication::translate("bidlab", "Cannot save '%1': %2").arg(path, reason) };
    }
    return success();
}

} // namespace bidlab
