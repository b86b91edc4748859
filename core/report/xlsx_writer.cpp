// SPDX-License-Identifier: MIT
#include "core/common/atomic_file.h"
#include "core/report/cell_value.h"
#include "core/report/report_writers.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <xlsxwriter.h>

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QSet>

// The workbook a person opens in Excel or LibreOffice: typed cells (numbers stay numbers, dates are dates),
// a Summary sheet first, one sheet per table, and native charts fed from a data sheet, so that a chart can
// be restyled or its data reused without BidLab.
namespace bidlab::report {

namespace {

constexpr int kMaxSheetName = LXW_SHEETNAME_MAX; // 31
constexpr lxw_row_t kMaxDataRows = LXW_ROW_MAX - 1; // one row is the header
constexpr lxw_col_t kMaxColumns = LXW_COL_MAX;
constexpr int kMaxCellText = 32767; // Excel's limit on the characters of one cell
constexpr lxw_color_t kHeaderFill = 0xDCE6F1; // light blue, prints well in grey too
constexpr lxw_color_t kMutedText = 0x595959;
constexpr qsizetype kWidthSampleRows = 2000; // column widths are fitted to the first rows only
constexpr double kChartScale = 1.5; // native charts at 720 x 432 pixels
constexpr lxw_row_t kRowsPerChart = 23; // 432 pixels at 20 pixels a row, plus a gap

const QString kSummarySheet = QStringLiteral("Summary");
const QString kChartsSheet = QStringLiteral("Charts");
const QString kChartDataSheet = QStringLiteral("Chart data");

using detail::toFiniteDouble;
using detail::toInt64;

// "0.00", "#,##0.000": `base` followed by the wanted number of decimal places.
QByteArray withDecimals(const char* base, int decimals)
{
    QByteArray format(base);
    if (decimals > 0)
        format += '.' + QByteArray(std::min(decimals, 15), '0');
    return format;
}

// Excel's number format for a column kind.
QByteArray numberFormatFor(const Column& column)
{
    switch (column.kind) {
    case ColumnKind::Text:
        return {};
    case ColumnKind::Integer:
        return "#,##0";
    case ColumnKind::Decimal:
        return withDecimals("0", column.decimals);
    case ColumnKind::Money:
        return withDecimals("#,##0", column.decimals);
    case ColumnKind::Percent:
        return withDecimals("0", column.decimals) + '%';
    case ColumnKind::Date:
        return "yyyy-mm-dd";
    case ColumnKind::DateTime:
        return "yyyy-mm-dd hh:mm:ss";
    }
    return {};
}

// Excel's date-time serial numbers start in 1900 and end in 9999; anything else is written as text.
bool excelCanHold(const QDate& date)
{
    return date.isValid() && date.year() >= 1900 && date.year() <= 9999;
}

lxw_datetime toLxw(const QDateTime& utc)
{
    const QDate date = utc.date();
    const QTime time = utc.time();
    return lxw_datetime { date.year(), date.month(),  date.day(),
                          time.hour(), time.minute(), time.second() + time.msec() / 1000.0 };
}

// A sheet name Excel accepts: at most 31 characters, none of []:*?/\, no apostrophe at either end, not
// "History" (reserved), and unique ignoring case. `fallback` names a table without a title.
QString sanitizeSheetName(const QString& wanted, const QString& fallback, QSet<QString>& used)
{
    QString name;
    for (const QChar c : wanted) {
        static const QString forbidden = QStringLiteral("[]:*?/\\");
        name += forbidden.contains(c) || c.category() == QChar::Other_Control ? QLatin1Char('_') : c;
    }
    name = name.simplified();
    while (name.startsWith(QLatin1Char('\'')))
        name.remove(0, 1);
    while (name.endsWith(QLatin1Char('\'')))
        name.chop(1);
    if (name.isEmpty())
        name = fallback;
    if (name.compare(QLatin1String("History"), Qt::CaseInsensitive) == 0)
        name += QLatin1Char('_');

    // Truncates without splitting a surrogate pair, and keeps no trailing space or apostrophe.
    const auto truncated = [](QString text, qsizetype length) {
        if (text.size() <= length)
            return text;
        text.truncate(text.at(length - 1).isHighSurrogate() ? length - 1 : length);
        while (text.endsWith(QLatin1Char(' ')) || text.endsWith(QLatin1Char('\'')))
            text.chop(1);
        return text;
    };
    QString candidate = truncated(name, kMaxSheetName);
    for (int n = 2; used.contains(candidate.toCaseFolded()); ++n) {
        const QString suffix = QStringLiteral(" (%1)").arg(n);
        candidate = truncated(name, kMaxSheetName - suffix.size()) + suffix;
    }
    used.insert(candidate.toCaseFolded());
    return candidate;
}

// Builds the workbook's content. libxlsxwriter reports most failures by return value: the first one is kept
// and makes the whole export fail (the temporary file is then removed).
class WorkbookBuilder
{
public:
    WorkbookBuilder(lxw_workbook* workbook, const Report& report)
        : m_workbook(workbook)
        , m_report(report)
    { }

