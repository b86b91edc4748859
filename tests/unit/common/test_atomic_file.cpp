// SPDX-License-Identifier: MIT
#include "core/common/atomic_file.h"
#include "tests/common/test_support.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace bidlab;

class AtomicFileTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writesWholeFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.txt"));
        const Status status
            = writeFileAtomically(path, [](QIODevice& out, QString*) { return out.write("hello\n") == 6; });
        QVERIFY2(status.ok(), qPrintable(status.error()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("hello\n"));
    }
    void failedWriterLeavesOldFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("keep.txt"));
        QVERIFY(writeFileAtomically(path, [](QIODevice& out, QString*) { return out.write("old") == 3; }).ok());
        const Status status = writeFileAtomically(path, [](QIODevice& out, QString* error) {
            out.write("half");
            *error = QStringLiteral("the writer gave up");
            return false;
        });
        QVERIFY(!status.ok());
        QCOMPARE(status.error(), QStringLiteral("the writer gave up"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("old"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }
    void unwritableFolderNamesThePath()
    {
        const QString path = QStringLiteral("/nonexistent-bidlab-dir/x.csv");
        const Status status = writeFileAtomically(path, [](QIODevice&, QString*) { return true; });
        QVERIFY(!status.ok());
        QVERIFY2(status.error().contains(path), qPrintable(status.error()));
    }
    void temporaryFileCommit()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("book.xlsx"));
        const QString temporary = temporaryPathFor(path);
        QCOMPARE(QFileInfo(temporary).absolutePath(), QFileInfo(path).absolutePath());
        QFile tmp(temporary);
        QVERIFY(tmp.open(QIODevice::WriteOnly));
        tmp.write("zip");
        tmp.close();
        QVERIFY(commitTemporaryFile(temporary, path).ok());
        QVERIFY(QFile::exists(path));
        QVERIFY(!QFile::exists(temporary));
    }
};

BIDLAB_TEST_MAIN_CORE(AtomicFileTest)
#include "test_atomic_file.moc"
