// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"

#include <QDateTime>
#include <QList>
#include <QPair>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QVariant>

// The report model: what every panel and command hands to the exporters (CSV and XLSX here, PDF in ui/).
// A panel never writes files through a copy of its own.
namespace bidlab::report {

// How a column's values are stored (in QVariant) and shown.
enum class ColumnKind {
    Text, // QString
    Integer, // qint64
    Decimal, // double, `decimals` places
    Money, // qint64 micro-units of the currency, shown with `decimals` places
    Percent, // double fraction (0.0123 is shown as 1.23 %)
    Date, // QDate
    DateTime, // QDateTime (UTC)
};

struct Column
{
    QString name;
    ColumnKind kind = ColumnKind::Text;
    int decimals = 2;
};

// A null QVariant in a cell is an empty value: a ratio with a zero denominator, a missing field. It is
// written as an empty CSV field / blank cell and shown as "—"; never inf or NaN.
using Row = QList<QVariant>;

struct Table
{
    QString title;
    QList<Column> columns;
    QList<Row> rows;
};

struct Kpi
{
    QString name;
    QVariant value;
    Column format; // kind and decimals of the value; format.name is unused
    QString note; // e.g. "+3.2 % vs previous"
};

enum class ChartKind { Line, Bar, Scatter };

struct Series
{
    QString name;
    QList<QPointF> points; // for Bar charts: x is the category index
};

// A vertical mark across a line or scatter chart at x, with a short label: an event on the chart's time line
// (an alert, an incident, a worker that died).
struct Marker
{
    double x = 0.0; // in the chart's x units (milliseconds since the epoch when xIsTime)
    QString label;
};

struct Chart
{
    QString title;
    ChartKind kind = ChartKind::Line;
    QString xTitle; // with units, e.g. "time (s)"
    QString yTitle;
    bool xIsTime = false; // x values are milliseconds since the Unix epoch (UTC)
    bool logY = false;
    QStringList categories; // Bar charts: one label per category
    QList<Series> series;
    // Line and Scatter charts (Bar charts have no x to place them on). The `{}` keeps positional initialisers
    // written before this field existed free of -Wmissing-field-initializers.
    QList<Marker> markers {};
};

struct Report
{
    QString title;
    QString subtitle; // e.g. the source file
    QDateTime created; // UTC
    QList<QPair<QString, QString>> parameters; // what produced it, in order
    QList<Kpi> kpis;
    QList<Table> tables;
    QList<Chart> charts;
    QStringList notes; // warnings, skipped rows, caveats
};

// A cell as a person reads it: "—" for an empty value, thousands separators off, '.' as decimal point.
QString formatCell(const QVariant& value, const Column& column);

} // namespace bidlab::report