    void build()
    {
        createFormats();
        setProperties();
        // Reserve the fixed sheets' names first so that no table takes them.
        m_usedNames = { kSummarySheet.toCaseFolded() };
        if (!m_report.charts.isEmpty())
            m_usedNames += { kChartsSheet.toCaseFolded(), kChartDataSheet.toCaseFolded() };
        lxw_worksheet* summary = addSheet(kSummarySheet);
        for (qsizetype i = 0; i < m_report.tables.size(); ++i) {
            const Table& table = m_report.tables[i];
            const QString fallback = QCoreApplication::translate("bidlab", "Table %1").arg(i + 1);
            writeTableSheet(table, sanitizeSheetName(table.title, fallback, m_usedNames));
        }
        if (!m_report.charts.isEmpty())
            writeCharts();
        // The summary comes last so that it can list what the other sheets had to leave out.
        if (summary)
            writeSummary(summary);
    }

    lxw_error error() const { return m_error; }

private:
    void check(lxw_error error)
    {
        if (error != LXW_NO_ERROR && m_error == LXW_NO_ERROR)
            m_error = error;
    }

    lxw_worksheet* addSheet(const QString& name)
    {
        lxw_worksheet* sheet = workbook_add_worksheet(m_workbook, name.toUtf8().constData());
        if (!sheet)
            check(LXW_ERROR_PARAMETER_VALIDATION);
        return sheet;
    }

    void createFormats()
    {
        m_title = workbook_add_format(m_workbook);
        format_set_bold(m_title);
        format_set_font_size(m_title, 16);
        m_subtitle = workbook_add_format(m_workbook);
        format_set_italic(m_subtitle);
        format_set_font_color(m_subtitle, kMutedText);
        m_bold = workbook_add_format(m_workbook);
        format_set_bold(m_bold);
        m_header = workbook_add_format(m_workbook);
        format_set_bold(m_header);
        format_set_pattern(m_header, LXW_PATTERN_SOLID);
        format_set_bg_color(m_header, kHeaderFill);
        format_set_bottom(m_header, LXW_BORDER_THIN);
        m_created = workbook_add_format(m_workbook);
        format_set_num_format(m_created, "yyyy-mm-dd hh:mm:ss \"UTC\"");
        format_set_align(m_created, LXW_ALIGN_LEFT);
    }

    // One format per distinct number format, shared by all the cells that use it.
    lxw_format* formatFor(const Column& column)
    {
        const QByteArray code = numberFormatFor(column);
        if (code.isEmpty())
            return nullptr;
        auto it = m_numberFormats.find(code);
        if (it == m_numberFormats.end()) {
            lxw_format* format = workbook_add_format(m_workbook);
            format_set_num_format(format, code.constData());
            it = m_numberFormats.insert(code, format);
        }
        return it.value();
    }

