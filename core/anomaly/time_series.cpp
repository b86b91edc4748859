// SPDX-License-Identifier: MIT
#include "core/anomaly/time_series.h"

#include "core/common/csv_reader.h"

#include <cmath>

#include <QDateTime>
#include <QFile>
#include <QTimeZone>

namespace bidlab::anomaly {

namespace {

QString lower(std::string_view field)
{
    return QString::fromUtf8(field.data(), static_cast<qsizetype>(field.size())).trimmed().toLower();
}

struct Columns
{
    qsizetype time = 0;
    qsizetype value = 1;
    bool header = false;
};

// A header is a first row whose value column is not a number.
Columns findColumns(const std::vector<std::string_view>& first)
{
    Columns columns;
    columns.time = columns.value = -1;
    for (std::size_t i = 0; i < first.size(); ++i) {
        const QString name = lower(first[i]);
        if (columns.time < 0 && (name == QLatin1String("timestamp") || name == QLatin1String("time")))
            columns.time = static_cast<qsizetype>(i);
        else if (columns.value < 0 && name == QLatin1String("value"))
            columns.value = static_cast<qsizetype>(i);
    }
    if (columns.time >= 0 && columns.value >= 0) {
        columns.header = true;
        return columns;
    }
    columns.time = 0;
    columns.value = 1;
    columns.header = first.size() >= 2 && !csv::parseDouble(first[1]);
    return columns;
}

} // namespace

bool parseTimestamp(std::string_view text, qint64* msSinceEpoch)
{
    QString s = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())).trimmed();
    if (s.isEmpty())
        return false;
    if (const auto seconds = csv::parseDouble(text); seconds && std::isfinite(*seconds)) {
        *msSinceEpoch = static_cast<qint64>(std::llround(*seconds * 1000.0));
        return true;
    }
    if (s.size() > 10 && s.at(10) == QLatin1Char(' '))
        s[10] = QLatin1Char('T');
    QDateTime time = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!time.isValid())
        return false;
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeZone(QTimeZone::utc()); // naive timestamps are read as UTC, independent of the machine
    *msSinceEpoch = time.toMSecsSinceEpoch();
    return true;
}

Expected<TimeSeries> parseTimeSeriesCsv(std::string_view data, const QString& source)
{
    data = csv::skipBom(data);
    const std::size_t sampleEnd = std::min<std::size_t>(data.size(), 4096);
    csv::Reader reader(data, { csv::detectDelimiter(data.substr(0, sampleEnd)) });
    TimeSeries series;
    series.source = source;
    Columns columns;
    bool first = true;
    while (reader.next()) {
        const auto& fields = reader.fields();
        if (first) {
            first = false;
            columns = findColumns(fields);
            if (columns.header)
                continue;
        }
        const auto need = static_cast<std::size_t>(std::max(columns.time, columns.value));
        if (fields.size() <= need) {
            series.issues << QStringLiteral("%1, line %2: expected at least %3 fields, found %4; row skipped.")
                                 .arg(source)
                                 .arg(reader.line())
                                 .arg(need + 1)
                                 .arg(fields.size());
            continue;
        }
        qint64 ms = 0;
        const std::string_view timeField = fields[static_cast<std::size_t>(columns.time)];
        if (!parseTimestamp(timeField, &ms)) {
            series.issues << QStringLiteral("%1, line %2: '%3' is not a timestamp; row skipped.")
                                 .arg(source)
                                 .arg(reader.line())
                                 .arg(QString::fromUtf8(timeField.data(), static_cast<qsizetype>(timeField.size())));
            continue;
        }
        const std::string_view valueField = fields[static_cast<std::size_t>(columns.value)];
        const auto value = csv::parseDouble(valueField);
        if (!value || !std::isfinite(*value)) {
            series.issues << QStringLiteral("%1, line %2: value '%3' is not a finite number; row skipped.")
                                 .arg(source)
                                 .arg(reader.line())
                                 .arg(QString::fromUtf8(valueField.data(), static_cast<qsizetype>(valueField.size())));
            continue;
        }
        series.timesMs.push_back(ms);
        series.values.push_back(*value);
        series.timestampTexts
            << QString::fromUtf8(timeField.data(), static_cast<qsizetype>(timeField.size())).trimmed();
    }
    if (!reader.error().empty())
        return Error { QStringLiteral("%1: %2").arg(source, QString::fromStdString(reader.error())) };
    if (series.values.empty()) {
        QString why = QStringLiteral("%1 has no row with a timestamp and a numeric value.").arg(source);
        if (!series.issues.isEmpty())
            why += QLatin1Char(' ') + series.issues.first();
        return Error { why };
    }
    return series;
}

Expected<TimeSeries> readTimeSeriesCsv(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error { QStringLiteral("Cannot open '%1': %2.").arg(path, file.errorString()) };
    const QByteArray bytes = file.readAll();
    return parseTimeSeriesCsv(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())), path);
}

} // namespace bidlab::anomaly
