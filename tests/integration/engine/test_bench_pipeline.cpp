// SPDX-License-Identifier: MIT
// bidlab-cli bench pipeline as a script sees it: the counts add up and agree between 1 and 2 threads (no speed
// is asserted: the figures are for people).
#include "tests/common/test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using bidlab::test::runProgram;

namespace {

const QString kCli = QStringLiteral(BIDLAB_CLI);

} // namespace

class BenchPipelineTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void countsAddUpOnOneAndTwoThreads()
    {
        const qint64 events = 50'000;
        const auto r = runProgram(kCli,
                                  { QStringLiteral("bench"), QStringLiteral("pipeline"), QStringLiteral("--events"),
                                    QString::number(events), QStringLiteral("--duplicates"), QStringLiteral("0.05"),
                                    QStringLiteral("--repeat"), QStringLiteral("2"), QStringLiteral("--json") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject out = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(out.value(QStringLiteral("events")).toInteger(), events);
        QVERIFY(out.value(QStringLiteral("countsMatch")).toBool());
        const QJsonArray runs = out.value(QStringLiteral("runs")).toArray();
        QCOMPARE(runs.size(), 2);
        QJsonObject first;
        for (const QJsonValue& v : runs) {
            const QJsonObject run = v.toObject();
            QVERIFY(run.value(QStringLiteral("eventsPerSecondMedian")).toDouble() > 0);
            const QJsonObject c = run.value(QStringLiteral("counts")).toObject();
            auto n = [&c](const char* key) { return c.value(QLatin1String(key)).toInteger(-1); };
            QCOMPARE(n("judged"), events);
            QCOMPARE(n("processed") + n("filtered") + n("errors"), events);
            QCOMPARE(n("filtered"), n("bots") + n("duplicates") + n("unattributed"));
            // The seed's mix: 2% of an unknown type, 5% bots; and the 5% of clicks asked to repeat (10% of events).
            QVERIFY2(std::abs(n("errors") - events / 50) < events / 200, qPrintable(QString::number(n("errors"))));
            QVERIFY2(std::abs(n("bots") - events / 20) < events / 100, qPrintable(QString::number(n("bots"))));
            QVERIFY2(n("duplicates") > events / 400 && n("duplicates") < events / 100,
                     qPrintable(QString::number(n("duplicates"))));
            if (first.isEmpty())
                first = c;
            QCOMPARE(c, first);
        }
    }

    void aBadOptionIsAUsageError()
    {
        const auto r = runProgram(
            kCli,
            { QStringLiteral("bench"), QStringLiteral("pipeline"), QStringLiteral("--events"), QStringLiteral("0") });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--events")), qPrintable(r.err));
    }
};

BIDLAB_TEST_MAIN_CORE(BenchPipelineTest)
#include "test_bench_pipeline.moc"