    void setProperties()
    {
        QByteArray title = m_report.title.toUtf8();
        QByteArray subject = m_report.subtitle.toUtf8();
        QByteArray author = QByteArrayLiteral("BidLab");
        lxw_doc_properties properties {};
        properties.title = title.data();
        properties.subject = subject.data();
        properties.author = author.data();
        if (m_report.created.isValid())
            properties.created = time_t(m_report.created.toSecsSinceEpoch());
        check(workbook_set_properties(m_workbook, &properties));
    }

    void writeText(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const QString& text, lxw_format* format)
    {
        check(worksheet_write_string(sheet, row, col, text.left(kMaxCellText).toUtf8().constData(), format));
    }

    // One typed cell. An empty value, or one that does not fit its column's kind, is left blank.
    void writeCell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const QVariant& value, const Column& column,
                   lxw_format* format)
    {
        if (value.isNull() || !value.isValid())
            return;
        switch (column.kind) {
        case ColumnKind::Text:
            writeText(sheet, row, col, value.toString(), format);
            return;
        case ColumnKind::Integer:
            if (const auto number = toInt64(value))
                check(worksheet_write_number(sheet, row, col, double(*number), format));
            return;
        case ColumnKind::Decimal:
        case ColumnKind::Percent: // the fraction: Excel's "%" format multiplies by 100 for display
            if (const auto number = toFiniteDouble(value))
                check(worksheet_write_number(sheet, row, col, *number, format));
            return;
        case ColumnKind::Money: // micros as currency units
            if (const auto micros = toInt64(value))
                check(worksheet_write_number(sheet, row, col, double(*micros) / 1e6, format));
            return;
        case ColumnKind::Date: {
            const QDate date
                = value.typeId() == QMetaType::QDateTime ? value.toDateTime().toUTC().date() : value.toDate();
            writeDateTime(sheet, row, col, date.startOfDay(Qt::UTC), Qt::ISODate, format);
            return;
        }
        case ColumnKind::DateTime:
            writeDateTime(sheet, row, col, value.toDateTime().toUTC(), Qt::ISODateWithMs, format);
            return;
        }
    }

    void writeDateTime(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const QDateTime& utc,
                       Qt::DateFormat textForm, lxw_format* format)
    {
        if (!utc.isValid())
            return;
        if (!excelCanHold(utc.date())) {
            const QString text = textForm == Qt::ISODate ? utc.date().toString(Qt::ISODate) : utc.toString(textForm);
            writeText(sheet, row, col, text, nullptr);
            return;
        }
        lxw_datetime datetime = toLxw(utc);
        check(worksheet_write_datetime(sheet, row, col, &datetime, format));
    }

    // A bold header row with a light fill.
    void writeHeader(lxw_worksheet* sheet, lxw_row_t row, const QStringList& names)
    {
        for (qsizetype c = 0; c < names.size(); ++c)
            writeText(sheet, row, lxw_col_t(c), names[c], m_header);
    }

    // Characters to column width: Excel's unit is about one digit of the default font.
    static double widthFor(qsizetype characters) { return std::clamp(double(characters) * 1.1 + 2.0, 8.0, 60.0); }

    void writeTableSheet(const Table& table, const QString& name)
    {
        lxw_worksheet* sheet = addSheet(name);
        if (!sheet)
            return;
        const auto columnCount = lxw_col_t(std::min<qsizetype>(table.columns.size(), kMaxColumns));
        if (columnCount == 0)
            return;
        const auto rowCount = lxw_row_t(std::min<qsizetype>(table.rows.size(), kMaxDataRows));
        if (qsizetype(rowCount) < table.rows.size()) {
            m_notes << QCoreApplication::translate("bidlab",
                                                   "The table '%1' has %2 rows; its sheet holds the first %3, "
                                                   "Excel's limit.")
                           .arg(table.title)
                           .arg(table.rows.size())
                           .arg(rowCount);
        }

        QStringList names;
        for (lxw_col_t c = 0; c < columnCount; ++c)
            names << table.columns[c].name;
        writeHeader(sheet, 0, names);

        QList<lxw_format*> formats;
        for (lxw_col_t c = 0; c < columnCount; ++c)
            formats << formatFor(table.columns[c]);
        for (lxw_row_t r = 0; r < rowCount; ++r) {
            const Row& row = table.rows[r];
            const auto cells = lxw_col_t(std::min<qsizetype>(row.size(), columnCount));
            for (lxw_col_t c = 0; c < cells; ++c)
                writeCell(sheet, r + 1, c, row[c], table.columns[c], formats[c]);
        }

        fitColumns(sheet, table, columnCount);
        worksheet_freeze_panes(sheet, 1, 0);
        check(worksheet_autofilter(sheet, 0, 0, rowCount, columnCount - 1));
    }

