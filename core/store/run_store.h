// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"
#include "core/engine/engine_snapshot.h"

#include <QList>
#include <QString>
#include <QVariantList>

class QSqlDatabase;

// The run history: every simulation run's scenario, per-second series and summary, in SQLite (QtSql).
namespace bidlab::store {

// A line of the run list.
struct RunInfo
{
    qint64 id = 0;
    QString name;
    qint64 startedAtMs = 0;
    double seconds = 0.0;
    QString endState; // "finished" or "failed"
    QString strategy;
    int workers = 0;
    qint64 generated = 0;
    Micros spend = 0;
    Micros revenue = 0;
};

// A marker the dashboard drew on a run's charts (an alert, an incident, a worker that died or came back).
struct RunMarker
{
    static constexpr int kAllCharts = -1;

    double seconds = 0.0; // since the run started
    QString kind; // "alert", or the engine event's kind ("incident", "worker-crashed", ...)
    QString label; // the short text on the chart
    QString text; // the whole sentence, as in the event log
    int chart = kAllCharts; // the dashboard chart it is on (QPS, rates, latency, money), or all of them

    bool operator==(const RunMarker&) const = default;
};

// One stored run: the summary as finished() delivered it, with its scenario, series and chart markers.
struct StoredRun
{
    RunInfo info;
    engine::RunSummary summary;
    QList<RunMarker> markers;
};

// An alert of a live run (anomaly::LiveAlert, flattened: the store does not depend on core/anomaly).
struct StoredAlert
{
    QString rule;
    QString metric;
    QString severity; // "info", "warning", "critical"
    qint64 startMs = 0; // run time, ms since the run started
    qint64 raisedMs = 0;
    qint64 endMs = -1; // -1: still open when the run ended
    double peakScore = 0.0;
    double value = 0.0; // the metric's value when raised
    QString incident; // the incident injected before it, or empty
    qint64 incidentStartMs = -1;
    bool operator==(const StoredAlert&) const = default;
};

// Thread-safe: each thread gets its own connection to the database (QtSql connections are per thread),
// named after the store and the thread. The schema carries a version; opening an older database migrates
// it in a transaction, a newer one is refused with a message.
class RunStore
{
public:
    static constexpr int kSchemaVersion = 3; // 2: alerts; 3: chart markers

    // dataDirectory()/runs.sqlite
    static QString defaultPath();

    explicit RunStore(QString path = defaultPath());
    ~RunStore();
    RunStore(const RunStore&) = delete;
    RunStore& operator=(const RunStore&) = delete;

    QString path() const { return m_path; }

    // Creates or migrates the database. Every other call opens it on first use in its thread.
    Status open();
    // The schema version found in the file (after open()).
    Expected<int> schemaVersion() const;

    // A run, with the alerts raised and the chart markers drawn during it, in one transaction: a reader sees the
    // run with all of them or not at all.
    Expected<qint64> save(const engine::RunSummary& run, const QList<StoredAlert>& alerts = {},
                          const QList<RunMarker>& markers = {});
    Expected<QList<RunInfo>> list() const; // newest first
    Expected<StoredRun> load(qint64 id) const;
    Status remove(qint64 id); // an unknown id is an error (its alerts go with it)

    // The alerts of a stored run, replacing any it had; an unknown run is an error.
    Status saveAlerts(qint64 runId, const QList<StoredAlert>& alerts);
    Expected<QList<StoredAlert>> alerts(qint64 runId) const; // in the order raised
    // The chart markers of a stored run, replacing any it had (load() returns them with the run).
    Status saveMarkers(qint64 runId, const QList<RunMarker>& markers);
    Expected<QList<RunMarker>> markers(qint64 runId) const; // oldest first

private:
    Expected<QSqlDatabase> connection() const;
    // Replaces run `runId`'s rows of a table (alerts, markers) in one transaction: `rows` are the values after
    // run_id and seq. `what` names them in messages ("the alerts").
    Status replaceRunRows(qint64 runId, const QString& table, const QList<QVariantList>& rows, const QString& what);
    // Inserts them, inside the caller's transaction; false on an error (the query's in *error).
    static bool insertRunRows(QSqlDatabase& db, qint64 runId, const QString& table, const QList<QVariantList>& rows,
                              QString* error);
    static QList<QVariantList> alertRows(const QList<StoredAlert>& alerts);
    static QList<QVariantList> markerRows(const QList<RunMarker>& markers);

    QString m_path;
    QString m_connectionPrefix;
};

} // namespace bidlab::store
