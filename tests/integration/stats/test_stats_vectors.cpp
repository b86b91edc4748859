// SPDX-License-Identifier: MIT
// The test vectors of tests/fixtures/stats are what their script makes today: it still runs (Debian's SciPy,
// statsmodels and mpmath) and writes byte for byte the committed files the unit tests compare with.
#include "tests/common/test_support.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

class StatsVectorsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theScriptStillMakesTheCommittedVectors()
    {
        const QString python = QStringLiteral("/usr/bin/python3");
        const bidlab::test::ProcessResult probe = bidlab::test::runProgram(
            python, { QStringLiteral("-c"), QStringLiteral("import scipy, statsmodels, mpmath") });
        if (probe.exitCode != 0)
            QSKIP("Debian's python3 with python3-scipy, python3-statsmodels and python3-mpmath is needed");
        QTemporaryDir out;
        const QDir fixtures(QStringLiteral(BIDLAB_SOURCE_DIR "/tests/fixtures/stats"));
        const bidlab::test::ProcessResult run = bidlab::test::runProgram(
            python, { fixtures.filePath(QStringLiteral("generate_vectors.py")), QStringLiteral("--out"), out.path() },
            240'000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QStringList files = fixtures.entryList({ QStringLiteral("*.json") });
        QCOMPARE(files.size(), 6);
        for (const QString& name : files) {
            QFile committed(fixtures.filePath(name)), made(QDir(out.path()).filePath(name));
            QVERIFY(committed.open(QIODevice::ReadOnly) && made.open(QIODevice::ReadOnly));
            QVERIFY2(committed.readAll() == made.readAll(), qPrintable(name + QStringLiteral(" differs")));
        }
    }
};

BIDLAB_TEST_MAIN_CORE(StatsVectorsTest)
#include "test_stats_vectors.moc"