    // Widths from the header (plus room for the filter button) and the displayed text of the first rows.
    void fitColumns(lxw_worksheet* sheet, const Table& table, lxw_col_t columnCount)
    {
        const qsizetype sampled = std::min(table.rows.size(), kWidthSampleRows);
        for (lxw_col_t c = 0; c < columnCount; ++c) {
            const Column& column = table.columns[c];
            qsizetype characters = column.name.size() + 3;
            for (qsizetype r = 0; r < sampled; ++r) {
                if (qsizetype(c) < table.rows[r].size()) {
                    // Excel adds thousands separators to integers and money: a third more characters at most.
                    const qsizetype shown = formatCell(table.rows[r][c], column).size();
                    const bool grouped = column.kind == ColumnKind::Integer || column.kind == ColumnKind::Money;
                    characters = std::max(characters, grouped ? shown + shown / 3 : shown);
                }
            }
            check(worksheet_set_column(sheet, c, c, widthFor(characters), nullptr));
        }
    }

    // Title, subtitle, creation time, parameters, key figures and notes, top to bottom.
    void writeSummary(lxw_worksheet* sheet)
    {
        lxw_row_t row = 0;
        writeText(sheet, row++, 0, m_report.title, m_title);
        if (!m_report.subtitle.isEmpty())
            writeText(sheet, row++, 0, m_report.subtitle, m_subtitle);
        if (m_report.created.isValid()) {
            writeText(sheet, row, 0, QCoreApplication::translate("bidlab", "Created"), m_bold);
            writeDateTime(sheet, row++, 1, m_report.created.toUTC(), Qt::ISODate, m_created);
        }
        qsizetype widthA = 12, widthB = 20, widthC = 12;

        if (!m_report.parameters.isEmpty()) {
            ++row;
            writeHeader(
                sheet, row++,
                { QCoreApplication::translate("bidlab", "Parameter"), QCoreApplication::translate("bidlab", "Value") });
            for (const auto& [name, value] : m_report.parameters) {
                writeText(sheet, row, 0, name, nullptr);
                writeText(sheet, row++, 1, value, nullptr);
                widthA = std::max(widthA, name.size());
                widthB = std::max(widthB, value.size());
            }
        }

        if (!m_report.kpis.isEmpty()) {
            ++row;
            writeHeader(sheet, row++,
                        { QCoreApplication::translate("bidlab", "Key figure"),
                          QCoreApplication::translate("bidlab", "Value"),
                          QCoreApplication::translate("bidlab", "Note") });
            for (const Kpi& kpi : m_report.kpis) {
                writeText(sheet, row, 0, kpi.name, nullptr);
                writeCell(sheet, row, 1, kpi.value, kpi.format, formatFor(kpi.format));
                if (!kpi.note.isEmpty())
                    writeText(sheet, row, 2, kpi.note, nullptr);
                ++row;
                widthA = std::max(widthA, kpi.name.size());
                widthB = std::max(widthB, formatCell(kpi.value, kpi.format).size() + 4);
                widthC = std::max(widthC, kpi.note.size());
            }
        }

        const QStringList notes = m_report.notes + m_notes;
        if (!notes.isEmpty()) {
            ++row;
            writeHeader(sheet, row++, { QCoreApplication::translate("bidlab", "Notes") });
            for (const QString& note : notes)
                writeText(sheet, row++, 0, note, nullptr);
        }

        check(worksheet_set_column(sheet, 0, 0, widthFor(widthA), nullptr));
        check(worksheet_set_column(sheet, 1, 1, widthFor(widthB), nullptr));
        check(worksheet_set_column(sheet, 2, 2, widthFor(widthC), nullptr));
        worksheet_activate(sheet);
        worksheet_set_first_sheet(sheet);
    }

