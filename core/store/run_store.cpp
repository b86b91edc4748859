// SPDX-License-Identifier: MIT
#include "core/store/run_store.h"

#include "core/common/app_paths.h"
#include "core/store/store_schema.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

namespace bidlab::store {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("RunStore", text);
}

QString jsonText(const QJsonObject& json)
{
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}

QJsonObject jsonObject(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

RunInfo infoFrom(const QSqlQuery& q)
{
    RunInfo info;
    info.id = q.value(0).toLongLong();
    info.name = q.value(1).toString();
    info.startedAtMs = q.value(2).toLongLong();
    info.seconds = q.value(3).toDouble();
    info.endState = q.value(4).toString();
    info.strategy = q.value(5).toString();
    info.workers = q.value(6).toInt();
    info.generated = q.value(7).toLongLong();
    info.spend = q.value(8).toLongLong();
    info.revenue = q.value(9).toLongLong();
    return info;
}

const char* const kInfoColumns
    = "id, name, started_at_ms, seconds, end_state, strategy, workers, generated, spend_micros, revenue_micros";

} // namespace

QString RunStore::defaultPath()
{
    return QDir(dataDirectory()).filePath(QStringLiteral("runs.sqlite"));
}

RunStore::RunStore(QString path)
    : m_path(std::move(path))
{
    const QByteArray hash
        = QCryptographicHash::hash(QFileInfo(m_path).absoluteFilePath().toUtf8(), QCryptographicHash::Sha1);
    m_connectionPrefix = QStringLiteral("bidlab-runs-") + QString::fromLatin1(hash.toHex().left(12));
}

RunStore::~RunStore() = default;

Expected<QSqlDatabase> RunStore::connection() const
{
    const QString name
        = m_connectionPrefix + QStringLiteral("-%1").arg(reinterpret_cast<quintptr>(QThread::currentThreadId()));
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name);
        if (db.isOpen())
            return db;
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return Error { tr("Qt's SQLite driver (QSQLITE) is not installed (Debian: libqt6sql6-sqlite).") };
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath()))
        return Error { tr("Cannot create the folder of the run history '%1'.").arg(info.absolutePath()) };
    QSqlDatabase db = QSqlDatabase::contains(name) ? QSqlDatabase::database(name, false)
                                                   : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        return Error { tr("Cannot open the run history '%1': %2").arg(m_path, db.lastError().text()) };
    QSqlQuery pragma(db);
    pragma.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    pragma.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
    pragma.finish();
    if (Status migrated = detail::migrate(db, kSchemaVersion); !migrated) {
        db.close();
        return Error { migrated.error() };
    }
    return db;
}

Status RunStore::open()
{
    Expected<QSqlDatabase> db = connection();
    if (!db)
        return Error { db.error() };
    return success();
}

