// SPDX-License-Identifier: MIT
// bidlab-cli gen-log, aggregate and report, run as a user runs them.
#include "core/common/csv_reader.h"
#include "tests/common/test_support.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace bidlab;

namespace {

test::ProcessResult cli(const QStringList& arguments)
{
    return test::runProgram(QStringLiteral(BIDLAB_CLI), arguments, 120'000);
}

QByteArray contents(const QString& path)
{
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

} // namespace

class CliAggregateTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_log = m_dir.filePath(QStringLiteral("log.csv"));
        const test::ProcessResult gen
            = cli({ QStringLiteral("gen-log"), QStringLiteral("--rows"), QStringLiteral("300000"),
                    QStringLiteral("--campaigns"), QStringLiteral("40"), QStringLiteral("--days"), QStringLiteral("14"),
                    QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("--out"), m_log });
        QVERIFY2(gen.exitCode == 0, qPrintable(gen.err));
        QVERIFY(gen.out.contains(QStringLiteral("300000 rows")));
    }

    void genLogIsDeterministic()
    {
        const QString again = m_dir.filePath(QStringLiteral("again.csv"));
        QCOMPARE(
            cli({ QStringLiteral("gen-log"), QStringLiteral("--rows"), QStringLiteral("300000"),
                  QStringLiteral("--campaigns"), QStringLiteral("40"), QStringLiteral("--days"), QStringLiteral("14"),
                  QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("--out"), again })
                .exitCode,
            0);
        QCOMPARE(contents(again), contents(m_log));
        const auto rows = csv::readAll(contents(m_log).left(2000).toStdString(), {});
        QCOMPARE(rows->front(),
                 (std::vector<std::string> { "date", "campaign_id", "device", "impressions", "clicks", "conversions",
                                             "cost", "revenue" }));
    }