    // --- charts -------------------------------------------------------------------------------------------

    // Where a series' numbers are on the data sheet.
    struct SeriesRange
    {
        lxw_col_t xColumn = 0; // categories or x values
        lxw_col_t yColumn = 0;
        lxw_row_t firstRow = 0;
        lxw_row_t lastRow = 0;
        lxw_row_t nameRow = 0; // the header cell that holds the series' name
    };

    static bool sameX(const Chart& chart)
    {
        for (const Series& series : chart.series) {
            if (series.points.size() != chart.series.front().points.size())
                return false;
            for (qsizetype i = 0; i < series.points.size(); ++i) {
                if (series.points[i].x() != chart.series.front().points[i].x())
                    return false;
            }
        }
        return true;
    }

    // Excel's chart type for a report chart. Line charts become Excel line charts when every series shares
    // the same x values (written once as categories). Time series and series with x values of their own
    // become XY charts drawn with straight lines: Excel line charts space categories evenly, and their
    // automatic date axis (libxlsxwriter 1.1 cannot turn it off) would gather a day's points into one.
    static uint8_t lxwTypeFor(const Chart& chart)
    {
        switch (chart.kind) {
        case ChartKind::Bar:
            return LXW_CHART_COLUMN;
        case ChartKind::Scatter:
            return LXW_CHART_SCATTER;
        case ChartKind::Line:
            return !chart.xIsTime && sameX(chart) ? LXW_CHART_LINE : LXW_CHART_SCATTER_STRAIGHT;
        }
        return LXW_CHART_LINE;
    }

    static bool hasPoints(const Chart& chart)
    {
        return std::any_of(chart.series.cbegin(), chart.series.cend(),
                           [](const Series& s) { return !s.points.isEmpty(); });
    }

    // Excel serial date of milliseconds since the Unix epoch (UTC).
    static double excelTime(double msecs) { return msecs / 86'400'000.0 + 25569.0; }

    void writeNumber(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, double value, lxw_format* format)
    {
        if (std::isfinite(value))
            check(worksheet_write_number(sheet, row, col, value, format));
    }

    // A y value as written to the data sheet: left blank when it cannot be drawn (NaN, or not positive on a
    // logarithmic axis), so that Excel leaves a gap.
    static double plotted(const Chart& chart, double y)
    {
        return chart.logY && y <= 0 ? std::numeric_limits<double>::quiet_NaN() : y;
    }

    // Bar charts: a category column, then one value column per series (x is the category index).
    QList<SeriesRange> writeBarData(lxw_worksheet* data, const Chart& chart, lxw_col_t first, lxw_row_t header)
    {
        qsizetype categoryCount = chart.categories.size();
        for (const Series& series : chart.series) {
            for (const QPointF& p : series.points)
                categoryCount = std::max<qsizetype>(categoryCount, qsizetype(std::llround(p.x())) + 1);
        }
        writeText(data, header, first, QCoreApplication::translate("bidlab", "Category"), m_header);
        for (qsizetype i = 0; i < categoryCount; ++i) {
            const QString label = i < chart.categories.size() ? chart.categories[i] : QString::number(i + 1);
            writeText(data, header + 1 + lxw_row_t(i), first, label, nullptr);
        }
        QList<SeriesRange> ranges;
        for (qsizetype s = 0; s < chart.series.size(); ++s) {
            const Series& series = chart.series[s];
            const lxw_col_t column = first + 1 + lxw_col_t(s);
            writeText(data, header, column, series.name, m_header);
            for (const QPointF& p : series.points) {
                const qint64 index = std::llround(p.x());
                if (index >= 0 && index < categoryCount)
                    writeNumber(data, header + 1 + lxw_row_t(index), column, plotted(chart, p.y()), nullptr);
            }
            if (categoryCount > 0)
                ranges << SeriesRange { first, column, header + 1, header + lxw_row_t(categoryCount), header };
        }
        return ranges;
    }