Expected<int> RunStore::schemaVersion() const
{
    Expected<QSqlDatabase> db = connection();
    if (!db)
        return Error { db.error() };
    QSqlQuery q(*db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return Error { q.lastError().text() };
    return q.value(0).toInt();
}

Expected<qint64> RunStore::save(const engine::RunSummary& run, const QList<StoredAlert>& alerts,
                                const QList<RunMarker>& markers)
{
    Expected<QSqlDatabase> connected = connection();
    if (!connected)
        return Error { connected.error() };
    QSqlDatabase db = *connected;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE"))) // the write lock now, waiting on the busy timeout
        return Error { tr("Cannot write to the run history '%1': %2").arg(m_path, q.lastError().text()) };
    const auto rollback = [&db] { QSqlQuery(db).exec(QStringLiteral("ROLLBACK")); };
    q.prepare(QStringLiteral("INSERT INTO runs (name, started_at_ms, seconds, end_state, strategy, workers, generated,"
                             " spend_micros, revenue_micros, scenario, summary)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const QJsonObject strategy = run.scenario.value(QLatin1String("strategy")).toObject();
    QJsonObject summary = run.toJson();
    summary.remove(QStringLiteral("scenario")); // stored in its own column
    q.addBindValue(run.scenario.value(QLatin1String("name")).toString());
    q.addBindValue(run.startedAtMs);
    q.addBindValue(run.seconds);
    q.addBindValue(engine::engineStateName(run.endState));
    q.addBindValue(strategy.value(QLatin1String("name")).toString());
    q.addBindValue(run.scenario.value(QLatin1String("workers")).toInt());
    q.addBindValue(static_cast<qint64>(run.totals.generated));
    q.addBindValue(static_cast<qint64>(run.totals.spend));
    q.addBindValue(static_cast<qint64>(run.totals.revenue));
    q.addBindValue(jsonText(run.scenario));
    q.addBindValue(jsonText(summary));
    if (!q.exec()) {
        const QString error = q.lastError().text();
        rollback();
        return Error { tr("Saving the run failed: %1").arg(error) };
    }
    const qint64 id = q.lastInsertId().toLongLong();
    QSqlQuery point(db);
    point.prepare(
        QStringLiteral("INSERT INTO series VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const engine::SeriesPoint& p : run.series) {
        const engine::Counters& c = p.counters;
        for (const QVariant& v :
             { QVariant(id), QVariant(p.second), QVariant(p.length), QVariant(qint64(c.generated)),
               QVariant(qint64(c.bids)), QVariant(qint64(c.noBids)), QVariant(qint64(c.timeouts)),
               QVariant(qint64(c.shed)), QVariant(qint64(c.wins)), QVariant(qint64(c.clicks)),
               QVariant(qint64(c.conversions)), QVariant(qint64(c.spend)), QVariant(qint64(c.revenue)),
               QVariant(p.p50Ns), QVariant(p.p99Ns), QVariant(p.p999Ns), QVariant(p.workersAlive),
               QVariant(p.targetQps), QVariant(jsonText(c.toJson())) })
            point.addBindValue(v);
        if (!point.exec()) {
            const QString error = point.lastError().text();
            rollback();
            return Error { tr("Saving the run's series failed: %1").arg(error) };
        }
    }
    QString error;
    if (!insertRunRows(db, id, QStringLiteral("alerts"), alertRows(alerts), &error)
        || !insertRunRows(db, id, QStringLiteral("markers"), markerRows(markers), &error)) {
        rollback();
        return Error { tr("Saving the run's alerts and markers failed: %1").arg(error) };
    }
    if (!q.exec(QStringLiteral("COMMIT"))) {
        const QString error = q.lastError().text();
        rollback();
        return Error { tr("Saving the run failed: %1").arg(error) };
    }
    return id;
}

Expected<QList<RunInfo>> RunStore::list() const
{
    Expected<QSqlDatabase> db = connection();
    if (!db)
        return Error { db.error() };
    QSqlQuery q(*db);
    if (!q.exec(QStringLiteral("SELECT %1 FROM runs ORDER BY id DESC").arg(QLatin1String(kInfoColumns))))
        return Error { tr("Reading the run history failed: %1").arg(q.lastError().text()) };
    QList<RunInfo> runs;
    while (q.next())
        runs.append(infoFrom(q));
    return runs;
}

Expected<StoredRun> RunStore::load(qint64 id) const
{
    Expected<QSqlDatabase> db = connection();
    if (!db)
        return Error { db.error() };
    QSqlQuery q(*db);
    q.prepare(QStringLiteral("SELECT %1, scenario, summary FROM runs WHERE id = ?").arg(QLatin1String(kInfoColumns)));
    q.addBindValue(id);
    if (!q.exec())
        return Error { tr("Reading run %1 failed: %2").arg(id).arg(q.lastError().text()) };
    if (!q.next())
        return Error { tr("There is no run %1 in the run history '%2'.").arg(id).arg(m_path) };
    StoredRun run;
    run.info = infoFrom(q);
    Expected<engine::RunSummary> summary = engine::RunSummary::fromJson(jsonObject(q.value(11).toString()));
    if (!summary)
        return Error { tr("Run %1 is damaged: %2").arg(id).arg(summary.error()) };
    run.summary = std::move(summary).value();
    run.summary.scenario = jsonObject(q.value(10).toString());
    QSqlQuery s(*db);
    s.prepare(QStringLiteral("SELECT second, p50_ns, p99_ns, p999_ns, workers_alive, target_qps, counters, length"
                             " FROM series WHERE run_id = ? ORDER BY second"));
    s.addBindValue(id);
    if (!s.exec())
        return Error { tr("Reading the series of run %1 failed: %2").arg(id).arg(s.lastError().text()) };
    while (s.next()) {
        engine::SeriesPoint p;
        p.second = s.value(0).toInt();
        p.p50Ns = s.value(1).toLongLong();
        p.p99Ns = s.value(2).toLongLong();
        p.p999Ns = s.value(3).toLongLong();
        p.workersAlive = s.value(4).toInt();
        p.targetQps = s.value(5).toLongLong();
        p.counters = engine::Counters::fromJson(jsonObject(s.value(6).toString()));
        p.length = s.value(7).toDouble();
        run.summary.series.append(p);
    }
    Expected<QList<RunMarker>> markers = this->markers(id);
    if (!markers)
        return Error { markers.error() };
    run.markers = std::move(markers).value();
    return run;
}

Status RunStore::remove(qint64 id)
{
    Expected<QSqlDatabase> db = connection();
    if (!db)
        return Error { db.error() };
    QSqlQuery q(*db);
    q.prepare(QStringLiteral("DELETE FROM runs WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return Error { tr("Deleting run %1 failed: %2").arg(id).arg(q.lastError().text()) };
    if (q.numRowsAffected() == 0)
        return Error { tr("There is no run %1 in the run history '%2'.").arg(id).arg(m_path) };
    return success();
}

} // namespace bidlab::store
