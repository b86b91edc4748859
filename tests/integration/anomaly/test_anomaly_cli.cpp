// SPDX-License-Identifier: MIT
// `bidlab-cli nab` and `bidlab-cli detect` as a script sees them: scores, score files, exit codes, messages.
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

QStringList lines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

} // namespace

class AnomalyCliTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void nabScoresTheSharedSubset()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(data, "nab/data");
        QTemporaryDir out;
        const auto result = runProgram(kCli,
                                       { QStringLiteral("nab"), QStringLiteral("--data"), data,
                                         QStringLiteral("--scores-out"), out.path(), QStringLiteral("--json") },
                                       240'000);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonObject run = parseJson(result.out).value(QStringLiteral("results")).toArray().first().toObject();
        QCOMPARE(run.value(QStringLiteral("detector")).toString(), QStringLiteral("ensemble"));
        QCOMPARE(run.value(QStringLiteral("files")).toInt(), 19);
        QCOMPARE(run.value(QStringLiteral("windows")).toInt(), 34);
        const QJsonObject profiles = run.value(QStringLiteral("profiles")).toObject();
        // The floor: at least 70 on the standard profile with one set of defaults.
        const double standard
            = profiles.value(QStringLiteral("standard")).toObject().value(QStringLiteral("score")).toDouble();
        QVERIFY2(standard >= 70.0, qPrintable(QString::number(standard)));
        for (const QString& name : { QStringLiteral("reward_low_FP_rate"), QStringLiteral("reward_low_FN_rate") }) {
            const double score = profiles.value(name).toObject().value(QStringLiteral("score")).toDouble();
            QVERIFY2(score > 50.0 && score <= 100.0, qPrintable(name));
        }
        // One NAB score file per series, every row, NAB's columns.
        const QStringList files = QDir(out.filePath(QStringLiteral("realAdExchange"))).entryList(QDir::Files);
        QCOMPARE(files.size(), 6);
        QVERIFY(files.contains(QStringLiteral("ensemble_exchange-2_cpc_results.csv")));
        const QStringList scored
            = lines(out.filePath(QStringLiteral("realAdExchange/ensemble_exchange-2_cpc_results.csv")));
        const QStringList input = lines(data + QStringLiteral("/realAdExchange/exchange-2_cpc_results.csv"));
        QCOMPARE(scored.size(), input.size());
        QCOMPARE(scored.first(), QStringLiteral("timestamp,value,anomaly_score,label"));
        QVERIFY(scored.at(1).startsWith(input.at(1).section(QLatin1Char(','), 0, 0) + QLatin1Char(',')));
        int labelled = 0;
        for (qsizetype i = 1; i < scored.size(); ++i) {
            const QStringList fields = scored.at(i).split(QLatin1Char(','));
            QCOMPARE(fields.size(), 4);
            const double score = fields.at(2).toDouble();
            QVERIFY(score >= 0.0 && score <= 1.0);
            labelled += fields.at(3).toInt();
        }
        QVERIFY(labelled > 100); // one window of about 10 % of the file
    }

    void nabIsTheSameWithOneThreadOrTwo()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(data, "nab/data");
        QStringList scores;
        for (const char* threads : { "1", "2" }) {
            const auto result
                = runProgram(kCli,
                             { QStringLiteral("nab"), QStringLiteral("--data"), data, QStringLiteral("--detector"),
                               QStringLiteral("all"), QStringLiteral("--threads"), QString::fromLatin1(threads),
                               QStringLiteral("--json") },
                             240'000);
            QVERIFY2(result.exitCode == 0, qPrintable(result.err));
            QJsonArray runs = parseJson(result.out).value(QStringLiteral("results")).toArray();
            QCOMPARE(runs.size(), 5);
            QString text;
            for (const auto& run : runs) {
                QJsonObject o = run.toObject();
                o.remove(QStringLiteral("detectSeconds"));
                text += QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
            }
            scores << text;
        }
        QCOMPARE(scores.at(0), scores.at(1));
    }

    void nabNamesBadInput()
    {
        const auto missing
            = runProgram(kCli, { QStringLiteral("nab"), QStringLiteral("--data"), QStringLiteral("/nonexistent/nab") });
        QCOMPARE(missing.exitCode, 3);
        QVERIFY2(missing.err.contains(QStringLiteral("/nonexistent/nab")), qPrintable(missing.err));
        const auto usage = runProgram(kCli, { QStringLiteral("nab") });
        QCOMPARE(usage.exitCode, 2);
        const auto unknown = runProgram(kCli,
                                        { QStringLiteral("nab"), QStringLiteral("--data"), QStringLiteral("/tmp"),
                                          QStringLiteral("--detector"), QStringLiteral("oracle") });
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains(QStringLiteral("oracle")));
    }

    void detectListsDetectionsAndExports()
    {
        QTemporaryDir dir;
        QByteArray csv = "timestamp,value\n";
        for (int i = 0; i < 600; ++i) {
            const double value = 10.0 + ((i * 7919) % 13) / 13.0 + (i == 450 ? 40.0 : 0.0);
            csv += QStringLiteral("2024-01-01 %1:%2:00,%3\n")
                       .arg(i / 60, 2, 10, QLatin1Char('0'))
                       .arg(i % 60, 2, 10, QLatin1Char('0'))
                       .arg(value)
                       .toUtf8();
            if (i == 300)
                csv += "2024-01-01 05:00:30,not-a-number\n";
        }
        const QString input = dir.filePath(QStringLiteral("series.csv"));
        writeFile(input, csv);
        const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
        const QString scores = dir.filePath(QStringLiteral("scores.csv"));
        const auto result = runProgram(kCli,
                                       { QStringLiteral("detect"), input, QStringLiteral("--json"),
                                         QStringLiteral("--out"), pdf, QStringLiteral("--scores"), scores });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(result.err.contains(QStringLiteral("line 303")), qPrintable(result.err)); // the bad row, named
        const QJsonObject json = parseJson(result.out);
        QCOMPARE(json.value(QStringLiteral("rows")).toInt(), 600);
        QCOMPARE(json.value(QStringLiteral("skippedRows")).toInt(), 1);
        const QJsonArray detections = json.value(QStringLiteral("detections")).toArray();
        QCOMPARE(detections.size(), 1);
        QCOMPARE(detections.first().toObject().value(QStringLiteral("timestamp")).toString(),
                 QStringLiteral("2024-01-01 07:30:00"));
        QVERIFY(QFile(pdf).size() > 1000);
        QCOMPARE(lines(scores).size(), 601);
        const QString xlsx = dir.filePath(QStringLiteral("report.xlsx"));
        QCOMPARE(runProgram(kCli,
                            { QStringLiteral("detect"), input, QStringLiteral("--detector"), QStringLiteral("seasonal"),
                              QStringLiteral("--out"), xlsx })
                     .exitCode,
                 0);
        QVERIFY(QFile::exists(xlsx));
    }

    void detectNamesBadInput()
    {
        const auto missing = runProgram(kCli, { QStringLiteral("detect"), QStringLiteral("/nonexistent/series.csv") });
        QCOMPARE(missing.exitCode, 3);
        QVERIFY2(missing.err.contains(QStringLiteral("/nonexistent/series.csv")), qPrintable(missing.err));
        QCOMPARE(runProgram(kCli, { QStringLiteral("detect") }).exitCode, 2);
        const auto badThreshold = runProgram(
            kCli,
            { QStringLiteral("detect"), QStringLiteral("x.csv"), QStringLiteral("--threshold"), QStringLiteral("2") });
        QCOMPARE(badThreshold.exitCode, 2);
        QVERIFY(badThreshold.err.contains(QStringLiteral("--threshold")));
    }
};

BIDLAB_TEST_MAIN_CORE(AnomalyCliTest)
#include "test_anomaly_cli.moc"
