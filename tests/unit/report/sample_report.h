// SPDX-License-Identifier: MIT
#pragma once

#include "core/report/report.h"

#include <QDate>
#include <QDateTime>
#include <QTimeZone>

// A report like the ones the panels hand to the exporters: parameters, KPIs of every kind, a campaign table
// of `rows` rows with every column kind (and empty values), two charts and notes. Shared by the CSV, XLSX and
// PDF tests.
namespace bidlab::test {

inline report::Table campaignTable(int rows)
{
    using report::ColumnKind;
    report::Table table;
    table.title = QStringLiteral("Campaigns");
    table.columns = {
        { QStringLiteral("Campaign ID"), ColumnKind::Text, 0 },
        { QStringLiteral("Impressions"), ColumnKind::Integer, 0 },
        { QStringLiteral("CTR"), ColumnKind::Percent, 2 },
        { QStringLiteral("Spend"), ColumnKind::Money, 2 },
        { QStringLiteral("eCPC"), ColumnKind::Decimal, 3 },
        { QStringLiteral("Day"), ColumnKind::Date, 0 },
        { QStringLiteral("Last win"), ColumnKind::DateTime, 0 },
    };
    const QDateTime start(QDate(2024, 5, 1), QTime(8, 0), QTimeZone::utc());
    for (int i = 0; i < rows; ++i) {
        const qint64 impressions = 1000 + 37 * i;
        const QVariant ctr = i % 10 == 9 ? QVariant() : QVariant(0.001 * (i % 40 + 1));
        table.rows << report::Row { QStringLiteral("cmp-%1").arg(i + 1, 4, 10, QLatin1Char('0')),
                                    impressions,
                                    ctr,
                                    qint64(1'250'000) * (i + 1),
                                    0.25 + 0.001 * i,
                                    QDate(2024, 5, 1).addDays(i % 30),
                                    start.addSecs(61 * i) };
    }
    return table;
}

inline report::Report sampleReport(int rows = 3)
{
    using report::ColumnKind;
    report::Report report;
    report.title = QStringLiteral("Campaign performance");
    report.subtitle = QStringLiteral("/data/campaigns/may-2024.csv");
    report.created = QDateTime(QDate(2024, 6, 2), QTime(9, 30), QTimeZone::utc());
    report.parameters = { { QStringLiteral("Source"), QStringLiteral("/data/campaigns/may-2024.csv") },
                          { QStringLiteral("Group by"), QStringLiteral("campaign") },
                          { QStringLiteral("Threads"), QStringLiteral("8") } };
    report.kpis = {
        { QStringLiteral("Impressions"), qint64(1234567), { {}, ColumnKind::Integer, 0 }, {} },
        { QStringLiteral("Spend"),
          qint64(98'765'432'100),
          { {}, ColumnKind::Money, 2 },
          QStringLiteral("+3.2 % vs April") },
        { QStringLiteral("CTR"), 0.0123, { {}, ColumnKind::Percent, 2 }, {} },
        { QStringLiteral("ROAS"), QVariant(), { {}, ColumnKind::Decimal, 2 }, QStringLiteral("no revenue yet") },
    };
    report.tables << campaignTable(rows);

    report::Chart qps;
    qps.title = QStringLiteral("Queries per second");
    qps.kind = report::ChartKind::Line;
    qps.xTitle = QStringLiteral("time (UTC)");
    qps.yTitle = QStringLiteral("QPS (1/s)");
    qps.xIsTime = true;
    qps.logY = true;
    const double t0 = double(QDateTime(QDate(2024, 5, 1), QTime(8, 0), QTimeZone::utc()).toMSecsSinceEpoch());
    report::Series offered { QStringLiteral("offered"), {} };
    report::Series answered { QStringLiteral("answered"), {} };
    for (int i = 0; i < 60; ++i) {
        offered.points << QPointF(t0 + 1000.0 * i, 1000 + 400 * (i % 7));
        answered.points << QPointF(t0 + 1000.0 * i, 900 + 350 * (i % 5));
    }
    qps.series = { offered, answered };
    report.charts << qps;

    report::Chart spend;
    spend.title = QStringLiteral("Spend by exchange");
    spend.kind = report::ChartKind::Bar;
    spend.xTitle = QStringLiteral("exchange");
    spend.yTitle = QStringLiteral("spend (USD)");
    spend.categories = { QStringLiteral("AdX"), QStringLiteral("OpenX"), QStringLiteral("Rubicon") };
    spend.series = { { QStringLiteral("May"), { { 0, 120.5 }, { 1, 80.25 }, { 2, 42 } } },
                     { QStringLiteral("April"), { { 0, 100 }, { 1, 95 }, { 2, 30 } } } };
    report.charts << spend;

    report.notes = { QStringLiteral("12 malformed rows were skipped (first at line 1045: missing field)."),
                     QStringLiteral("CTR is empty where a campaign had no impressions.") };
    return report;
}

} // namespace bidlab::test
