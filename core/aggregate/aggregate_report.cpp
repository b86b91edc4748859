// SPDX-License-Identifier: MIT
#include "core/aggregate/aggregate_report.h"

#include "core/aggregate/file_layout.h"

#include <algorithm>
#include <cmath>

#include <QDateTime>
#include <QFileInfo>
#include <QTimeZone>

namespace bidlab::aggregate {

namespace {

struct MetricInfo
{
    Metric metric;
    const char* key;
    const char* title;
    report::ColumnKind kind;
    int decimals;
};

constexpr std::array<MetricInfo, 12> kMetrics { {
    { Metric::Rows, "rows", "Rows", report::ColumnKind::Integer, 0 },
    { Metric::Impressions, "impressions", "Impressions", report::ColumnKind::Integer, 0 },
    { Metric::Clicks, "clicks", "Clicks", report::ColumnKind::Integer, 0 },
    { Metric::Conversions, "conversions", "Conversions", report::ColumnKind::Integer, 0 },
    { Metric::Cost, "cost", "Cost", report::ColumnKind::Money, 2 },
    { Metric::Revenue, "revenue", "Revenue", report::ColumnKind::Money, 2 },
    { Metric::Ctr, "ctr", "CTR", report::ColumnKind::Percent, 3 },
    { Metric::Cvr, "cvr", "CVR", report::ColumnKind::Percent, 3 },
    { Metric::Cpc, "cpc", "CPC", report::ColumnKind::Money, 4 },
    { Metric::Cpa, "cpa", "CPA", report::ColumnKind::Money, 4 },
    { Metric::Cpm, "cpm", "CPM", report::ColumnKind::Money, 4 },
    { Metric::Roas, "roas", "ROAS", report::ColumnKind::Decimal, 3 },
} };

const MetricInfo& info(Metric metric)
{
    return kMetrics[static_cast<std::size_t>(metric)];
}

bool has(const AggregateResult& result, Measure measure)
{
    return result.measured[static_cast<std::size_t>(measure)];
}

// Micros per unit of the denominator, rounded half away from zero; empty for a zero denominator.
QVariant moneyRatio(qint64 micros, qint64 count, qint64 scale = 1)
{
    if (count == 0)
        return {};
    return qint64(std::llround(double(micros) * double(scale) / double(count)));
}

QVariant fraction(qint64 numerator, qint64 denominator)
{
    const std::optional<double> value = ratio(double(numerator), double(denominator));
    return value ? QVariant(*value) : QVariant();
}

report::Column dimensionColumn(const Dimension& dimension)
{
    const QString title = dimension.kind == DimensionKind::Text ? dimension.column : dimension.name;
    return { title, dimension.kind == DimensionKind::Date ? report::ColumnKind::Date : report::ColumnKind::Text, 0 };
}

QVariant dimensionCell(const AggregateResult& result, int dimension, std::int64_t key)
{
    if (result.dimensions[dimension].kind == DimensionKind::Date)
        return toQDate(DayNumber(key));
    return result.keyText(dimension, key);
}

QList<Metric> tableMetrics(const AggregateResult& result)
{
    QList<Metric> metrics;
    for (Metric metric : allMetrics()) {
        if (metricAvailable(result, metric))
            metrics << metric;
    }
    return metrics;
}

report::Table levelTable(const AggregateResult& result, const std::vector<RollupRow>& rows, const QString& title,
                         bool withLevel)
{
    report::Table table;
    table.title = title;
    if (withLevel)
        table.columns << report::Column { QStringLiteral("level"), report::ColumnKind::Integer, 0 };
    const int dims = withLevel ? int(result.dimensions.size()) : (rows.empty() ? 0 : rows.front().level);
    for (int d = 0; d < dims; ++d)
        table.columns << dimensionColumn(result.dimensions[d]);
    const QList<Metric> metrics = tableMetrics(result);
    for (Metric metric : metrics)
        table.columns << metricColumn(metric);
    table.rows.reserve(qsizetype(rows.size()));
    for (const RollupRow& row : rows) {
        report::Row cells;
        cells.reserve(table.columns.size());
        if (withLevel)
            cells << qint64(row.level);
        for (int d = 0; d < dims; ++d)
            cells << (d < row.level ? dimensionCell(result, d, row.key[std::size_t(d)]) : QVariant());
        for (Metric metric : metrics)
            cells << metricValue(row.sums, metric);
        table.rows << cells;
    }
    return table;
}

QString byTitle(const AggregateResult& result, int level)
{
    if (level == 0)
        return QStringLiteral("Total");
    QStringList names;
    for (int d = 0; d < level; ++d)
        names << result.dimensions[d].name;
    return QStringLiteral("By ") + names.join(QStringLiteral(" × "));
}

int firstDimension(const AggregateResult& result, bool text)
{
    for (int d = 0; d < result.dimensions.size(); ++d) {
        if ((result.dimensions[d].kind == DimensionKind::Text) == text)
            return d;
    }
    return -1;
}

void addTopChart(const AggregateResult& result, const ReportOptions& options, report::Report& report)
{
    int dim = -1;
    for (int d = 0; d < result.dimensions.size() && dim < 0; ++d) {
        if (result.dimensions[d].name.compare(QLatin1String("campaign"), Qt::CaseInsensitive) == 0)
            dim = d;
    }
    if (dim < 0)
        dim = firstDimension(result, true);
    if (dim < 0 || !metricAvailable(result, options.topMetric))
        return;
    std::vector<RollupRow> rows = result.marginal(dim);
    std::stable_sort(rows.begin(), rows.end(), [&](const RollupRow& a, const RollupRow& b) {
        return metricNumber(a.sums, options.topMetric).value_or(-1e300)
            > metricNumber(b.sums, options.topMetric).value_or(-1e300);
    });
    rows.resize(std::min<std::size_t>(rows.size(), std::size_t(std::max(1, options.topCount))));
    report::Chart chart;
    chart.kind = report::ChartKind::Bar;
    chart.title = QStringLiteral("Top %1 %2 by %3")
                      .arg(rows.size())
                      .arg(result.dimensions[dim].name, metricTitle(options.topMetric));
    chart.xTitle = result.dimensions[dim].name;
    chart.yTitle = metricTitle(options.topMetric);
    report::Series series { metricTitle(options.topMetric), {} };
    for (std::size_t i = 0; i < rows.size(); ++i) {
        chart.categories << result.keyText(dim, rows[i].key[0]);
        series.points << QPointF(double(i), metricNumber(rows[i].sums, options.topMetric).value_or(0.0));
    }
    chart.series << series;
    report.charts << chart;
}

void addTimeChart(const AggregateResult& result, const ReportOptions& options, report::Report& report)
{
    const int dim = firstDimension(result, false);
    if (dim < 0 || !metricAvailable(result, options.timeMetric))
        return;
    report::Chart chart;
    chart.kind = report::ChartKind::Line;
    chart.title = QStringLiteral("%1 by %2").arg(metricTitle(options.timeMetric), result.dimensions[dim].name);
    chart.xTitle = result.dimensions[dim].name;
    chart.yTitle = metricTitle(options.timeMetric);
    chart.xIsTime = true;
    report::Series series { metricTitle(options.timeMetric), {} };
    for (const RollupRow& row : result.marginal(dim)) {
        const QDateTime time(toQDate(DayNumber(row.key[0])), QTime(0, 0), QTimeZone::utc());
        if (const std::optional<double> value = metricNumber(row.sums, options.timeMetric))
            series.points << QPointF(double(time.toMSecsSinceEpoch()), *value);
    }
    chart.series << series;
    report.charts << chart;
}

void addShareChart(const AggregateResult& result, const ReportOptions& options, report::Report& report)
{
    int dim = options.shareDimension;
    if (dim < 0 || dim >= result.dimensions.size()) {
        dim = -1;
        for (int d = int(result.dimensions.size()) - 1; d >= 0 && dim < 0; --d) {
            if (result.dimensions[d].kind == DimensionKind::Text)
                dim = d;
        }
    }
    const std::optional<double> total = metricNumber(result.total, options.shareMetric);
    if (dim < 0 || !metricAvailable(result, options.shareMetric) || options.shareMetric >= Metric::Ctr || !total
        || *total <= 0)
        return;
    std::vector<RollupRow> rows = result.marginal(dim);
    std::stable_sort(rows.begin(), rows.end(), [&](const RollupRow& a, const RollupRow& b) {
        return metricNumber(a.sums, options.shareMetric).value_or(0)
            > metricNumber(b.sums, options.shareMetric).value_or(0);
    });
    constexpr std::size_t kShown = 12;
    report::Chart chart;
    chart.kind = report::ChartKind::Bar;
    chart.title
        = QStringLiteral("Share of %1 by %2").arg(metricTitle(options.shareMetric), result.dimensions[dim].name);
    chart.xTitle = result.dimensions[dim].name;
    chart.yTitle = QStringLiteral("share of %1 (%)").arg(metricTitle(options.shareMetric).toLower());
    report::Series series { QStringLiteral("share (%)"), {} };
    double other = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const double share = 100.0 * metricNumber(rows[i].sums, options.shareMetric).value_or(0) / *total;
        if (i < kShown) {
            chart.categories << result.keyText(dim, rows[i].key[0]);
            series.points << QPointF(double(i), share);
        } else {
            other += share;
        }
    }
    if (rows.size() > kShown) {
        chart.categories << QStringLiteral("other (%1)").arg(rows.size() - kShown);
        series.points << QPointF(double(kShown), other);
    }
    chart.series << series;
    report.charts << chart;
}

QString mappingText(const ColumnMapping& mapping)
{
    QStringList parts;
    for (Role role : kAllRoles) {
        if (mapping.has(role))
            parts << QStringLiteral("%1 = %2").arg(roleKey(role), mapping.column(role));
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace

QList<Metric> allMetrics()
{
    QList<Metric> metrics;
    for (const MetricInfo& m : kMetrics)
        metrics << m.metric;
    return metrics;
}

QString metricKey(Metric metric)
{
    return QString::fromLatin1(info(metric).key);
}

QString metricTitle(Metric metric)
{
    return QString::fromLatin1(info(metric).title);
}

std::optional<Metric> metricFromKey(const QString& key)
{
    for (const MetricInfo& m : kMetrics) {
        if (key.compare(QLatin1String(m.key), Qt::CaseInsensitive) == 0)
            return m.metric;
    }
    return std::nullopt;
}

bool metricAvailable(const AggregateResult& result, Metric metric)
{
    switch (metric) {
    case Metric::Rows:
        return true;
    case Metric::Impressions:
        return has(result, Measure::Impressions);
    case Metric::Clicks:
        return has(result, Measure::Clicks);
    case Metric::Conversions:
        return has(result, Measure::Conversions);
    case Metric::Cost:
        return has(result, Measure::Cost);
    case Metric::Revenue:
        return has(result, Measure::Revenue);
    case Metric::Ctr:
        return has(result, Measure::Clicks) && has(result, Measure::Impressions);
    case Metric::Cvr:
        return has(result, Measure::Conversions) && has(result, Measure::Clicks);
    case Metric::Cpc:
        return has(result, Measure::Cost) && has(result, Measure::Clicks);
    case Metric::Cpa:
        return has(result, Measure::Cost) && has(result, Measure::Conversions);
    case Metric::Cpm:
        return has(result, Measure::Cost) && has(result, Measure::Impressions);
    case Metric::Roas:
        return has(result, Measure::Revenue) && has(result, Measure::Cost);
    }
    return false;
}

report::Column metricColumn(Metric metric)
{
    return { metricTitle(metric), info(metric).kind, info(metric).decimals };
}

QVariant metricValue(const Sums& s, Metric metric)
{
    switch (metric) {
    case Metric::Rows:
        return s.rows;
    case Metric::Impressions:
        return s[Measure::Impressions];
    case Metric::Clicks:
        return s[Measure::Clicks];
    case Metric::Conversions:
        return s[Measure::Conversions];
    case Metric::Cost:
        return s[Measure::Cost];
    case Metric::Revenue:
        return s[Measure::Revenue];
    case Metric::Ctr:
        return fraction(s[Measure::Clicks], s[Measure::Impressions]);
    case Metric::Cvr:
        return fraction(s[Measure::Conversions], s[Measure::Clicks]);
    case Metric::Cpc:
        return moneyRatio(s[Measure::Cost], s[Measure::Clicks]);
    case Metric::Cpa:
        return moneyRatio(s[Measure::Cost], s[Measure::Conversions]);
    case Metric::Cpm:
        return moneyRatio(s[Measure::Cost], s[Measure::Impressions], 1000);
    case Metric::Roas:
        return fraction(s[Measure::Revenue], s[Measure::Cost]);
    }
    return {};
}

std::optional<double> metricNumber(const Sums& sums, Metric metric)
{
    const QVariant value = metricValue(sums, metric);
    if (value.isNull())
        return std::nullopt;
    if (info(metric).kind == report::ColumnKind::Money)
        return toUnits(value.toLongLong());
    return value.toDouble();
}

report::Report buildAggregateReport(const AggregateResult& result, const ReportOptions& options)
{
    report::Report report;
    report.title = options.title.isEmpty() ? QStringLiteral("Campaign aggregation") : options.title;
    report.subtitle = QFileInfo(result.path).fileName();
    report.created = QDateTime::currentDateTimeUtc();

    const AggregateParams& p = result.params;
    auto& params = report.parameters;
    params << qMakePair(QStringLiteral("Source file"), result.path);
    params << qMakePair(
        QStringLiteral("Size"),
        QStringLiteral("%1 bytes%2")
            .arg(result.fileBytes)
            .arg(result.compressed ? QStringLiteral(" (gzip, %1 bytes of CSV)").arg(result.dataBytes) : QString()));
    params << qMakePair(QStringLiteral("Delimiter"), delimiterName(result.delimiter));
    params << qMakePair(QStringLiteral("Columns"), mappingText(result.mapping));
    if (result.mapping.has(Role::Date))
        params << qMakePair(QStringLiteral("Date format"), dateFormatTitle(result.mapping.dateFormat));
    else if (result.mapping.year > 0 && result.mapping.has(Role::Month))
        params << qMakePair(QStringLiteral("Year"), QString::number(result.mapping.year));
    QStringList dimensionNames;
    for (const Dimension& d : result.dimensions)
        dimensionNames << d.name;
    params << qMakePair(QStringLiteral("Group by"),
                        dimensionNames.isEmpty() ? QStringLiteral("(total only)")
                                                 : dimensionNames.join(QStringLiteral(", ")));
    if (p.from || p.to)
        params << qMakePair(QStringLiteral("Dates"),
                            QStringLiteral("%1 to %2")
                                .arg(p.from ? p.from->toString(Qt::ISODate) : QStringLiteral("start"),
                                     p.to ? p.to->toString(Qt::ISODate) : QStringLiteral("end")));
    for (const DimensionFilter& f : p.filters)
        params << qMakePair(QStringLiteral("Filter"),
                            QStringLiteral("%1 %2 %3")
                                .arg(f.dimension, f.exclude ? QStringLiteral("not in") : QStringLiteral("in"),
                                     f.values.join(QStringLiteral(", "))));
    params << qMakePair(QStringLiteral("Threads"),
                        QStringLiteral("%1 (%2 requested), %3 chunks")
                            .arg(result.threadsUsed)
                            .arg(result.threadsRequested)
                            .arg(result.chunks));
    params << qMakePair(
        QStringLiteral("Time"),
        QStringLiteral("%1 s, %2 MB/s of CSV")
            .arg(result.seconds, 0, 'f', 3)
            .arg(result.seconds > 0 ? double(result.dataBytes) / 1e6 / result.seconds : 0.0, 0, 'f', 0));

    const auto kpi = [&](const QString& name, const QVariant& value, report::Column format, const QString& note = {}) {
        report.kpis << report::Kpi { name, value, format, note };
    };
    kpi(QStringLiteral("Rows aggregated"), result.total.rows, metricColumn(Metric::Rows),
        QStringLiteral("of %1 read").arg(result.records));
    for (Metric metric : tableMetrics(result)) {
        if (metric != Metric::Rows)
            kpi(metricTitle(metric), metricValue(result.total, metric), metricColumn(metric));
    }
    kpi(QStringLiteral("Bad rows"), result.badRowCount, metricColumn(Metric::Rows),
        result.badRowCount > 0 ? QStringLiteral("skipped") : QString());

    const int dims = int(result.dimensions.size());
    if (dims > 0)
        report.tables << levelTable(result, result.rollup(), QStringLiteral("Rollup"), true);
    for (int level = dims; level >= 0; --level)
        report.tables << levelTable(result, result.level(level), byTitle(result, level), false);
    if (!result.badRows.isEmpty()) {
        report::Table bad;
        bad.title = QStringLiteral("Bad rows");
        bad.columns = { { QStringLiteral("line"), report::ColumnKind::Integer, 0 },
                        { QStringLiteral("column"), report::ColumnKind::Text, 0 },
                        { QStringLiteral("reason"), report::ColumnKind::Text, 0 } };
        for (const BadRow& row : result.badRows)
            bad.rows << report::Row { row.line, row.column.isEmpty() ? QVariant() : QVariant(row.column), row.reason };
        report.tables << bad;
    }

    addTopChart(result, options, report);
    addTimeChart(result, options, report);
    addShareChart(result, options, report);

    if (result.badRowCount > 0)
        report.notes << QStringLiteral("%1 of %2 rows were skipped as bad%3.")
                            .arg(result.badRowCount)
                            .arg(result.records)
                            .arg(result.badRowCount > result.badRows.size()
                                     ? QStringLiteral("; the first %1 are listed in the table \"Bad rows\"")
                                           .arg(result.badRows.size())
                                     : QStringLiteral("; they are listed in the table \"Bad rows\""));
    if (result.filteredOut > 0)
        report.notes << QStringLiteral("%1 good rows were outside the filters.").arg(result.filteredOut);
    for (int m = 0; m < kMeasureCount; ++m) {
        if (const qint64 empty = result.emptyValues[std::size_t(m)])
            report.notes << QStringLiteral("%1 empty %2 values were read as 0.")
                                .arg(empty)
                                .arg(measureTitle(Measure(m)).toLower());
    }
    for (Metric metric : { Metric::Impressions, Metric::Clicks, Metric::Conversions, Metric::Cost, Metric::Revenue }) {
        if (!metricAvailable(result, metric))
            report.notes << QStringLiteral("The file has no %1 column: %1 and the ratios built on it are left out.")
                                .arg(metricTitle(metric).toLower());
    }
    report.notes << QStringLiteral("Ratios with a zero denominator are empty (—). Money is summed exactly in "
                                   "micro-units; CPC, CPA and CPM are rounded to the micro-unit.");
    return report;
}

} // namespace bidlab::aggregate
