// SPDX-License-Identifier: MIT
// bidlab-cli simulate and runs as a script sees them: exit codes, messages, JSON, the outcome log.
#include "core/common/money.h"
#include "tests/common/test_support.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using bidlab::test::runProgram;

namespace {

const QString kCli = QStringLiteral(BIDLAB_CLI);

} // namespace

class SimulateCliTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jsonSummaryWithAccountingAndTheLog()
    {
        QTemporaryDir dir;
        const QString log = dir.filePath(QStringLiteral("outcomes.csv"));
        const QString store = dir.filePath(QStringLiteral("runs.sqlite"));
        const auto r = runProgram(kCli,
                                  { QStringLiteral("simulate"),
                                    QStringLiteral("--workers"),
                                    QStringLiteral("2"),
                                    QStringLiteral("--qps"),
                                    QStringLiteral("20000"),
                                    QStringLiteral("--seconds"),
                                    QStringLiteral("2"),
                                    QStringLiteral("--seed"),
                                    QStringLiteral("7"),
                                    QStringLiteral("--strategy"),
                                    QStringLiteral("ortb"),
                                    QStringLiteral("--auction"),
                                    QStringLiteral("first"),
                                    QStringLiteral("--tmax-ms"),
                                    QStringLiteral("50"),
                                    QStringLiteral("--log-csv"),
                                    log,
                                    QStringLiteral("--store"),
                                    store,
                                    QStringLiteral("--json") },
                                  120'000);
        QCOMPARE(r.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonObject accounting = json.value(QStringLiteral("accounting")).toObject();
        QVERIFY(accounting.value(QStringLiteral("balanced")).toBool());
        const qint64 generated = accounting.value(QStringLiteral("generated")).toInteger();
        QVERIFY(generated > 10'000);
        QCOMPARE(generated,
                 accounting.value(QStringLiteral("bids")).toInteger()
                     + accounting.value(QStringLiteral("noBids")).toInteger()
                     + accounting.value(QStringLiteral("timeouts")).toInteger()
                     + accounting.value(QStringLiteral("shed")).toInteger());
        const QJsonObject scenario = json.value(QStringLiteral("scenario")).toObject();
        QCOMPARE(scenario.value(QStringLiteral("auction")).toString(), QStringLiteral("first"));
        QCOMPARE(scenario.value(QStringLiteral("strategy")).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("ortb"));
        QVERIFY(json.value(QStringLiteral("series")).toArray().size() >= 2);
        QVERIFY(json.value(QStringLiteral("runId")).toInteger() > 0);

        // The outcome log: every request in exactly one row; its cost adds up to the spend.
        QFile file(log);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.first(),
                 QByteArray("date,hour,minute,campaign,device,requests,bids,impressions,clicks,"
                            "conversions,cost,revenue"));
        qint64 requests = 0, bids = 0;
        bidlab::Micros cost = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            if (lines.at(i).isEmpty())
                continue;
            // Campaign names contain no comma in the generated world; keep the parse simple.
            const QList<QByteArray> f = lines.at(i).split(',');
            QCOMPARE(f.size(), 12);
            requests += f.at(5).toLongLong();
            bids += f.at(6).toLongLong();
            cost += *bidlab::parseMicros(f.at(10).toStdString());
        }
        const QJsonObject totals = json.value(QStringLiteral("totals")).toObject();
        QCOMPARE(requests, generated);
        QCOMPARE(bids, totals.value(QStringLiteral("bids")).toInteger());
        QCOMPARE(cost, totals.value(QStringLiteral("spend")).toInteger());

        // The run history has it.
        const auto list
            = runProgram(kCli, { QStringLiteral("runs"), QStringLiteral("--store"), store, QStringLiteral("--json") });
        QCOMPARE(list.exitCode, 0);
        const QJsonArray runs
            = QJsonDocument::fromJson(list.out.toUtf8()).object().value(QStringLiteral("runs")).toArray();
        QCOMPARE(runs.size(), 1);
        const QString id = QString::number(runs.first().toObject().value(QStringLiteral("id")).toInteger());
        const auto shown = runProgram(kCli,
                                      { QStringLiteral("runs"), QStringLiteral("show"), id, QStringLiteral("--store"),
                                        store, QStringLiteral("--json") });
        QCOMPARE(shown.exitCode, 0);
        const QJsonObject stored = QJsonDocument::fromJson(shown.out.toUtf8()).object();
        QCOMPARE(stored.value(QStringLiteral("totals")), json.value(QStringLiteral("totals")));
        QCOMPARE(stored.value(QStringLiteral("series")).toArray().size(),
                 json.value(QStringLiteral("series")).toArray().size());
        QCOMPARE(stored.value(QStringLiteral("scenario")), json.value(QStringLiteral("scenario")));
        // A stored run can be played again from its scenario.
        const auto rerun
            = runProgram(kCli,
                         { QStringLiteral("simulate"), QStringLiteral("--from-run"), id, QStringLiteral("--seconds"),
                           QStringLiteral("1"), QStringLiteral("--store"), store, QStringLiteral("--json") },
                         120'000);
        QCOMPARE(rerun.exitCode, 0);
        const QJsonObject replayed
            = QJsonDocument::fromJson(rerun.out.toUtf8()).object().value(QStringLiteral("scenario")).toObject();
        QCOMPARE(replayed.value(QStringLiteral("auction")).toString(), QStringLiteral("first"));
        QCOMPARE(replayed.value(QStringLiteral("seed")).toString(), QStringLiteral("7"));
        QCOMPARE(replayed.value(QStringLiteral("tmaxMs")).toInt(), 50);
        const auto deleted = runProgram(
            kCli, { QStringLiteral("runs"), QStringLiteral("delete"), id, QStringLiteral("--store"), store });
        QCOMPARE(deleted.exitCode, 0);
        const auto again = runProgram(
            kCli, { QStringLiteral("runs"), QStringLiteral("show"), id, QStringLiteral("--store"), store });
        QCOMPARE(again.exitCode, 3);
        QVERIFY(again.err.contains(QStringLiteral("There is no run ") + id));
    }
    void lineAPerSecond()
    {
        const auto r = runProgram(kCli,
                                  { QStringLiteral("simulate"), QStringLiteral("--qps"), QStringLiteral("2000"),
                                    QStringLiteral("--seconds"), QStringLiteral("2"), QStringLiteral("--no-store") },
                                  120'000);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("   1s  qps")));
        QVERIFY(r.out.contains(QStringLiteral("   2s  qps")));
        QVERIFY(r.out.contains(QStringLiteral("[balanced]")));
        QVERIFY(r.out.contains(QStringLiteral("ROAS")));
    }
    void badArgumentsAndFiles_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::addRow("0 workers") << QStringList { QStringLiteral("--workers"), QStringLiteral("0") } << 2
                                   << QStringLiteral("--workers");
        QTest::addRow("negative QPS") << QStringList { QStringLiteral("--qps"), QStringLiteral("-5") } << 2
                                      << QStringLiteral("--qps");
        QTest::addRow("unknown strategy")
            << QStringList { QStringLiteral("--strategy"), QStringLiteral("magic") } << 2
            << QStringLiteral("--strategy: expected one of seed, constant, random, linear, ortb");
        QTest::addRow("negative max bid")
            << QStringList { QStringLiteral("--max-bid"), QStringLiteral("-1") } << 2 << QStringLiteral("--max-bid");
        QTest::addRow("unknown auction") << QStringList { QStringLiteral("--auction"), QStringLiteral("dutch") } << 2
                                         << QStringLiteral("--auction");
        QTest::addRow("missing model") << QStringList { QStringLiteral("--model"),
                                                        QStringLiteral("/nonexistent/m.json") }
                                       << 3 << QStringLiteral("'model'");
        QTest::addRow("missing scenario")
            << QStringList { QStringLiteral("--scenario"), QStringLiteral("/nonexistent/s.json") } << 3
            << QStringLiteral("/nonexistent/s.json");
    }
    void badArgumentsAndFiles()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        arguments.prepend(QStringLiteral("simulate"));
        arguments << QStringLiteral("--no-store");
        const auto r = runProgram(kCli, arguments);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }
    void maxBidCapsEveryBid()
    {
        // The same deterministic run with and without a max bid of 0.5 CPM: capped, no win pays more (second
        // price pays at most the bid), and the bids under a floor become no-bids.
        const auto run = [](const QStringList& extra) {
            QStringList arguments { QStringLiteral("simulate"),       QStringLiteral("--deterministic"),
                                    QStringLiteral("--qps"),          QStringLiteral("unlimited"),
                                    QStringLiteral("--max-requests"), QStringLiteral("100000"),
                                    QStringLiteral("--no-store"),     QStringLiteral("--json") };
            const auto r = runProgram(kCli, arguments + extra, 120'000);
            return r.exitCode == 0 ? QJsonDocument::fromJson(r.out.toUtf8()).object() : QJsonObject {};
        };
        const QJsonObject free = run({});
        const QJsonObject capped = run({ QStringLiteral("--max-bid"), QStringLiteral("0.5") });
        QVERIFY(!free.isEmpty() && !capped.isEmpty());
        const auto rate = [](const QJsonObject& o, const char* key) {
            return o.value(QStringLiteral("rates")).toObject().value(QLatin1String(key)).toDouble();
        };
        QVERIFY2(rate(free, "cpm") > 0.5, qPrintable(QString::number(rate(free, "cpm"))));
        QVERIFY2(rate(capped, "cpm") > 0 && rate(capped, "cpm") <= 0.5,
                 qPrintable(QString::number(rate(capped, "cpm"))));
        QVERIFY(rate(capped, "bidRate") < rate(free, "bidRate"));
        QCOMPARE(capped.value(QStringLiteral("scenario"))
                     .toObject()
                     .value(QStringLiteral("strategy"))
                     .toObject()
                     .value(QStringLiteral("maxBidCpm"))
                     .toDouble(),
                 0.5);
    }
    void scenarioFileWithOverrides()
    {
        QTemporaryDir dir;
        const QString scenario = dir.filePath(QStringLiteral("s.json"));
        QFile file(scenario);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"format": "bidlab-scenario", "workers": 1, "targetQps": 3000, "strategy": {"name": "seed"},
                      "world": {"campaignCount": 12, "users": 5000}})");
        file.close();
        const auto r = runProgram(kCli,
                                  { QStringLiteral("simulate"), QStringLiteral("--scenario"), scenario,
                                    QStringLiteral("--seconds"), QStringLiteral("1"), QStringLiteral("--no-store"),
                                    QStringLiteral("--json") },
                                  60'000);
        QCOMPARE(r.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("campaigns")).toArray().size(), 12);
        QCOMPARE(json.value(QStringLiteral("scenario")).toObject().value(QStringLiteral("workers")).toInt(), 1);
        QCOMPARE(json.value(QStringLiteral("scenario")).toObject().value(QStringLiteral("durationSeconds")).toDouble(),
                 1.0);
    }
};

BIDLAB_TEST_MAIN_CORE(SimulateCliTest)
#include "test_simulate_cli.moc"
