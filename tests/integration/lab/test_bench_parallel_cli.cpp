// SPDX-License-Identifier: MIT
// `bidlab-cli bench parallel` as a script sees it: JSON, the report and chart files, usage errors, Ctrl+C.
#include "tests/common/image_checks.h"
#include "tests/common/test_support.h"
#include "tests/integration/lab/child_processes.h"

#include <csignal>

#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

using bidlab::test::runProgram;

namespace {

const QString kCli = QStringLiteral(BIDLAB_CLI);

QStringList bench(const QStringList& options)
{
    return QStringList { QStringLiteral("bench"), QStringLiteral("parallel") } + options;
}

} // namespace

class BenchParallelCliTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theSeedsExperimentAsJson()
    {
        const auto run
            = runProgram(kCli,
                         bench({ QStringLiteral("--task"), QStringLiteral("primes"), QStringLiteral("--n"),
                                 QStringLiteral("100000"), QStringLiteral("--tasks"), QStringLiteral("2"),
                                 QStringLiteral("--workers"), QStringLiteral("1..2"), QStringLiteral("--repeat"),
                                 QStringLiteral("2"), QStringLiteral("--json"), QStringLiteral("--quiet") }),
                         240'000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QJsonParseError error {};
        const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(json.value(QStringLiteral("task")).toString(), QStringLiteral("primes"));
        QCOMPARE(json.value(QStringLiteral("n")).toInteger(), 100'000);
        QCOMPARE(json.value(QStringLiteral("repeats")).toInt(), 2);
        QVERIFY(json.value(QStringLiteral("resultsIdentical")).toBool());
        QCOMPARE(json.value(QStringLiteral("results")).toArray(),
                 (QJsonArray { QStringLiteral("9592"), QStringLiteral("9592") }));
        const QJsonArray configs = json.value(QStringLiteral("configs")).toArray();
        QCOMPARE(configs.size(), 4);
        QStringList seen;
        for (const QJsonValue& value : configs) {
            const QJsonObject c = value.toObject();
            seen << QStringLiteral("%1×%2")
                        .arg(c.value(QStringLiteral("executor")).toString())
                        .arg(c.value(QStringLiteral("workers")).toInt());
            QCOMPARE(c.value(QStringLiteral("trials")).toInt(), 2);
            QVERIFY(c.value(QStringLiteral("speedup")).toDouble() > 0);
            QVERIFY(c.value(QStringLiteral("wallMsMin")).toDouble()
                    <= c.value(QStringLiteral("wallMsMedian")).toDouble());
        }
        QCOMPARE(seen,
                 (QStringList { QStringLiteral("threads×1"), QStringLiteral("threads×2"), QStringLiteral("processes×1"),
                                QStringLiteral("processes×2") }));
        QCOMPARE(json.value(QStringLiteral("amdahl")).toArray().size(), 2);
        QVERIFY(json.value(QStringLiteral("explanation")).toArray().size() >= 3);
        QVERIFY(json.value(QStringLiteral("sequential")).toObject().value(QStringLiteral("wallMsMedian")).toDouble()
                > 0);
    }

    void textReportAndChartFiles()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("speedup.png"));
        const QString svg = dir.filePath(QStringLiteral("speedup.svg"));
        const QString pdf = dir.filePath(QStringLiteral("lab.pdf"));
        const QString xlsx = dir.filePath(QStringLiteral("lab.xlsx"));
        const QStringList small { QStringLiteral("--task"),   QStringLiteral("tiny"),      QStringLiteral("--tasks"),
                                  QStringLiteral("2000"),     QStringLiteral("--workers"), QStringLiteral("2"),
                                  QStringLiteral("--repeat"), QStringLiteral("1"),         QStringLiteral("--quiet") };
        const auto text = runProgram(
            kCli, bench(small + QStringList { QStringLiteral("--chart"), png, QStringLiteral("--report"), pdf }));
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        QVERIFY(text.out.contains(QStringLiteral("Parallelism lab: 2,000 × 100 generator steps")));
        QVERIFY(text.out.contains(QStringLiteral("Every trial of every executor returned exactly")));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1200, 700));
        QVERIFY(bidlab::test::inkRatio(image) > 0.01);
        QVERIFY(QFileInfo(pdf).size() > 1000);
        const auto again = runProgram(
            kCli, bench(small + QStringList { QStringLiteral("--chart"), svg, QStringLiteral("--report"), xlsx }));
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        QVERIFY(svgFile.readAll().contains("<svg"));
        QVERIFY(QFileInfo(xlsx).size() > 1000);
    }

    void badOptionsAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("message");
        QTest::addRow("task") << QStringList { QStringLiteral("--task"), QStringLiteral("fibonacci") }
                              << QStringLiteral("--task: expected primes, memory, wait or tiny, got 'fibonacci'.");
        QTest::addRow("n below its kind's minimum") << QStringList { QStringLiteral("--task"), QStringLiteral("memory"),
                                                                     QStringLiteral("--n"), QStringLiteral("10") }
                                                    << QStringLiteral("--n: expected a whole number from 1024");
        QTest::addRow("workers reversed")
            << QStringList { QStringLiteral("--workers"), QStringLiteral("3..1") } << QStringLiteral("worker range");
        QTest::addRow("workers text") << QStringList { QStringLiteral("--workers"), QStringLiteral("many") }
                                      << QStringLiteral("--workers: expected K or A..K");
        QTest::addRow("executor") << QStringList { QStringLiteral("--executors"), QStringLiteral("seq,gpu") }
                                  << QStringLiteral("--executors: expected a comma-separated list");
        QTest::addRow("repeat") << QStringList { QStringLiteral("--repeat"), QStringLiteral("0") }
                                << QStringLiteral("--repeat: expected a whole number from 1 to 100");
        QTest::addRow("report suffix") << QStringList { QStringLiteral("--report"), QStringLiteral("out.txt") }
                                       << QStringLiteral("--report: the file name must end in .csv or .xlsx or .pdf");
        QTest::addRow("chart suffix") << QStringList { QStringLiteral("--chart"), QStringLiteral("out.jpg") }
                                      << QStringLiteral("--chart: the file name must end in .png or .svg");
    }
    void badOptionsAreUsageErrors()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, message);
        const auto run = runProgram(kCli, bench(options));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }

    void benchListsParallel()
    {
        const auto run = runProgram(kCli, { QStringLiteral("bench"), QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("parallel")));
        const auto help = runProgram(kCli, bench({ QStringLiteral("--help") }));
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains(QStringLiteral("--executors")));
    }

    // A 6 s sequential baseline, then two worker processes that wait 3 s each: signal the CLI while they wait.
    void interruptStopsTheRunAndItsWorkers_data()
    {
        QTest::addColumn<int>("signal");
        QTest::addColumn<int>("exitCode");
        QTest::addRow("Ctrl+C: a clean stop") << int(SIGINT) << 130;
        QTest::addRow("killed: the workers die with it (PR_SET_PDEATHSIG)") << int(SIGKILL) << -1;
    }
    void interruptStopsTheRunAndItsWorkers()
    {
        QFETCH(int, signal);
        QFETCH(int, exitCode);
        QProcess cli;
        cli.setProgram(kCli);
        cli.setArguments(
            bench({ QStringLiteral("--task"), QStringLiteral("wait"), QStringLiteral("--n"), QStringLiteral("3000000"),
                    QStringLiteral("--tasks"), QStringLiteral("2"), QStringLiteral("--executors"),
                    QStringLiteral("processes"), QStringLiteral("--workers"), QStringLiteral("2"),
                    QStringLiteral("--repeat"), QStringLiteral("1"), QStringLiteral("--quiet") }));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        cli.setProcessEnvironment(env);
        cli.start();
        QVERIFY(cli.waitForStarted());
        const auto cliPid = static_cast<pid_t>(cli.processId());
        const QList<pid_t> workers = bidlab::test::waitForChildren(cliPid, 2, 60'000);
        QCOMPARE(workers.size(), 2);
        QCOMPARE(kill(cliPid, signal), 0);
        QVERIFY(cli.waitForFinished(10'000));
        if (exitCode >= 0) {
            QCOMPARE(cli.exitCode(), exitCode);
            QVERIFY(QString::fromUtf8(cli.readAllStandardError()).contains(QStringLiteral("Interrupted.")));
        } else {
            QCOMPARE(cli.exitStatus(), QProcess::CrashExit);
        }
        for (pid_t pid : workers)
            QTRY_VERIFY_WITH_TIMEOUT(bidlab::test::processGone(pid), 5'000);
    }
};

BIDLAB_TEST_MAIN_GUI(BenchParallelCliTest)
#include "test_bench_parallel_cli.moc"