    void oneAndFourThreadsWriteTheSameBytes()
    {
        QList<QByteArray> outputs;
        for (const char* threads : { "1", "4" }) {
            const QString out = m_dir.filePath(QStringLiteral("t%1.csv").arg(QLatin1String(threads)));
            const test::ProcessResult r
                = cli({ QStringLiteral("aggregate"), m_log, QStringLiteral("--group-by"),
                        QStringLiteral("campaign,device,week"), QStringLiteral("--threads"), QLatin1String(threads),
                        QStringLiteral("--chunk-bytes"), QStringLiteral("100000"), QStringLiteral("--out"), out });
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            outputs << contents(out);
        }
        QVERIFY(outputs[0].size() > 10'000);
        QCOMPARE(outputs[1], outputs[0]);
        // The last row is the grand total of every row.
        const QList<QByteArray> lines = outputs[0].trimmed().split('\n');
        QVERIFY(lines.back().startsWith("0,,,,300000,"));
    }

    void gzipInputAndJsonSummary()
    {
        const QString gz = m_dir.filePath(QStringLiteral("log.csv.gz"));
        QCOMPARE(
            cli({ QStringLiteral("gen-log"), QStringLiteral("--rows"), QStringLiteral("300000"),
                  QStringLiteral("--campaigns"), QStringLiteral("40"), QStringLiteral("--days"), QStringLiteral("14"),
                  QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("--out"), gz })
                .exitCode,
            0);
        QVERIFY(QFileInfo(gz).size() < QFileInfo(m_log).size() / 2);
        QJsonObject summaries[2];
        int i = 0;
        for (const QString& file : { m_log, gz }) {
            const test::ProcessResult r = cli({ QStringLiteral("aggregate"), file, QStringLiteral("--json") });
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            summaries[i++] = QJsonDocument::fromJson(r.out.toUtf8()).object();
        }
        QCOMPARE(summaries[1].value(QStringLiteral("compressed")).toBool(), true);
        QCOMPARE(summaries[1].value(QStringLiteral("rowsAggregated")).toDouble(), 300000.0);
        QCOMPARE(summaries[1].value(QStringLiteral("totals")), summaries[0].value(QStringLiteral("totals")));
    }

    void theRealTableWithAYear()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(path,
                                   "campaigns/online_advertising_performance/online_advertising_performance_data.csv");
        const test::ProcessResult noYear
            = cli({ QStringLiteral("aggregate"), path, QStringLiteral("--group-by"), QStringLiteral("date") });
        QCOMPARE(noYear.exitCode, 3);
        QVERIFY(noYear.err.contains(QStringLiteral("no year")));
        const test::ProcessResult r
            = cli({ QStringLiteral("aggregate"), path, QStringLiteral("--year"), QStringLiteral("2020"),
                    QStringLiteral("--group-by"), QStringLiteral("month"), QStringLiteral("--json") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject totals
            = QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("totals")).toObject();
        QCOMPARE(totals.value(QStringLiteral("Impressions")).toString(), QStringLiteral("239014261"));
        QCOMPARE(totals.value(QStringLiteral("Cost")).toString(), QStringLiteral("175192.22"));
        QCOMPARE(totals.value(QStringLiteral("Revenue")).toString(), QStringLiteral("276262.62"));
        QCOMPARE(totals.value(QStringLiteral("Clicks")).toString(), QStringLiteral("2492825"));
    }

    void reportWritesPdfXlsxAndCsv()
    {
        for (const char* suffix : { "pdf", "xlsx", "csv" }) {
            const QString out = m_dir.filePath(QStringLiteral("report.") + QLatin1String(suffix));
            const test::ProcessResult r
                = cli({ QStringLiteral("report"), m_log, QStringLiteral("--group-by"), QStringLiteral("campaign,date"),
                        QStringLiteral("--top-metric"), QStringLiteral("roas"), QStringLiteral("--out"), out });
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QVERIFY(QFileInfo(out).size() > 500);
        }
        QVERIFY(contents(m_dir.filePath(QStringLiteral("report.pdf"))).startsWith("%PDF"));
        QVERIFY(contents(m_dir.filePath(QStringLiteral("report.xlsx"))).startsWith("PK"));
        const QString pdftoppm = QStandardPaths::findExecutable(QStringLiteral("pdftoppm"));
        if (pdftoppm.isEmpty())
            QSKIP("pdftoppm is not installed");
        const test::ProcessResult page = test::runProgram(
            pdftoppm,
            { QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("30"), QStringLiteral("-f"),
              QStringLiteral("1"), QStringLiteral("-l"), QStringLiteral("1"), QStringLiteral("-singlefile"),
              m_dir.filePath(QStringLiteral("report.pdf")), m_dir.filePath(QStringLiteral("page")) });
        QCOMPARE(page.exitCode, 0);
        QVERIFY(QFileInfo(m_dir.filePath(QStringLiteral("page.png"))).size() > 1000);
    }

    void mistakesGetExitCodesAndSentences()
    {
        const test::ProcessResult missing
            = cli({ QStringLiteral("aggregate"), m_dir.filePath(QStringLiteral("none.csv")) });
        QCOMPARE(missing.exitCode, 3);
        QVERIFY(missing.err.contains(QStringLiteral("does not exist")));
        const test::ProcessResult badMap
            = cli({ QStringLiteral("aggregate"), m_log, QStringLiteral("--map"), QStringLiteral("cost=Spend") });
        QCOMPARE(badMap.exitCode, 3);
        QVERIFY(badMap.err.contains(QStringLiteral("no such column")));
        QCOMPARE(
            cli({ QStringLiteral("aggregate"), m_log, QStringLiteral("--map"), QStringLiteral("colour=x") }).exitCode,
            2);
        QCOMPARE(cli({ QStringLiteral("aggregate"), m_log, QStringLiteral("--threads"), QStringLiteral("0") }).exitCode,
                 2);
        QCOMPARE(cli({ QStringLiteral("aggregate"), m_log, QStringLiteral("--out"), QStringLiteral("x.pdf") }).exitCode,
                 2);
        QCOMPARE(cli({ QStringLiteral("report"), m_log }).exitCode, 2);
        QCOMPARE(cli({ QStringLiteral("gen-log"), QStringLiteral("--rows"), QStringLiteral("-5"),
                       QStringLiteral("--out"), m_dir.filePath(QStringLiteral("x.csv")) })
                     .exitCode,
                 2);
    }

private:
    QTemporaryDir m_dir;
    QString m_log;
};

BIDLAB_TEST_MAIN_CORE(CliAggregateTest)
#include "test_cli_aggregate.moc"