    // Line charts with shared x values: the x column once, then one y column per series.
    QList<SeriesRange> writeSharedXData(lxw_worksheet* data, const Chart& chart, lxw_col_t first, lxw_row_t header)
    {
        const QString xTitle = chart.xTitle.isEmpty() ? QStringLiteral("x") : chart.xTitle;
        writeText(data, header, first, xTitle, m_header);
        const QList<QPointF>& xs = chart.series.front().points;
        for (qsizetype i = 0; i < xs.size(); ++i)
            writeNumber(data, header + 1 + lxw_row_t(i), first, xs[i].x(), nullptr);
        QList<SeriesRange> ranges;
        for (qsizetype s = 0; s < chart.series.size(); ++s) {
            const lxw_col_t column = first + 1 + lxw_col_t(s);
            writeText(data, header, column, chart.series[s].name, m_header);
            const QList<QPointF>& points = chart.series[s].points;
            for (qsizetype i = 0; i < points.size(); ++i)
                writeNumber(data, header + 1 + lxw_row_t(i), column, plotted(chart, points[i].y()), nullptr);
            if (!points.isEmpty())
                ranges << SeriesRange { first, column, header + 1, header + lxw_row_t(points.size()), header };
        }
        return ranges;
    }

    // XY charts: an x column and a y column per series (times as Excel dates).
    QList<SeriesRange> writeXyData(lxw_worksheet* data, const Chart& chart, lxw_col_t first, lxw_row_t header)
    {
        lxw_format* timeFormat = chart.xIsTime ? formatFor(Column { {}, ColumnKind::DateTime, 0 }) : nullptr;
        QList<SeriesRange> ranges;
        for (qsizetype s = 0; s < chart.series.size(); ++s) {
            const Series& series = chart.series[s];
            const lxw_col_t xColumn = first + 2 * lxw_col_t(s);
            const QString xTitle = chart.xTitle.isEmpty() ? QStringLiteral("x") : chart.xTitle;
            writeText(data, header, xColumn, xTitle, m_header);
            writeText(data, header, xColumn + 1, series.name, m_header);
            for (qsizetype i = 0; i < series.points.size(); ++i) {
                const QPointF& p = series.points[i];
                const auto row = header + 1 + lxw_row_t(i);
                writeNumber(data, row, xColumn, chart.xIsTime ? excelTime(p.x()) : p.x(), timeFormat);
                writeNumber(data, row, xColumn + 1, plotted(chart, p.y()), nullptr);
            }
            if (!series.points.isEmpty()) {
                ranges << SeriesRange { xColumn, lxw_col_t(xColumn + 1), header + 1,
                                        header + lxw_row_t(series.points.size()), header };
            }
        }
        return ranges;
    }

    // Every chart's numbers side by side on the data sheet (a title row, a header row, then the values; a
    // blank column between charts), and a native chart for each on the Charts sheet.
    void writeCharts()
    {
        lxw_worksheet* charts = addSheet(kChartsSheet);
        lxw_worksheet* data = addSheet(kChartDataSheet);
        if (!charts || !data)
            return;
        const QByteArray dataName = kChartDataSheet.toUtf8();
        lxw_col_t nextColumn = 0;
        lxw_row_t nextChartRow = 0;
        for (const Chart& chart : m_report.charts) {
            if (!hasPoints(chart)) {
                writeText(charts, nextChartRow++, 0,
                          QCoreApplication::translate("bidlab", "The chart '%1' has no data.").arg(chart.title),
                          nullptr);
                continue;
            }
            const uint8_t type = lxwTypeFor(chart);
            const lxw_col_t first = nextColumn;
            writeText(data, 0, first, chart.title, m_bold);
            const QList<SeriesRange> ranges = type == LXW_CHART_COLUMN ? writeBarData(data, chart, first, 1)
                : type == LXW_CHART_LINE                               ? writeSharedXData(data, chart, first, 1)
                                                                       : writeXyData(data, chart, first, 1);
            lxw_col_t lastColumn = first;
            for (const SeriesRange& range : ranges)
                lastColumn = std::max(lastColumn, range.yColumn);
            nextColumn = lastColumn + 2;
            check(worksheet_set_column(data, first, lastColumn, 14, nullptr));

            lxw_chart* native = workbook_add_chart(m_workbook, type);
            if (!native) {
                check(LXW_ERROR_MEMORY_MALLOC_FAILED);
                return;
            }
            for (const SeriesRange& range : ranges) {
                lxw_chart_series* series = chart_add_series(native, nullptr, nullptr);
                chart_series_set_categories(series, dataName.constData(), range.firstRow, range.xColumn, range.lastRow,
                                            range.xColumn);
                chart_series_set_values(series, dataName.constData(), range.firstRow, range.yColumn, range.lastRow,
                                        range.yColumn);
                chart_series_set_name_range(series, dataName.constData(), range.nameRow, range.yColumn);
            }
            styleChart(native, chart, type);
            lxw_chart_options options {};
            options.x_scale = kChartScale;
            options.y_scale = kChartScale;
            check(worksheet_insert_chart_opt(charts, nextChartRow, 0, native, &options));
            nextChartRow += kRowsPerChart;
        }
    }

