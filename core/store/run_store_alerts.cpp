// SPDX-License-Identifier: MIT
// RunStore's alerts table (schema version 2): the alerts of a live run, stored with the run.
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

Status RunStore::saveAlerts(qint64 runId, const QList<StoredAlert>& alerts)
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
    q.prepare(QStringLiteral("SELECT 1 FROM runs WHERE id = ?"));
    q.addBindValue(runId);
    if (!q.exec() || !q.next())
        return fail(tr("There is no run %1 in the run history '%2'.").arg(runId).arg(m_path));
    q.finish();
    q.prepare(QStringLiteral("DELETE FROM alerts WHERE run_id = ?"));
    q.addBindValue(runId);
    if (!q.exec())
        return fail(tr("Saving the alerts of run %1 failed: %2").arg(runId).arg(q.lastError().text()));
    q.prepare(QStringLiteral("INSERT INTO alerts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (qsizetype i = 0; i < alerts.size(); ++i) {
        const StoredAlert& a = alerts.at(i);
        for (const QVariant& v : { QVariant(runId), QVariant(qint64(i)), text(a.rule), text(a.metric), text(a.severity),
                                   QVariant(a.startMs), QVariant(a.raisedMs), QVariant(a.endMs), QVariant(a.peakScore),
                                   QVariant(a.value), text(a.incident), QVariant(a.incidentStartMs) })
            q.addBindValue(v);
        if (!q.exec())
            return fail(tr("Saving the alerts of run %1 failed: %2").arg(runId).arg(q.lastError().text()));
    }
    if (!q.exec(QStringLiteral("COMMIT")))
        return fail(tr("Saving the alerts of run %1 failed: %2").arg(runId).arg(q.lastError().text()));
    return success();
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

} // namespace bidlab::store
