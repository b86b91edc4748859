// SPDX-License-Identifier: MIT
// RunStore's tables of what happened during a run, stored with it: the alerts (schema version 2) and the chart
// markers (version 3).
#include "core/store/run_store.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace bidlab::store {

namespace {

// A null QString binds as SQL NULL; the text columns are NOT NULL.
QVariant text(const QString& value)
{
    return value.isNull() ? QVariant(QString(QLatin1String(""))) : QVariant(value);
}

QString tr(const char* text)
{
    return QCoreApplication::translate("RunStore", text);
}

} // namespace

Status RunStore::replaceRunRows(qint64 runId, const QString& table, const QList<QVariantList>& rows,
                                const QString& what)
{
    Expected<QSqlDatabase> connected = connection();
    if (!connected)
        return Error { connected.error() };
    QSqlDatabase db = *connected;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return Error { tr("Cannot write to the run history '%1': %2").arg(m_path, q.lastError().text()) };
    const auto fail = [&db](const QString& message) {
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return Error { message };
    };
    const auto failed
        = [&] { return fail(tr("Saving %1 of run %2 failed: %3").arg(what).arg(runId).arg(q.lastError().text())); };
    q.prepare(QStringLiteral("SELECT 1 FROM runs WHERE id = ?"));
    q.addBindValue(runId);
    if (!q.exec() || !q.next())
        return fail(tr("There is no run %1 in the run history '%2'.").arg(runId).arg(m_path));
    q.finish();
    q.prepare(QStringLiteral("DELETE FROM %1 WHERE run_id = ?").arg(table));
    q.addBindValue(runId);
    if (!q.exec())
        return failed();
    if (QString error; !insertRunRows(db, runId, table, rows, &error))
        return fail(tr("Saving %1 of run %2 failed: %3").arg(what).arg(runId).arg(error));
    if (!q.exec(QStringLiteral("COMMIT")))
        return failed();
    return success();
}

bool RunStore::insertRunRows(QSqlDatabase& db, qint64 runId, const QString& table, const QList<QVariantList>& rows,
                             QString* error)
{
    if (rows.isEmpty())
        return true;
    QSqlQuery q(db); // every row has the table's columns after run_id and seq
    q.prepare(QStringLiteral("INSERT INTO %1 VALUES (%2)")
                  .arg(table, QStringList(rows.first().size() + 2, QStringLiteral("?")).join(QLatin1Char(','))));
    for (qsizetype i = 0; i < rows.size(); ++i) {
        q.addBindValue(runId);
        q.addBindValue(qint64(i));
        for (const QVariant& v : rows.at(i))
            q.addBindValue(v);
        if (!q.exec()) {
            *error = q.lastError().text();
            return false;
        }
    }
    return true;
}

QList<QVariantList> RunStore::alertRows(const QList<StoredAlert>& alerts)
{
    QList<QVariantList> rows;
    for (const StoredAlert& a : alerts)
        rows.append({ text(a.rule), text(a.metric), text(a.severity), QVariant(a.startMs), QVariant(a.raisedMs),
                      QVariant(a.endMs), QVariant(a.peakScore), QVariant(a.value), text(a.incident),
                      QVariant(a.incidentStartMs) });
    return rows;
}

QList<QVariantList> RunStore::markerRows(const QList<RunMarker>& markers)
{
    QList<QVariantList> rows;
    for (const RunMarker& m : markers)
        rows.append({ QVariant(m.seconds), text(m.kind), text(m.label), text(m.text), QVariant(m.chart) });
    return rows;
}

Status RunStore::saveAlerts(qint64 runId, const QList<StoredAlert>& alerts)
{
    return replaceRunRows(runId, QStringLiteral("alerts"), alertRows(alerts), tr("the alerts"));
}

Expected<QList<StoredAlert>> RunStore::alerts(qint64 runId) const
{
    Expected<QSqlDatabase> db = connection();
    if (!db)
        return Error { db.error() };
    QSqlQuery q(*db);
    q.prepare(QStringLiteral("SELECT rule, metric, severity, start_ms, raised_ms, end_ms, peak_score, value, incident,"
                             " incident_start_ms FROM alerts WHERE run_id = ? ORDER BY seq"));
    q.addBindValue(runId);
    if (!q.exec())
        return Error { tr("Reading the alerts of run %1 failed: %2").arg(runId).arg(q.lastError().text()) };
    QList<StoredAlert> alerts;
    while (q.next()) {
        alerts.append({ q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toLongLong(),
                        q.value(4).toLongLong(), q.value(5).toLongLong(), q.value(6).toDouble(), q.value(7).toDouble(),
                        q.value(8).toString(), q.value(9).toLongLong() });
    }
    return alerts;
}

Status RunStore::saveMarkers(qint64 runId, const QList<RunMarker>& markers)
{
    return replaceRunRows(runId, QStringLiteral("markers"), markerRows(markers), tr("the chart markers"));
}

Expected<QList<RunMarker>> RunStore::markers(qint64 runId) const
{
    Expected<QSqlDatabase> db = connection();
    if (!db)
        return Error { db.error() };
    QSqlQuery q(*db);
    q.prepare(QStringLiteral("SELECT seconds, kind, label, text, chart FROM markers WHERE run_id = ? ORDER BY seq"));
    q.addBindValue(runId);
    if (!q.exec())
        return Error { tr("Reading the chart markers of run %1 failed: %2").arg(runId).arg(q.lastError().text()) };
    QList<RunMarker> markers;
    while (q.next()) {
        markers.append({ q.value(0).toDouble(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                         q.value(4).toInt() });
    }
    return markers;
}

} // namespace bidlab::store
