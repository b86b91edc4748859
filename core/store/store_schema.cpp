// SPDX-License-Identifier: MIT
#include "core/store/store_schema.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace bidlab::store::detail {

namespace {

// steps[v - 1] migrates version v - 1 to v. Append, never edit a released step.
const QList<QStringList>& steps()
{
    static const QList<QStringList> all {
        // 1: runs, their per-second series
        {
            QStringLiteral("CREATE TABLE runs ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " name TEXT NOT NULL DEFAULT '',"
                           " started_at_ms INTEGER NOT NULL,"
                           " seconds REAL NOT NULL,"
                           " end_state TEXT NOT NULL,"
                           " strategy TEXT NOT NULL,"
                           " workers INTEGER NOT NULL,"
                           " generated INTEGER NOT NULL,"
                           " spend_micros INTEGER NOT NULL,"
                           " revenue_micros INTEGER NOT NULL,"
                           " scenario TEXT NOT NULL,"
                           " summary TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE series ("
                           " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                           " second INTEGER NOT NULL,"
                           " length REAL NOT NULL,"
                           " generated INTEGER NOT NULL,"
                           " bids INTEGER NOT NULL,"
                           " no_bids INTEGER NOT NULL,"
                           " timeouts INTEGER NOT NULL,"
                           " shed INTEGER NOT NULL,"
                           " wins INTEGER NOT NULL,"
                           " clicks INTEGER NOT NULL,"
                           " conversions INTEGER NOT NULL,"
                           " spend_micros INTEGER NOT NULL,"
                           " revenue_micros INTEGER NOT NULL,"
                           " p50_ns INTEGER NOT NULL,"
                           " p99_ns INTEGER NOT NULL,"
                           " p999_ns INTEGER NOT NULL,"
                           " workers_alive INTEGER NOT NULL,"
                           " target_qps INTEGER NOT NULL,"
                           " counters TEXT NOT NULL,"
                           " PRIMARY KEY (run_id, second))"),
            QStringLiteral("CREATE INDEX runs_started ON runs(started_at_ms)"),
        },
        // 2: the alerts of a live run (issue 8), with the incident injected before each, if any
        {
            QStringLiteral("CREATE TABLE alerts ("
                           " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                           " seq INTEGER NOT NULL,"
                           " rule TEXT NOT NULL,"
                           " metric TEXT NOT NULL,"
                           " severity TEXT NOT NULL,"
                           " start_ms INTEGER NOT NULL,"
                           " raised_ms INTEGER NOT NULL,"
                           " end_ms INTEGER NOT NULL,"
                           " peak_score REAL NOT NULL,"
                           " value REAL NOT NULL,"
                           " incident TEXT NOT NULL DEFAULT '',"
                           " incident_start_ms INTEGER NOT NULL DEFAULT -1,"
                           " PRIMARY KEY (run_id, seq))"),
        },
        // 3: the markers a live run's charts showed (alerts, incidents, workers that died or came back)
        {
            QStringLiteral("CREATE TABLE markers ("
                           " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                           " seq INTEGER NOT NULL,"
                           " seconds REAL NOT NULL,"
                           " kind TEXT NOT NULL,"
                           " label TEXT NOT NULL,"
                           " text TEXT NOT NULL,"
                           " chart INTEGER NOT NULL,"
                           " PRIMARY KEY (run_id, seq))"),
        },
    };
    return all;
}

QString tr(const char* text)
{
    return QCoreApplication::translate("RunStore", text);
}

} // namespace

int latestSchemaVersion()
{
    return static_cast<int>(steps().size());
}

Status migrate(QSqlDatabase& db, int targetVersion)
{
    QSqlQuery query(db);
    // BEGIN IMMEDIATE takes the write lock now (waiting on the busy timeout): two processes or threads
    // opening a new file at once migrate it once, one after the other.
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return Error { tr("Cannot lock the run history '%1': %2").arg(db.databaseName(), query.lastError().text()) };
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return Error { tr("Cannot read the run history's schema version: %1").arg(query.lastError().text()) };
    const int version = query.value(0).toInt();
    query.finish();
    if (version >= targetVersion) {
        query.exec(QStringLiteral("ROLLBACK"));
        if (version > targetVersion)
            return Error { tr("The run history '%1' has schema version %2, newer than this BidLab reads (%3).")
                               .arg(db.databaseName())
                               .arg(version)
                               .arg(targetVersion) };
        return success();
    }
    for (int v = version + 1; v <= targetVersion; ++v) {
        for (const QString& statement : steps().at(v - 1)) {
            if (!query.exec(statement)) {
                const QString error = query.lastError().text();
                query.exec(QStringLiteral("ROLLBACK"));
                return Error { tr("Migrating the run history to schema version %1 failed: %2").arg(v).arg(error) };
            }
        }
    }
    if (!query.exec(QStringLiteral("PRAGMA user_version = %1").arg(targetVersion))
        || !query.exec(QStringLiteral("COMMIT"))) {
        const QString error = query.lastError().text();
        query.exec(QStringLiteral("ROLLBACK"));
        return Error { tr("Migrating the run history failed: %1").arg(error) };
    }
    return success();
}

} // namespace bidlab::store::detail