    void styleChart(lxw_chart* native, const Chart& chart, uint8_t type)
    {
        if (!chart.title.isEmpty())
            chart_title_set_name(native, chart.title.toUtf8().constData());
        if (!chart.xTitle.isEmpty())
            chart_axis_set_name(native->x_axis, chart.xTitle.toUtf8().constData());
        if (!chart.yTitle.isEmpty())
            chart_axis_set_name(native->y_axis, chart.yTitle.toUtf8().constData());
        if (chart.logY)
            chart_axis_set_log_base(native->y_axis, 10);
        if (chart.xIsTime && type != LXW_CHART_COLUMN)
            chart_axis_set_num_format(native->x_axis, "yyyy-mm-dd hh:mm");
        const bool named = std::any_of(chart.series.cbegin(), chart.series.cend(),
                                       [](const Series& s) { return !s.name.isEmpty(); });
        chart_legend_set_position(native,
                                  chart.series.size() > 1 || named ? LXW_CHART_LEGEND_BOTTOM : LXW_CHART_LEGEND_NONE);
    }

    lxw_workbook* m_workbook;
    const Report& m_report;
    lxw_error m_error = LXW_NO_ERROR;
    QSet<QString> m_usedNames; // case-folded
    QStringList m_notes; // what the workbook had to leave out, listed on the Summary sheet
    QHash<QByteArray, lxw_format*> m_numberFormats;
    lxw_format* m_title = nullptr;
    lxw_format* m_subtitle = nullptr;
    lxw_format* m_bold = nullptr;
    lxw_format* m_header = nullptr;
    lxw_format* m_created = nullptr;
};

Error lxwFailure(const QString& path, lxw_error error)
{
    QString reason = QString::fromUtf8(lxw_strerror(error)).trimmed();
    while (reason.endsWith(QLatin1Char('.')))
        reason.chop(1);
    return Error { QCoreApplication::translate("bidlab", "Cannot write the workbook '%1': %2.").arg(path, reason) };
}

} // namespace

Status writeXlsx(const Report& report, const QString& path)
{
    // libxlsxwriter 1.1 writes only to a path of its own: a temporary file beside the target, renamed over it
    // once complete.
    const QString temporary = temporaryPathFor(path);
    lxw_workbook* workbook = workbook_new(QFile::encodeName(temporary).constData());
    if (!workbook)
        return lxwFailure(path, LXW_ERROR_MEMORY_MALLOC_FAILED);

    WorkbookBuilder builder(workbook, report);
    builder.build();
    // workbook_close() writes the file and frees the workbook, also after an error while building.
    const lxw_error closed = workbook_close(workbook);
    const lxw_error error = builder.error() != LXW_NO_ERROR ? builder.error() : closed;
    if (error != LXW_NO_ERROR) {
        QFile::remove(temporary);
        return lxwFailure(path, error);
    }
    return commitTemporaryFile(temporary, path);
}

} // namespace bidlab::report
