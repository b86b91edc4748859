// SPDX-License-Identifier: MIT
// Live alerts on real engine runs (real bidlab-worker processes, shared memory, deterministic mode): each
// injected incident raises exactly one alert on its expected metric, after its start and within a bounded
// delay, and none before; a clean run raises none; the run store keeps the alerts with the run.
#include "core/anomaly/live_run.h"
#include "core/store/run_store.h"
#include "tests/common/test_support.h"

#include <map>
#include <memory>
#include <optional>

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace bidlab;
using namespace bidlab::anomaly;
using engine::IncidentKind;

namespace {

constexpr double kIncidentAt = 25.0; // after the 10 s the rules learn from, and 15 s for them to settle
constexpr double kRunSeconds = 36.0; // the incident lasts 10 s
constexpr qint64 kMaxDelayMs
    = 6'000; // the 1 s minimum duration + the 1 s rate window (latency: half its 2 s median) + margin

engine::EngineConfig config(double seconds)
{
    engine::EngineConfig c;
    c.deterministic = true;
    c.workers = 2;
    c.targetQps = 2'000;
    c.durationSeconds = seconds;
    c.workerExecutable = QStringLiteral(BIDLAB_WORKER);
    return c; // the default world, as `simulate` and `bench alerts` run it
}

// One monitored run of the suite: its config and incidents, and what came of it.
struct SuiteRun
{
    engine::EngineConfig config;
    QList<ScheduledIncident> incidents;
    std::optional<Expected<MonitoredRun>> result;
};

QString describe(const QList<LiveAlert>& alerts)
{
    QStringList lines;
    for (const LiveAlert& a : alerts)
        lines << describeAlert(a);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestAnomalyLive : public QObject
{
    Q_OBJECT

    // Keyed by incident name; "clean" has none, "store" is the short crash-loop run the store test keeps.
    std::map<QString, SuiteRun> m_runs;

    const MonitoredRun* finishedRun(const QString& key)
    {
        const std::optional<Expected<MonitoredRun>>& result = m_runs.at(key).result;
        if (!result)
            return nullptr;
        if (!*result)
            qWarning("%s: %s", qPrintable(key), qPrintable(result->error()));
        return *result ? &result->value() : nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Every run of the suite at once, each on its own thread with its own engine, workers and monitor: they
        // are light (2,000 QPS), and one after another they took four minutes. They also load each other,
        // which the rules must bear.
        for (qsizetype k = 0; k < engine::incidentNames().size(); ++k) {
            const auto incident = static_cast<IncidentKind>(k);
            engine::EngineConfig c = config(kRunSeconds);
            // The traffic spike in deterministic mode would end the run's requests early (it paces the
            // lock-step batches 5x faster): it runs on the real-time clock.
            c.deterministic = incident != IncidentKind::TrafficSpike;
            m_runs[engine::incidentName(incident)] = { c, { { incident, kIncidentAt } }, std::nullopt };
        }
        m_runs[QStringLiteral("clean")] = { config(kRunSeconds), {}, std::nullopt };
        m_runs[QStringLiteral("store")] = { config(16.0), { { IncidentKind::CrashLoop, 12.0 } }, std::nullopt };
        std::vector<std::unique_ptr<QThread>> threads;
        for (auto& [key, run] : m_runs) {
            SuiteRun* r = &run;
            threads.emplace_back(QThread::create([r] { r->result = runMonitored(r->config, r->incidents); }));
            threads.back()->start();
        }
        for (const auto& thread : threads)
            QVERIFY(thread->wait(QDeadlineTimer(900'000)));
    }

    void incidentRaisesOneAlert_data()
    {
        QTest::addColumn<int>("kind");
        for (qsizetype k = 0; k < engine::incidentNames().size(); ++k)
            QTest::newRow(qPrintable(engine::incidentNames().at(k))) << static_cast<int>(k);
    }
    void incidentRaisesOneAlert()
    {
        QFETCH(int, kind);
        const auto incident = static_cast<IncidentKind>(kind);
        const MonitoredRun* run = finishedRun(engine::incidentName(incident));
        QVERIFY(run);
        QCOMPARE(run->incidents.size(), 1);
        const qint64 start = run->incidents.first().startMs;
        QVERIFY2(start >= kIncidentAt * 1000 && start < (kIncidentAt + 2) * 1000, qPrintable(QString::number(start)));
        const QString metric = expectedMetric(incident);
        qsizetype onMetric = 0;
        for (const LiveAlert& a : run->alerts) {
            QVERIFY2(a.alert.raisedMs >= start,
                     qPrintable(QStringLiteral("an alert before the incident:\n") + describe(run->alerts)));
            if (a.alert.metric != metric)
                continue;
            ++onMetric;
            QCOMPARE(a.incident, engine::incidentName(incident));
            QCOMPARE(a.incidentStartMs, start);
            QVERIFY2(a.delayMs() >= 0 && a.delayMs() <= kMaxDelayMs, qPrintable(describe(run->alerts)));
        }
        QVERIFY2(onMetric == 1,
                 qPrintable(QStringLiteral("%1 alerts on %2:\n").arg(onMetric).arg(metric) + describe(run->alerts)));
        qInfo("%s: %s", qPrintable(engine::incidentName(incident)), qPrintable(describe(run->alerts)));
    }

    void cleanRunRaisesNone()
    {
        const MonitoredRun* run = finishedRun(QStringLiteral("clean"));
        QVERIFY(run);
        QVERIFY(run->summary.accountingBalanced());
        QVERIFY2(run->alerts.isEmpty(), qPrintable(describe(run->alerts)));
    }

    void storeKeepsTheAlerts()
    {
        // A real run with a crash loop (its alert comes at once), then the run and its alerts in a fresh store.
        const MonitoredRun* run = finishedRun(QStringLiteral("store"));
        QVERIFY(run);
        QVERIFY(!run->alerts.isEmpty());
        QTemporaryDir dir;
        store::RunStore runs(dir.filePath(QStringLiteral("runs.sqlite")));
        Expected<qint64> id = runs.save(run->summary);
        QVERIFY(id);
        const QList<store::StoredAlert> stored = storedAlerts(run->alerts);
        QVERIFY(runs.saveAlerts(*id, stored).ok());
        Expected<QList<store::StoredAlert>> loaded = runs.alerts(*id);
        QVERIFY(loaded);
        QCOMPARE(*loaded, stored);
        QCOMPARE(loaded->first().metric, QStringLiteral("worker_restarts"));
        QCOMPARE(loaded->first().incident, QStringLiteral("crash-loop"));
        QVERIFY(loaded->first().incidentStartMs >= 12'000);
        // Another store object (another connection) reads the same; deleting the run deletes its alerts.
        store::RunStore again(runs.path());
        QCOMPARE(again.alerts(*id)->size(), stored.size());
        QVERIFY(runs.remove(*id).ok());
        QVERIFY(runs.alerts(*id)->isEmpty());
        const Status unknown = runs.saveAlerts(*id, stored);
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error().contains(QStringLiteral("no run %1").arg(*id)));
    }

    void versionOneStoreIsMigrated()
    {
        // A run history written by schema version 1 (no alerts table) gains it when opened, runs kept.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(
                q.exec(QStringLiteral("CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL"
                                      " DEFAULT '', started_at_ms INTEGER NOT NULL, seconds REAL NOT NULL, end_state"
                                      " TEXT NOT NULL, strategy TEXT NOT NULL, workers INTEGER NOT NULL, generated"
                                      " INTEGER NOT NULL, spend_micros INTEGER NOT NULL, revenue_micros INTEGER NOT"
                                      " NULL, scenario TEXT NOT NULL, summary TEXT NOT NULL)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO runs VALUES (7, 'old', 1, 1.0, 'finished', 'seed', 1, 0, 0, 0,"
                                          " '{}', '{}')")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 1")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));
        store::RunStore runs(path);
        QVERIFY(runs.open().ok());
        QCOMPARE(*runs.schemaVersion(), store::RunStore::kSchemaVersion);
        QVERIFY(runs.alerts(7)->isEmpty());
        store::StoredAlert alert {
            QStringLiteral("r"), QStringLiteral("qps"), QStringLiteral("warning"), 1, 2, -1, 0.7, 3.5, {}, -1
        };
        const Status saved = runs.saveAlerts(7, { alert }); // an alert without an incident: empty text, not NULL
        QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error()));
        QCOMPARE(runs.alerts(7)->value(0), alert);
    }
};

BIDLAB_TEST_MAIN_CORE(TestAnomalyLive)
#include "test_anomaly_live.moc"
