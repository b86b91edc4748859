// SPDX-License-Identifier: MIT
#include "core/aggregate/aggregate_file.h"
#include "core/aggregate/aggregate_report.h"
#include "core/aggregate/file_layout.h"
#include "core/aggregate/log_generator.h"
#include "core/jobs/job_pool.h"
#include "core/jobs/job_tracker.h"
#include "core/report/report_writers.h"
#include "tests/common/test_support.h"

#include <zlib.h>

#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace bidlab;
using namespace bidlab::aggregate;

namespace {

// The seed's schema; sums by campaign are easy to check by hand.
const char* const kSeedHeader = "date,campaign_id,device,impressions,clicks,conversions,cost,revenue\n";

class Files
{
public:
    QString write(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }
    QString writeGzip(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        gzFile gz = gzopen(QFile::encodeName(path).constData(), "wb");
        gzwrite(gz, bytes.constData(), unsigned(bytes.size()));
        gzclose(gz);
        return path;
    }
    QString path(const QString& name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
};

AggregateParams paramsFor(const QString& path, const QStringList& dimensions = { QStringLiteral("campaign") })
{
    AggregateParams p;
    p.path = path;
    const Expected<FileLayout> layout = inspectFile(path);
    if (layout)
        p.mapping = guessMapping(layout->headers);
    p.dimensions = dimensions;
    return p;
}

AggregateResult run(const AggregateParams& params)
{
    Expected<AggregateResult> result = aggregateFile(params);
    if (!result)
        qFatal("aggregation failed: %s", qPrintable(result.error()));
    return std::move(result).value();
}

// The sums of one group of a one-dimension result, by its text.
Sums groupSums(const AggregateResult& r, const QString& value)
{
    const qsizetype rank = r.values.at(0).indexOf(value);
    for (const Group& g : r.groups) {
        if (g.key[0] == rank)
            return g.sums;
    }
    return {};
}

Sums sums(qint64 rows, qint64 imp, qint64 clk, qint64 conv, Micros cost, Micros revenue)
{
    Sums s;
    s.rows = rows;
    s.values = { imp, clk, conv, cost, revenue };
    return s;
}

QByteArray rollupCsv(const AggregateResult& result)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("r.csv"));
    const Status written = report::writeCsv(buildAggregateReport(result), path);
    if (!written)
        qFatal("%s", qPrintable(written.error()));
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

// A synthetic log of `rows` rows (1000 campaigns, 31 days) in `dir`.
QString generatedLog(const QTemporaryDir& dir, qint64 rows)
{
    const QString path = dir.filePath(QStringLiteral("generated.csv"));
    LogSpec spec;
    spec.rows = rows;
    if (!generateLog(spec, path).ok())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

// A file with every kind of row: plain, quoted with delimiters, quotes and newlines, empty lines.
QByteArray mixedLog(int copies)
{
    QByteArray data(kSeedHeader);
    for (int i = 0; i < copies; ++i) {
        data += "2024-01-01,a,mobile,100,10,1,1.5,3\n";
        data += "2024-01-02,\"b, the second\",desktop,200,20,2,2.25,0\n";
        data += "\n";
        data += "2024-01-02,\"a\",\"multi\nline \"\"device\"\"\",50,5,0,0.125,1.000001\n";
        data += "2024-01-03,b\\,tablet,1,0,0,0,0\n"; // campaign "b\\": backslashes escape nothing
    }
    return data;
}

} // namespace

class AggregateFileTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { jobs::setJobThreadCount(4); }

