// SPDX-License-Identifier: MIT
#include "core/aggregate/aggregate_options.h"

#include "core/aggregate/file_layout.h"

#include <QCommandLineParser>

namespace bidlab::aggregate {

namespace {

Expected<QDate> dateOption(const QCommandLineParser& parser, const QString& name)
{
    const QDate date = QDate::fromString(parser.value(name), Qt::ISODate);
    if (!date.isValid())
        return Error { QStringLiteral("--%1: expected a date as YYYY-MM-DD, got '%2'.").arg(name, parser.value(name)) };
    return date;
}

Expected<Metric> metricOption(const QCommandLineParser& parser, const QString& name, Metric fallback)
{
    if (!parser.isSet(name))
        return fallback;
    if (const std::optional<Metric> metric = metricFromKey(parser.value(name)))
        return *metric;
    QStringList keys;
    for (Metric m : allMetrics())
        keys << metricKey(m);
    return Error { QStringLiteral("--%1: unknown metric '%2' (metrics: %3).")
                       .arg(name, parser.value(name), keys.join(QStringLiteral(", "))) };
}

} // namespace

void addAggregateOptions(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The CSV or .csv.gz file."));
    parser.addOptions({
        { QStringLiteral("group-by"),
          QStringLiteral("Dimensions in order: campaign, device, placement, date, week, month, or column names "
                         "(default: campaign; \"\" for the total only)."),
          QStringLiteral("LIST") },
        { QStringLiteral("map"),
          QStringLiteral("Column of a role, e.g. cost=\"Spend [USD]\" (roles: campaign, device, placement, date, "
                         "month, day, impressions, clicks, conversions, cost, revenue; an empty column unmaps). "
                         "Repeatable."),
          QStringLiteral("ROLE=COLUMN") },
        { QStringLiteral("no-guess"), QStringLiteral("Do not guess the mapping from the header; use --map only.") },
        { QStringLiteral("date-format"), QStringLiteral("auto, iso, ymd, dmy, mdy or compact (default auto)."),
          QStringLiteral("FORMAT") },
        { QStringLiteral("year"), QStringLiteral("The year of month/day columns in files without one."),
          QStringLiteral("YEAR") },
        { QStringLiteral("delimiter"), QStringLiteral("',', ';', tab, '|' (default: detected)."),
          QStringLiteral("CHAR") },
        { QStringLiteral("from"), QStringLiteral("First day (YYYY-MM-DD)."), QStringLiteral("DATE") },
        { QStringLiteral("to"), QStringLiteral("Last day (YYYY-MM-DD)."), QStringLiteral("DATE") },
        { QStringLiteral("filter"),
          QStringLiteral("Keep rows with these values, e.g. device=mobile,tablet. Repeatable."),
          QStringLiteral("DIM=VALUES") },
        { QStringLiteral("exclude"), QStringLiteral("Drop rows with these values. Repeatable."),
          QStringLiteral("DIM=VALUES") },
        { QStringLiteral("threads"), QStringLiteral("Scanning threads (default: the cores)."), QStringLiteral("N") },
        { QStringLiteral("chunk-bytes"), QStringLiteral("Bytes per chunk (default: chosen from the size)."),
          QStringLiteral("N") },
    });
}

void addReportOptions(QCommandLineParser& parser)
{
    parser.addOptions({
        { QStringLiteral("title"), QStringLiteral("The report's title."), QStringLiteral("TEXT") },
        { QStringLiteral("top-metric"), QStringLiteral("Metric of the top-N chart (default cost)."),
          QStringLiteral("METRIC") },
        { QStringLiteral("top"), QStringLiteral("How many groups the top-N chart shows (default 10)."),
          QStringLiteral("N") },
        { QStringLiteral("time-metric"), QStringLiteral("Metric of the chart over time (default clicks)."),
          QStringLiteral("METRIC") },
        { QStringLiteral("share-by"), QStringLiteral("Dimension of the share chart (default: the last text one)."),
          QStringLiteral("DIM") },
        { QStringLiteral("share-metric"), QStringLiteral("Metric of the share chart (default impressions)."),
          QStringLiteral("METRIC") },
    });
}

QStringList splitList(const QString& text)
{
    QStringList out;
    for (const QString& part : text.split(QLatin1Char(','))) {
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    }
    return out;
}

Expected<DimensionFilter> parseFilter(const QString& text, bool exclude)
{
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    if (eq <= 0)
        return Error { QStringLiteral("--%1: expected DIMENSION=VALUE[,VALUE...], got '%2'.")
                           .arg(exclude ? QStringLiteral("exclude") : QStringLiteral("filter"), text) };
    return DimensionFilter { text.left(eq).trimmed(), text.mid(eq + 1).split(QLatin1Char(',')), exclude };
}

Expected<AggregateParams> aggregateParamsFrom(const QCommandLineParser& parser, const QString& path)
{
    AggregateParams params;
    params.path = path;
    if (parser.isSet(QStringLiteral("delimiter"))) {
        const std::optional<char> d = delimiterFromText(parser.value(QStringLiteral("delimiter")));
        if (!d)
            return Error { QStringLiteral("--delimiter: expected one character or tab, got '%1'.")
                               .arg(parser.value(QStringLiteral("delimiter"))) };
        params.delimiter = *d;
    }
    if (!parser.isSet(QStringLiteral("no-guess"))) {
        const Expected<FileLayout> layout = inspectFile(path, params.delimiter, 0);
        if (!layout)
            return Error { layout.error() };
        params.mapping = guessMapping(layout->headers);
    }
    for (const QString& entry : parser.values(QStringLiteral("map"))) {
        const qsizetype eq = entry.indexOf(QLatin1Char('='));
        const std::optional<Role> role = eq > 0 ? roleFromKey(entry.left(eq).trimmed()) : std::nullopt;
        if (!role)
            return Error { QStringLiteral("--map: expected ROLE=COLUMN with a known role, got '%1'.").arg(entry) };
        params.mapping.setColumn(*role, entry.mid(eq + 1).trimmed());
        if (*role == Role::Date && params.mapping.has(Role::Date)) {
            params.mapping.setColumn(Role::Month, {});
            params.mapping.setColumn(Role::Day, {});
        }
    }
    if (parser.isSet(QStringLiteral("date-format"))) {
        const std::optional<DateFormat> format = dateFormatFromKey(parser.value(QStringLiteral("date-format")));
        if (!format)
            return Error { QStringLiteral("--date-format: expected auto, iso, ymd, dmy, mdy or compact, got '%1'.")
                               .arg(parser.value(QStringLiteral("date-format"))) };
        params.mapping.dateFormat = *format;
    }
    if (parser.isSet(QStringLiteral("year"))) {
        bool ok = false;
        params.mapping.year = parser.value(QStringLiteral("year")).toInt(&ok);
        if (!ok || params.mapping.year < 1 || params.mapping.year > 9999)
            return Error { QStringLiteral("--year: expected a year from 1 to 9999, got '%1'.")
                               .arg(parser.value(QStringLiteral("year"))) };
    }
    params.dimensions = parser.isSet(QStringLiteral("group-by")) ? splitList(parser.value(QStringLiteral("group-by")))
                                                                 : QStringList { QStringLiteral("campaign") };
    for (const QString& name : { QStringLiteral("from"), QStringLiteral("to") }) {
        if (!parser.isSet(name))
            continue;
        const Expected<QDate> date = dateOption(parser, name);
        if (!date)
            return Error { date.error() };
        (name == QLatin1String("from") ? params.from : params.to) = *date;
    }
    for (const bool exclude : { false, true }) {
        for (const QString& entry : parser.values(exclude ? QStringLiteral("exclude") : QStringLiteral("filter"))) {
            const Expected<DimensionFilter> filter = parseFilter(entry, exclude);
            if (!filter)
                return Error { filter.error() };
            params.filters << *filter;
        }
    }
    if (parser.isSet(QStringLiteral("threads"))) {
        bool ok = false;
        params.threads = parser.value(QStringLiteral("threads")).toInt(&ok);
        if (!ok || params.threads < 1 || params.threads > 256)
            return Error {
                QStringLiteral("--threads: expected 1 to 256, got '%1'.").arg(parser.value(QStringLiteral("threads")))
            };
    }
    if (parser.isSet(QStringLiteral("chunk-bytes"))) {
        bool ok = false;
        params.chunkBytes = parser.value(QStringLiteral("chunk-bytes")).toLongLong(&ok);
        if (!ok || params.chunkBytes < 1)
            return Error { QStringLiteral("--chunk-bytes: expected a positive number, got '%1'.")
                               .arg(parser.value(QStringLiteral("chunk-bytes"))) };
    }
    return params;
}

Expected<ReportOptions> reportOptionsFrom(const QCommandLineParser& parser, const QStringList& dimensions)
{
    ReportOptions options;
    options.title = parser.value(QStringLiteral("title"));
    const Expected<Metric> top = metricOption(parser, QStringLiteral("top-metric"), options.topMetric);
    const Expected<Metric> time = metricOption(parser, QStringLiteral("time-metric"), options.timeMetric);
    const Expected<Metric> share = metricOption(parser, QStringLiteral("share-metric"), options.shareMetric);
    for (const Expected<Metric>* m : { &top, &time, &share }) {
        if (!*m)
            return Error { m->error() };
    }
    options.topMetric = *top;
    options.timeMetric = *time;
    options.shareMetric = *share;
    if (parser.isSet(QStringLiteral("top"))) {
        bool ok = false;
        options.topCount = parser.value(QStringLiteral("top")).toInt(&ok);
        if (!ok || options.topCount < 1 || options.topCount > 100)
            return Error {
                QStringLiteral("--top: expected 1 to 100, got '%1'.").arg(parser.value(QStringLiteral("top")))
            };
    }
    if (parser.isSet(QStringLiteral("share-by"))) {
        options.shareDimension = int(dimensions.indexOf(parser.value(QStringLiteral("share-by"))));
        if (options.shareDimension < 0)
            return Error { QStringLiteral("--share-by: '%1' is not one of the --group-by dimensions (%2).")
                               .arg(parser.value(QStringLiteral("share-by")), dimensions.join(QStringLiteral(", "))) };
    }
    return options;
}

} // namespace bidlab::aggregate
