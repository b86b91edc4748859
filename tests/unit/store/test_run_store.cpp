// SPDX-License-Identifier: MIT
#include "core/store/run_store.h"
#include "tests/common/test_support.h"

#include <thread>

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace bidlab;
using namespace bidlab::engine;
using namespace bidlab::store;

namespace {

RunSummary sampleRun(int seconds)
{
    RunSummary s;
    s.scenario = QJsonObject { { QStringLiteral("name"), QStringLiteral("sample") },
                               { QStringLiteral("workers"), 3 },
                               { QStringLiteral("strategy"),
                                 QJsonObject { { QStringLiteral("name"), QStringLiteral("ortb") } } } };
    s.startedAtMs = 1'700'000'000'000;
    s.seconds = seconds;
    s.endReason = QStringLiteral("The run reached its duration.");
    s.totals.generated = 1000 * seconds;
    s.totals.bids = 600 * seconds;
    s.totals.noBids = 400 * seconds;
    s.totals.spend = 123'456'789;
    s.totals.revenue = 987'654'321;
    s.latency.p99 = 123'456;
    CampaignRow c;
    c.id = 4;
    c.name = QStringLiteral("C005 fashion, \"quoted\"");
    c.spend = 42;
    s.campaigns.append(c);
    ArmRow a;
    a.name = QStringLiteral("B");
    a.users = 17;
    s.arms.append(a);
    for (int i = 0; i < seconds; ++i) {
        SeriesPoint p;
        p.second = i;
        p.length = i + 1 == seconds ? 0.4 : 1.0;
        p.counters.generated = 1000;
        p.counters.spend = 1'000'001 + i;
        p.counters.duplicateClicks = i;
        p.p99Ns = 1000 + i;
        s.series.append(p);
    }
    return s;
}

} // namespace

class RunStoreTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void saveListLoadDelete()
    {
        QTemporaryDir dir;
        RunStore store(dir.filePath(QStringLiteral("sub/runs.sqlite")));
        QVERIFY(store.open().ok());
        QCOMPARE(*store.schemaVersion(), RunStore::kSchemaVersion);
        const Expected<qint64> first = store.save(sampleRun(3));
        QVERIFY2(first.ok(), qPrintable(first.error()));
        const Expected<qint64> second = store.save(sampleRun(5));
        QVERIFY(second.ok());
        const auto list = store.list();
        QVERIFY(list.ok());
        QCOMPARE(list->size(), 2);
        QCOMPARE(list->first().id, *second); // newest first
        QCOMPARE(list->first().strategy, QStringLiteral("ortb"));
        QCOMPARE(list->first().workers, 3);
        QCOMPARE(list->first().spend, Micros(123'456'789));

        const Expected<StoredRun> run = store.load(*second);
        QVERIFY2(run.ok(), qPrintable(run.error()));
        const RunSummary expected = sampleRun(5);
        QCOMPARE(run->summary.totals, expected.totals);
        QCOMPARE(run->summary.latency.p99, 123'456);
        QCOMPARE(run->summary.scenario, expected.scenario);
        QCOMPARE(run->summary.campaigns.first().name, expected.campaigns.first().name);
        QCOMPARE(run->summary.arms.first().users, 17);
        QCOMPARE(run->summary.series.size(), 5);
        QCOMPARE(run->summary.series.last().counters, expected.series.last().counters);
        QCOMPARE(run->summary.series.last().length, 0.4);
        QCOMPARE(run->summary.series.at(2).p99Ns, 1002);

        QVERIFY(store.remove(*first).ok());
        QCOMPARE(store.list()->size(), 1);
        const Status again = store.remove(*first);
        QVERIFY(!again.ok());
        QVERIFY(again.error().contains(QStringLiteral("no run")));
        QVERIFY(!store.load(*first).ok());
        // The series went with the run (foreign key cascade).
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(store.path());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM series")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 5);
        q.finish();
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
    }
    void chartMarkersStayWithTheirRun()
    {
        QTemporaryDir dir;
        RunStore store(dir.filePath(QStringLiteral("runs.sqlite")));
        const Expected<qint64> id = store.save(sampleRun(3));
        QVERIFY(id.ok());
        QVERIFY(store.load(*id)->markers.isEmpty());
        const QList<RunMarker> markers {
            { 1.25, QStringLiteral("worker-crashed"), QStringLiteral("worker 1 died"),
              QStringLiteral("Worker 1 (pid 42) died: killed by signal 9."), RunMarker::kAllCharts },
            { 2.5, QStringLiteral("alert"), QStringLiteral("p99 latency jump"), QString(), 2 },
        };
        QVERIFY(store.saveMarkers(*id, markers).ok());
        QList<RunMarker> expected = markers;
        expected[1].text = QStringLiteral(""); // a null text is stored as empty
        QCOMPARE(*store.markers(*id), expected);
        QCOMPARE(store.load(*id)->markers, expected);
        QVERIFY(store.saveMarkers(*id, { markers.first() }).ok()); // replaces, not appends
        QCOMPARE(store.markers(*id)->size(), 1);
        const Status unknown = store.saveMarkers(*id + 1, markers);
        QVERIFY(!unknown.ok());
        QVERIFY2(unknown.error().contains(QStringLiteral("no run %1").arg(*id + 1)), qPrintable(unknown.error()));
        QVERIFY(store.remove(*id).ok()); // the markers go with the run
        QVERIFY(store.markers(*id)->isEmpty());
        // Saved with the run: one transaction, so a reader never sees the run without them.
        const StoredAlert alert { QStringLiteral("r"),
                                  QStringLiteral("qps"),
                                  QStringLiteral("warning"),
                                  1,
                                  2,
                                  -1,
                                  0.7,
                                  3.5,
                                  QStringLiteral("traffic-spike"),
                                  1 };
        const Expected<qint64> whole = store.save(sampleRun(2), { alert }, markers);
        QVERIFY(whole.ok());
        QCOMPARE(store.load(*whole)->markers, expected);
        QCOMPARE(*store.alerts(*whole), QList<StoredAlert> { alert });
    }
    void oneConnectionPerThread()
    {
        QTemporaryDir dir;
        RunStore store(dir.filePath(QStringLiteral("runs.sqlite")));
        std::atomic<int> saved { 0 };
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&] {
                for (int i = 0; i < 5; ++i) {
                    const Expected<qint64> id = store.save(sampleRun(2));
                    if (!id)
                        qWarning("%s", qPrintable(id.error()));
                    saved += id.ok() ? 1 : 0;
                }
            });
        for (std::thread& t : threads)
            t.join();
        QCOMPARE(saved.load(), 20);
        QCOMPARE(store.list()->size(), 20);
    }
    void newerSchemaIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("future.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("future"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 99"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("future"));
        RunStore store(path);
        const Status opened = store.open();
        QVERIFY(!opened.ok());
        QVERIFY(opened.error().contains(QStringLiteral("schema version 99")));
    }
    void unwritableLocation()
    {
        RunStore store(QStringLiteral("/proc/bidlab/runs.sqlite"));
        const Status opened = store.open();
        QVERIFY(!opened.ok());
        QVERIFY(opened.error().contains(QStringLiteral("/proc/bidlab")));
    }
    void defaultPathIsInTheDataFolder() { QVERIFY(RunStore::defaultPath().endsWith(QStringLiteral("/runs.sqlite"))); }
};

BIDLAB_TEST_MAIN_CORE(RunStoreTest)
#include "test_run_store.moc"