    void sumsAndDerivedMetricsExactly()
    {
        Files files;
        const QString path = files.write(QStringLiteral("log.csv"), mixedLog(1));
        const AggregateResult r = run(paramsFor(path));
        QCOMPARE(r.records, 4);
        QCOMPARE(r.badRowCount, 0);
        QCOMPARE(r.values.at(0),
                 (QStringList { QStringLiteral("a"), QStringLiteral("b, the second"), QStringLiteral("b\\") }));
        QCOMPARE(groupSums(r, QStringLiteral("a")), sums(2, 150, 15, 1, 1'625'000, 4'000'001));
        QCOMPARE(groupSums(r, QStringLiteral("b, the second")), sums(1, 200, 20, 2, 2'250'000, 0));
        QCOMPARE(r.total, sums(4, 351, 35, 3, 3'875'000, 4'000'001));
        // Derived at the edge: CTR 15/150, CPC 1.625/15 rounded to micros, ROAS of a zero cost is empty.
        const Sums a = groupSums(r, QStringLiteral("a"));
        QCOMPARE(metricValue(a, Metric::Ctr).toDouble(), 0.1);
        QCOMPARE(metricValue(a, Metric::Cpc).toLongLong(), 108'333);
        QCOMPARE(metricValue(a, Metric::Cpm).toLongLong(), 10'833'333);
        QCOMPARE(metricValue(a, Metric::Cpa).toLongLong(), 1'625'000);
        QCOMPARE(metricValue(a, Metric::Roas).toDouble(), 4'000'001.0 / 1'625'000.0);
        const Sums zero = groupSums(r, QStringLiteral("b\\"));
        QVERIFY(metricValue(zero, Metric::Ctr).isValid()); // 0 clicks of 1 impression: 0, not empty
        QCOMPARE(metricValue(zero, Metric::Ctr).toDouble(), 0.0);
        QVERIFY(metricValue(zero, Metric::Cvr).isNull());
        QVERIFY(metricValue(zero, Metric::Cpc).isNull());
        QVERIFY(metricValue(zero, Metric::Roas).isNull());
    }

    void crlfBomAndNoTrailingNewline()
    {
        Files files;
        QByteArray data = "\xEF\xBB\xBF" + QByteArray(kSeedHeader).replace("\n", "\r\n");
        data += "2024-01-01,a,mobile,1,1,0,0.5,0\r\n\r\n2024-01-01,a,tablet,2,0,0,0.25,1.5"; // no final newline
        const AggregateResult r = run(paramsFor(files.write(QStringLiteral("crlf.csv"), data)));
        QCOMPARE(r.badRowCount, 0);
        QCOMPARE(r.total, sums(2, 3, 1, 0, 750'000, 1'500'000));
        QCOMPARE(r.headers.front(), QStringLiteral("date")); // the BOM is not part of the name
    }

    void chunkBoundariesInsideQuotedFieldsChangeNothing_data()
    {
        QTest::addColumn<qint64>("chunkBytes");
        QTest::addColumn<int>("threads");
        for (qint64 bytes : { 7, 13, 31, 64, 97, 1000, 1 << 20 })
            for (int threads : { 1, 3 })
                QTest::addRow("%lld bytes, %d threads", bytes, threads) << bytes << threads;
    }
    void chunkBoundariesInsideQuotedFieldsChangeNothing()
    {
        QFETCH(qint64, chunkBytes);
        QFETCH(int, threads);
        Files files;
        // Long multi-line quoted fields, so that many cuts land inside them.
        QByteArray data(kSeedHeader);
        for (int i = 0; i < 60; ++i) {
            data += "2024-01-0" + QByteArray::number(1 + i % 9) + ",c" + QByteArray::number(i % 7) + ",\"x\n\ny,z\n"
                + QByteArray(i % 5 * 9, '\n') + "\"," + QByteArray::number(i) + ",1,0,0.5,1\n";
            if (i % 11 == 0)
                data += "2024-01-01,bad,row\n";
        }
        const QString path = files.write(QStringLiteral("quoted.csv"), data);
        AggregateParams reference = paramsFor(path, { QStringLiteral("campaign"), QStringLiteral("date") });
        reference.threads = 1;
        reference.chunkBytes = 1 << 30;
        const AggregateResult expected = run(reference);
        QCOMPARE(expected.total.rows, 60);
        QCOMPARE(expected.badRowCount, 6);
        QCOMPARE(expected.chunks, 1);

        AggregateParams params = reference;
        params.threads = threads;
        params.chunkBytes = chunkBytes;
        const AggregateResult got = run(params);
        QVERIFY(got.chunks >= 1);
        if (chunkBytes < 100)
            QVERIFY2(got.chunksRescanned > 0, "no cut fell inside a quoted field: the test lost its point");
        QCOMPARE(got.total, expected.total);
        QCOMPARE(got.badRowCount, expected.badRowCount);
        QCOMPARE(got.groups.size(), expected.groups.size());
        for (std::size_t g = 0; g < got.groups.size(); ++g) {
            QCOMPARE(got.groups[g].key, expected.groups[g].key);
            QCOMPARE(got.groups[g].sums, expected.groups[g].sums);
        }
        QCOMPARE(got.badRows.size(), expected.badRows.size());
        for (qsizetype i = 0; i < got.badRows.size(); ++i)
            QCOMPARE(got.badRows[i].line, expected.badRows[i].line);
        QCOMPARE(rollupCsv(got), rollupCsv(expected));
    }

    void badRowsAreCountedListedAndSkipped()
    {
        Files files;
        QByteArray data(kSeedHeader);
        data += "2024-01-01,a,m,1,1,0,1,0\n"; // line 2: good
        data += "2024-01-01,a,m,1,1,0,1\n"; // 3: 7 fields
        data += "2024-01-01,a,m,x1,1,0,1,0\n"; // 4: impressions
        data += "2024-02-30,a,m,1,1,0,1,0\n"; // 5: no such date
        data += "2024-01-01,a,m,1,1,0,1.2.3,0\n"; // 6: cost
        data += "2024-01-01,\"a\nb\",m,-1,1,0,1,0\n"; // 7-8: negative count
        data += "2024-01-01,a,m,1,1,0,,0\n"; // 9: empty cost, read as 0
        data += "2024-01-01,a,m,12.0,1,0,1,0\n"; // 10: 12.0 is a count
        const AggregateResult r = run(paramsFor(files.write(QStringLiteral("bad.csv"), data)));
        QCOMPARE(r.records, 8);
        QCOMPARE(r.badRowCount, 5);
        QCOMPARE(r.total, sums(3, 14, 3, 0, 2'000'000, 0));
        QCOMPARE(r.emptyValues[std::size_t(Measure::Cost)], 1);
        QCOMPARE(r.badRows.size(), 5);
        const QList<qint64> lines { 3, 4, 5, 6, 7 };
        const QStringList columns { QString(), QStringLiteral("impressions"), QStringLiteral("date"),
                                    QStringLiteral("cost"), QStringLiteral("impressions") };
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(r.badRows[i].line, lines[i]);
            QCOMPARE(r.badRows[i].column, columns[i]);
        }
        QVERIFY(r.badRows[0].reason.contains(QStringLiteral("7 fields, the header 8")));
        QVERIFY(r.badRows[1].reason.contains(QStringLiteral("'x1' is not a whole number")));
        QVERIFY(r.badRows[2].reason.contains(QStringLiteral("'2024-02-30' is not a date")));
        QVERIFY(r.badRows[3].reason.contains(QStringLiteral("'1.2.3' is not an amount")));
        QVERIFY(r.badRows[4].reason.contains(QStringLiteral("negative")));
    }

    void lineNumbersCountEmptyLinesAnywhere()
    {
        Files files;
        QByteArray data(kSeedHeader);
        data += "\n\r\n2024-01-01,a,m,1,1,0,1,0\n\n2024-01-01,a,m,x,1,0,1,0\n"; // the bad row is on line 6
        for (qint64 chunkBytes : { 1, 5, 1 << 20 }) {
            AggregateParams params = paramsFor(files.write(QStringLiteral("blank.csv"), data));
            params.chunkBytes = chunkBytes;
            const AggregateResult r = run(params);
            QCOMPARE(r.total.rows, 1);
            QCOMPARE(r.badRows.size(), 1);
            QVERIFY2(r.badRows.front().line == 6,
                     qPrintable(QStringLiteral("line %1 with chunks of %2 bytes, %3 re-read")
                                    .arg(r.badRows.front().line)
                                    .arg(chunkBytes)
                                    .arg(r.chunksRescanned)));
        }
    }

    void onlyTheFirstHundredBadRowsAreListed()
    {
        Files files;
        QByteArray data(kSeedHeader);
        for (int i = 0; i < 250; ++i)
            data += i % 2 ? "2024-01-01,a,m,1,1,0,1,0\n" : "2024-01-01,a,m,?,1,0,1,0\n";
        AggregateParams params = paramsFor(files.write(QStringLiteral("many.csv"), data));
        params.chunkBytes = 300;
        params.threads = 3;
        const AggregateResult r = run(params);
        QCOMPARE(r.badRowCount, 125);
        QCOMPARE(r.badRows.size(), kMaxListedBadRows);
        for (int i = 0; i < kMaxListedBadRows; ++i)
            QCOMPARE(r.badRows[i].line, qint64(2 + 2 * i)); // in file order, whatever the chunking
    }

    void anUnterminatedQuoteEndsTheReadingWithABadRow()
    {
        Files files;
        QByteArray data(kSeedHeader);
        data += "2024-01-01,a,m,1,1,0,1,0\n2024-01-01,\"a,m,1,1,0,1,0\n2024-01-01,a,m,1,1,0,1,0\n";
        const AggregateResult r = run(paramsFor(files.write(QStringLiteral("open.csv"), data)));
        QCOMPARE(r.total.rows, 1);
        QCOMPARE(r.badRowCount, 1);
        QCOMPARE(r.badRows.front().line, 3);
        QVERIFY(r.badRows.front().reason.contains(QStringLiteral("never closes")));
    }

    void gzipInputGivesTheSameAnswer()
    {
        Files files;
        QByteArray data = mixedLog(3000);
        const AggregateResult plain = run(paramsFor(files.write(QStringLiteral("p.csv"), data)));
        AggregateParams params = paramsFor(files.writeGzip(QStringLiteral("p.csv.gz"), data));
        params.chunkBytes = 4096; // many blocks, cut at record ends by the inflating thread
        params.threads = 3;
        const AggregateResult gz = run(params);
        QVERIFY(gz.compressed);
        QCOMPARE(gz.dataBytes, qint64(data.size()));
        QVERIFY(gz.chunks > 10);
        QCOMPARE(gz.total, plain.total);
        QCOMPARE(rollupCsv(gz), rollupCsv(plain));
    }

    void aDamagedGzipIsAClearError()
    {
        Files files;
        const QString good = files.writeGzip(QStringLiteral("g.csv.gz"), mixedLog(5000));
        QFile file(good);
        file.open(QIODevice::ReadOnly);
        const QByteArray bytes = file.readAll();
        const QString truncated = files.write(QStringLiteral("t.csv.gz"), bytes.left(bytes.size() / 2));
        const Expected<AggregateResult> r = aggregateFile(paramsFor(truncated));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().contains(QStringLiteral("t.csv.gz")), qPrintable(r.error()));
    }

    void missingFilesAndWrongParametersAreSentences()
    {
        Files files;
        AggregateParams params;
        params.path = files.path(QStringLiteral("nope.csv"));
        QCOMPARE(aggregateFile(params).error(), QStringLiteral("The file '%1' does not exist.").arg(params.path));
        params.path = files.write(QStringLiteral("empty.csv"), {});
        QVERIFY(aggregateFile(params).error().contains(QStringLiteral("is empty")));
        params = paramsFor(files.write(QStringLiteral("x.csv"), mixedLog(1)), { QStringLiteral("placement") });
        QVERIFY(aggregateFile(params).error().contains(QStringLiteral("needs a placement column")));
        params.dimensions = { QStringLiteral("nosuch") };
        QVERIFY(aggregateFile(params).error().contains(QStringLiteral("no dimension or column 'nosuch'")));
        params.dimensions = { QStringLiteral("campaign") };
        params.mapping.setColumn(Role::Cost, QStringLiteral("Spend"));
        QVERIFY(aggregateFile(params).error().contains(QStringLiteral("no such column")));
    }

    void rollupHasSubtotalsAfterTheirRows()
    {
        Files files;
        const AggregateResult r = run(paramsFor(files.write(QStringLiteral("r.csv"), mixedLog(2)),
                                                { QStringLiteral("campaign"), QStringLiteral("date") }));
        const std::vector<RollupRow> rows = r.rollup();
        // a: 01-01, 01-02, subtotal; "b, the second": 01-02, subtotal; b\: 01-03, subtotal; total.
        QCOMPARE(rows.size(), std::size_t(8));
        const QList<int> levels { 2, 2, 1, 2, 1, 2, 1, 0 };
        for (std::size_t i = 0; i < rows.size(); ++i)
            QCOMPARE(rows[i].level, levels[int(i)]);
        QCOMPARE(r.keyText(1, rows[1].key[1]), QStringLiteral("2024-01-02"));
        QCOMPARE(rows[2].sums, sums(4, 300, 30, 2, 3'250'000, 8'000'002));
        QCOMPARE(rows.back().sums, r.total);
        QCOMPARE(r.level(1).size(), std::size_t(3));
        QCOMPARE(r.level(0).front().sums, r.total);
        const std::vector<RollupRow> byDate = r.marginal(1);
        QCOMPARE(byDate.size(), std::size_t(3));
        QCOMPARE(byDate[1].sums.rows, 4);
    }

    void weeksMonthsFiltersAndDateRange()
    {
        Files files;
        QByteArray data(kSeedHeader);
        data += "2024-01-31,a,mobile,1,0,0,0,0\n2024-02-01,a,tablet,2,0,0,0,0\n2024-02-05,b,mobile,4,0,0,0,0\n";
        data += "2024-03-01,b,tv,8,0,0,0,0\n";
        const QString path = files.write(QStringLiteral("w.csv"), data);
        AggregateResult r = run(paramsFor(path, { QStringLiteral("month"), QStringLiteral("week") }));
        QCOMPARE(r.groups.size(), std::size_t(4));
        QCOMPARE(r.keyText(0, r.groups[0].key[0]), QStringLiteral("2024-01"));
        QCOMPARE(r.keyText(1, r.groups[0].key[1]), QStringLiteral("2024-W05"));
        QCOMPARE(r.keyText(1, r.groups[1].key[1]), QStringLiteral("2024-W05")); // Feb 1st, same week
        QCOMPARE(r.keyText(1, r.groups[2].key[1]), QStringLiteral("2024-W06"));

        AggregateParams filtered = paramsFor(path, { QStringLiteral("device") });
        filtered.filters = { { QStringLiteral("device"), { QStringLiteral("mobile"), QStringLiteral("tv") }, false } };
        filtered.from = QDate(2024, 2, 1);
        r = run(filtered);
        QCOMPARE(r.total.rows, 2);
        QCOMPARE(r.total[Measure::Impressions], 12);
        QCOMPARE(r.filteredOut, 2);
        filtered.filters.front().exclude = true;
        filtered.from.reset();
        filtered.to = QDate(2024, 2, 29);
        r = run(filtered);
        QCOMPARE(r.total[Measure::Impressions], 2);
    }

    void oneThreadAndManyGiveTheSameBytes()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("gen.csv"));
        LogSpec spec;
        spec.rows = 200'000;
        spec.campaigns = 50;
        spec.seed = 7;
        QVERIFY(generateLog(spec, path).ok());
        QList<QByteArray> outputs;
        for (int threads : { 1, 2, 4 }) {
            AggregateParams p
                = paramsFor(path, { QStringLiteral("campaign"), QStringLiteral("device"), QStringLiteral("date") });
            p.threads = threads;
            p.chunkBytes = 256 * 1024;
            const AggregateResult r = run(p);
            QCOMPARE(r.records, spec.rows);
            QCOMPARE(r.badRowCount, 0);
            QCOMPARE(r.groups.size(), std::size_t(50 * 3 * 31));
            outputs << rollupCsv(r);
        }
        QCOMPARE(outputs[1], outputs[0]);
        QCOMPARE(outputs[2], outputs[0]);
    }

    void theGeneratorIsDeterministicAndGzips()
    {
        QTemporaryDir dir;
        LogSpec spec;
        spec.rows = 70'000; // more than one block
        spec.campaigns = 3;
        const QString a = dir.filePath(QStringLiteral("a.csv"));
        const QString b = dir.filePath(QStringLiteral("b.csv.gz"));
        QVERIFY(generateLog(spec, a).ok());
        jobs::setJobThreadCount(1);
        QVERIFY(generateLog(spec, b).ok());
        jobs::setJobThreadCount(4);
        const AggregateResult plain = run(paramsFor(a));
        const AggregateResult gz = run(paramsFor(b));
        QVERIFY(gz.compressed);
        QCOMPARE(gz.total, plain.total);
        QCOMPARE(plain.total.rows, spec.rows);
        QCOMPARE(plain.values.at(0),
                 (QStringList { QStringLiteral("camp_0"), QStringLiteral("camp_1"), QStringLiteral("camp_2") }));
    }

    void cancelStopsMidFile()
    {
        QTemporaryDir dir;
        const QString path = generatedLog(dir, 300'000);
        int checks = 0;
        qint64 lastProgress = 0;
        ScanControl control;
        control.canceled = [&] { return ++checks > 3; };
        control.progress = [&](qint64 done, qint64, const QString&) { lastProgress = done; };
        AggregateParams params = paramsFor(path);
        params.chunkBytes = 64 * 1024;
        params.threads = 1; // the calling thread reads every chunk: the cancel point does not depend on timing
        const Expected<AggregateResult> r = aggregateFile(params, control);
        QCOMPARE(r.error(), QStringLiteral("Cancelled."));
        QCOMPARE(checks, 4); // checked after each chunk, stopped after the fourth of ~230
        QVERIFY(lastProgress > 0 && lastProgress < QFileInfo(path).size() / 10);
    }

    void theJobReportsProgressAndCanBeCancelled()
    {
        QTemporaryDir dir;
        const QString path = generatedLog(dir, 400'000);
        AggregateParams params = paramsFor(path);
        params.chunkBytes = 64 * 1024;

        jobs::JobTracker tracker;
        QSignalSpy finished(&tracker, &jobs::JobTracker::finished);
        QSignalSpy progress(&tracker, &jobs::JobTracker::progressChanged);
        AggregateResult delivered;
        tracker.track(jobs::runJob<AggregateResult>(jobs::jobPool(), runAggregateJob, params),
                      [&](AggregateResult r) { delivered = std::move(r); });
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60'000);
        QCOMPARE(finished.front().front().value<jobs::JobTracker::Outcome>(), jobs::JobTracker::Outcome::Succeeded);
        QCOMPARE(delivered.total.rows, 400'000);
        QVERIFY(!progress.isEmpty());

        tracker.track(jobs::runJob<AggregateResult>(jobs::jobPool(), runAggregateJob, params),
                      [](AggregateResult) { QFAIL("a cancelled job must deliver nothing"); });
        tracker.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 60'000);
        QCOMPARE(finished.back().front().value<jobs::JobTracker::Outcome>(), jobs::JobTracker::Outcome::Canceled);
    }

    void theRealOnlineAdvertisingTable()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(path,
                                   "campaigns/online_advertising_performance/online_advertising_performance_data.csv");
        AggregateParams params = paramsFor(path, { QStringLiteral("campaign"), QStringLiteral("date") });
        QVERIFY(aggregateFile(params).error().contains(QStringLiteral("no year")));
        params.mapping.year = 2020;
        const AggregateResult r = run(params);
        // Independently computed (Python csv + Decimal over the same file).
        QCOMPARE(r.records, 15403);
        QCOMPARE(r.badRowCount, 0);
        QCOMPARE(r.total, sums(15403, 239'014'261, 2'492'825, 651'762, 175'192'220'000, 276'262'615'900));
        QCOMPARE(r.values.at(0),
                 (QStringList { QStringLiteral("camp 1"), QStringLiteral("camp 2"), QStringLiteral("camp 3") }));
        const std::vector<RollupRow> campaigns = r.level(1);
        QCOMPARE(campaigns.front().sums[Measure::Impressions], 143'309'064);
        QCOMPARE(campaigns.front().sums[Measure::Cost], 150'688'122'500);
        QCOMPARE(campaigns.front().sums.rows, 6873);
        const std::vector<RollupRow> days = r.marginal(1);
        QCOMPARE(days.size(), std::size_t(91));
        QCOMPARE(r.keyText(1, days.front().key[0]), QStringLiteral("2020-04-01"));
        QCOMPARE(days.front().sums.rows, 204);
        QCOMPARE(days.front().sums[Measure::Clicks], 70'949);
    }

    void theRealFacebookTables()
    {
        BIDLAB_SHARED_DATA_OR_SKIP(kag, "campaigns/facebook_kag_conversion/KAG_conversion_data.csv");
        const AggregateResult r = run(paramsFor(kag));
        QCOMPARE(r.records, 1143);
        QCOMPARE(r.total[Measure::Impressions], 213'434'828);
        QCOMPARE(r.total[Measure::Clicks], 38'165);
        QCOMPARE(r.total[Measure::Conversions], 3'264);
        QCOMPARE(r.values.at(0),
                 (QStringList { QStringLiteral("916"), QStringLiteral("936"), QStringLiteral("1178") }));
        QVERIFY(!r.measured[std::size_t(Measure::Revenue)]);

        BIDLAB_SHARED_DATA_OR_SKIP(control, "campaigns/facebook_ab_test_control_vs_test/control_group.csv");
        const AggregateResult ab = run(paramsFor(control, { QStringLiteral("date") }));
        QCOMPARE(ab.delimiter, ';');
        QCOMPARE(ab.mapping.dateFormat, DateFormat::DayMonthYear);
        QCOMPARE(ab.records, 30);
        QCOMPARE(ab.badRowCount, 0);
        QCOMPARE(ab.groups.size(), std::size_t(30));
        QCOMPARE(ab.emptyValues[std::size_t(Measure::Impressions)], 1); // 5.08.2019 has only Spend
    }
};

BIDLAB_TEST_MAIN_CORE(AggregateFileTest)
#include "test_aggregate_file.moc"
