// SPDX-License-Identifier: MIT
// bidlab-cli replay and openrtb as a script uses them: figures, exit codes, messages, exports.
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

QJsonObject parseJson(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

} // namespace

class ReplayCliTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rlbOnAValidationLogMatchesTheSelfCheck()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(log, "ipinyou/1458/1458.validation.txt");
        const auto result
            = runProgram(kCli,
                         { QStringLiteral("replay"), QStringLiteral("--log"), log, QStringLiteral("--strategy"),
                           QStringLiteral("rlb"), QStringLiteral("--json") });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonObject json = parseJson(result.out);
        QCOMPARE(json.value(QStringLiteral("campaign")).toString(), QStringLiteral("1458"));
        QCOMPARE(json.value(QStringLiteral("budget")).toInteger(), 2152);
        QCOMPARE(json.value(QStringLiteral("auctions")).toInteger(), 100000);
        QCOMPARE(json.value(QStringLiteral("impressions")).toInteger(), 8281);
        QCOMPARE(json.value(QStringLiteral("clicks")).toInteger(), 23);
        QCOMPARE(json.value(QStringLiteral("cost")).toInteger(), 194118);
        QCOMPARE(json.value(QStringLiteral("spend")).toString(), QStringLiteral("1.941180"));
        QCOMPARE(json.value(QStringLiteral("episodes")).toArray().size(), 100);
        qint64 sum = 0;
        for (const QJsonValue& episode : json.value(QStringLiteral("episodes")).toArray()) {
            const qint64 cost = episode.toObject().value(QStringLiteral("cost")).toInteger();
            QVERIFY(cost <= 2152);
            sum += cost;
        }
        QCOMPARE(sum, 194118);
    }
    void linearWithTheStoredB0MatchesTheSelfCheck()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(log, "ipinyou/3358/3358.validation.txt");
        const auto result = runProgram(kCli,
                                       { QStringLiteral("replay"), QStringLiteral("--log"), log,
                                         QStringLiteral("--strategy"), QStringLiteral("linear"), QStringLiteral("--b0"),
                                         QStringLiteral("30"), QStringLiteral("--json") });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonObject json = parseJson(result.out);
        QCOMPARE(json.value(QStringLiteral("strategyLabel")).toString(), QStringLiteral("Lin (b0=30)"));
        QCOMPARE(json.value(QStringLiteral("impressions")).toInteger(), 4853);
        QCOMPARE(json.value(QStringLiteral("clicks")).toInteger(), 20);
        QCOMPARE(json.value(QStringLiteral("cost")).toInteger(), 155907);
    }
    void linearAndOrtbAreTunedOnATuningLog()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(log, "ipinyou/2261/2261.validation.txt");
        const auto missing = runProgram(kCli,
                                        { QStringLiteral("replay"), QStringLiteral("--log"), log,
                                          QStringLiteral("--strategy"), QStringLiteral("ortb") });
        QCOMPARE(missing.exitCode, 2); // usage
        QVERIFY2(missing.err.contains(QStringLiteral("--lambda or --tune-log")), qPrintable(missing.err));
        for (const QString& strategy : { QStringLiteral("linear"), QStringLiteral("ortb") }) {
            const auto result
                = runProgram(kCli,
                             { QStringLiteral("replay"), QStringLiteral("--log"), log, QStringLiteral("--strategy"),
                               strategy, QStringLiteral("--tune-log"), log, QStringLiteral("--json") });
            QVERIFY2(result.exitCode == 0, qPrintable(result.err));
            const QJsonObject json = parseJson(result.out);
            const QJsonObject tuned = json.value(QStringLiteral("tuned")).toObject();
            QCOMPARE(tuned.value(QStringLiteral("parameter")).toString(),
                     strategy == QLatin1String("linear") ? QStringLiteral("b0") : QStringLiteral("lambda"));
            QCOMPARE(tuned.value(QStringLiteral("episodes")).toInteger(), 100);
            // Tuned and replayed on the same log: the replay wins exactly the tuning's best clicks.
            QCOMPARE(json.value(QStringLiteral("clicks")).toInteger(),
                     tuned.value(QStringLiteral("clicks")).toInteger());
            QVERIFY(json.value(QStringLiteral("clicks")).toInteger() > 0);
        }
    }
    void liveReplayThroughWorkersEqualsOffline()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(log, "ipinyou/2997/2997.validation.txt");
        const auto result = runProgram(kCli,
                                       { QStringLiteral("replay"), QStringLiteral("--log"), log,
                                         QStringLiteral("--strategy"), QStringLiteral("constant"),
                                         QStringLiteral("--b0"), QStringLiteral("40"), QStringLiteral("--c0"),
                                         QStringLiteral("1"), QStringLiteral("--live"), QStringLiteral("--json") });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonObject json = parseJson(result.out);
        const QJsonObject live = json.value(QStringLiteral("live")).toObject();
        QVERIFY(live.value(QStringLiteral("equalsOffline")).toBool());
        for (const char* key : { "auctions", "bids", "impressions", "clicks", "cost" })
            QCOMPARE(live.value(QLatin1String(key)).toInteger(), json.value(QLatin1String(key)).toInteger());
        QVERIFY(json.value(QStringLiteral("clicks")).toInteger() > 0);

        const auto own = runProgram(kCli,
                                    { QStringLiteral("replay"), QStringLiteral("--log"), log,
                                      QStringLiteral("--strategy"), QStringLiteral("rlb"), QStringLiteral("--limit"),
                                      QStringLiteral("1000"), QStringLiteral("--live") });
        QCOMPARE(own.exitCode, 1);
        QVERIFY2(own.err.contains(QStringLiteral("engine's strategies")), qPrintable(own.err));
    }
    void textOutputAndPartialEpisode()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(folder, "ipinyou/2997");
        const auto result = runProgram(kCli,
                                       { QStringLiteral("replay"), QStringLiteral("--log"),
                                         folder + QStringLiteral("/2997.validation.txt"), QStringLiteral("--info"),
                                         folder + QStringLiteral("/info.json"), QStringLiteral("--strategy"),
                                         QStringLiteral("mcpc"), QStringLiteral("--limit"), QStringLiteral("5500"),
                                         QStringLiteral("--c0"), QStringLiteral("0.0625") });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(result.out.contains(QStringLiteral("auctions      5500")), qPrintable(result.out));
        QVERIFY(result.out.contains(QStringLiteral("c0 = 0.0625, B = 3938")));
        QVERIFY(result.out.contains(QStringLiteral("The last episode is partial (500 of 1000 auctions)")));
        QVERIFY(result.out.contains(QStringLiteral("win rate")));
        QVERIFY(result.out.contains(QStringLiteral("eCPC")));
    }
    void exportsTheReport()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(log, "ipinyou/3476/3476.validation.txt");
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("episodes.csv"));
        const QString pdf = dir.filePath(QStringLiteral("replay.pdf"));
        for (const QString& path : { csv, pdf }) {
            const auto result
                = runProgram(kCli,
                             { QStringLiteral("replay"), QStringLiteral("--log"), log, QStringLiteral("--strategy"),
                               QStringLiteral("ssmdp"), QStringLiteral("--export"), path });
            QVERIFY2(result.exitCode == 0, qPrintable(result.err));
            QVERIFY(QFile::exists(path));
        }
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.first().trimmed(),
                 QByteArray("Episode,Auctions,Bids,Impressions,Clicks,Cost,Budget used,Win rate"));
        QCOMPARE(lines.size(), 102); // header, 100 episodes, the final line end
    }
    void openRtbRequestsDriveAReplay()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(requests, "openrtb/bid-requests/bsm-2.5-breq-video.json");
        BIDLAB_SHARED_DATA_OR_SKIP(info, "ipinyou/1458/info.json");
        const auto result
            = runProgram(kCli,
                         { QStringLiteral("replay"), QStringLiteral("--log"), requests, QStringLiteral("--info"), info,
                           QStringLiteral("--strategy"), QStringLiteral("rlb"), QStringLiteral("--json") });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonObject json = parseJson(result.out);
        QCOMPARE(json.value(QStringLiteral("auctions")).toInteger(), 3); // the request's three impressions
        QCOMPARE(json.value(QStringLiteral("clicks")).toInteger(), 0);
        QVERIFY(json.value(QStringLiteral("notes")).toArray().first().toString().contains(QStringLiteral("floor")));
    }
    void badArgumentsAndInputs()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(log, "ipinyou/1458/1458.validation.txt");
        auto result = runProgram(kCli,
                                 { QStringLiteral("replay"), QStringLiteral("--log"), log, QStringLiteral("--strategy"),
                                   QStringLiteral("magic") });
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QStringLiteral("--strategy: expected one of rlb, ssmdp, mcpc")),
                 qPrintable(result.err));
        result = runProgram(
            kCli,
            { QStringLiteral("replay"), QStringLiteral("--log"), log, QStringLiteral("--c0"), QStringLiteral("3/2") });
        QCOMPARE(result.exitCode, 2);
        result = runProgram(kCli,
                            { QStringLiteral("replay"), QStringLiteral("--log"), QStringLiteral("/nonexistent.txt"),
                              QStringLiteral("--info"), QStringLiteral("/nonexistent.json") });
        QCOMPARE(result.exitCode, 3);
        QVERIFY(result.err.contains(QStringLiteral("/nonexistent.txt does not exist")));

        QTemporaryDir dir;
        QFile broken(dir.filePath(QStringLiteral("broken.txt")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("0 10 0.001\n1 twenty 0.002\n");
        broken.close();
        BIDLAB_SHARED_DATA_OR_SKIP(info, "ipinyou/1458/info.json");
        result = runProgram(
            kCli,
            { QStringLiteral("replay"), QStringLiteral("--log"), broken.fileName(), QStringLiteral("--info"), info });
        QCOMPARE(result.exitCode, 3);
        QVERIFY2(result.err.contains(QStringLiteral("broken.txt, line 2: price \"twenty\" must be a whole number")),
                 qPrintable(result.err));
    }
    void openRtbValidateAndRespond()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(folder, "openrtb");
        QStringList files;
        for (const char* sub : { "bid-requests", "bid-responses", "native" }) {
            const QDir dir(folder + QLatin1Char('/') + QLatin1String(sub));
            for (const QString& name : dir.entryList({ QStringLiteral("*.json") }))
                files << dir.filePath(name);
        }
        QCOMPARE(files.size(), 40);
        auto result = runProgram(
            kCli,
            QStringList { QStringLiteral("openrtb"), QStringLiteral("validate"), QStringLiteral("--json") } + files);
        QVERIFY2(result.exitCode == 0, qPrintable(result.out + result.err));
        const QJsonObject json = parseJson(result.out);
        QVERIFY(json.value(QStringLiteral("valid")).toBool());
        QCOMPARE(json.value(QStringLiteral("files")).toArray().size(), 40);

        QTemporaryDir dir;
        QFile lines(dir.filePath(QStringLiteral("bids.jsonl")));
        QVERIFY(lines.open(QIODevice::WriteOnly));
        lines.write("{\"id\":\"a\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250},\"bidfloor\":0.2}]}\n"
                    "{\"id\":\"b\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":\"300\"}}]}\n");
        lines.close();
        result = runProgram(kCli, { QStringLiteral("openrtb"), QStringLiteral("validate"), lines.fileName() });
        QCOMPARE(result.exitCode, 3);
        QVERIFY2(result.out.contains(
                     QStringLiteral("bids.jsonl, line 2: imp[0].banner.w must be a whole number, not a string.")),
                 qPrintable(result.out));

        result = runProgram(kCli,
                            { QStringLiteral("openrtb"), QStringLiteral("respond"), lines.fileName(),
                              QStringLiteral("--price"), QStringLiteral("0.25") });
        QCOMPARE(result.exitCode, 3); // the bad line is reported, the good one answered
        const QJsonObject response = parseJson(result.out.section(QLatin1Char('\n'), 0, 0));
        QCOMPARE(response.value(QStringLiteral("id")).toString(), QStringLiteral("a"));
        const QJsonObject bid = response.value(QStringLiteral("seatbid"))
                                    .toArray()
                                    .at(0)
                                    .toObject()
                                    .value(QStringLiteral("bid"))
                                    .toArray()
                                    .at(0)
                                    .toObject();
        QCOMPARE(bid.value(QStringLiteral("price")).toDouble(), 0.25);
        QCOMPARE(bid.value(QStringLiteral("impid")).toString(), QStringLiteral("1"));
    }
};

BIDLAB_TEST_MAIN_CORE(ReplayCliTest)
#include "test_replay_cli.moc"
