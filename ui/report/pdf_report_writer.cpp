// SPDX-License-Identifier: MIT
#include "ui/report/pdf_report_writer.h"

#include "core/common/atomic_file.h"
#include "ui/charts/chart_builder.h"

#include <algorithm>
#include <numeric>

#include <QApplication>
#include <QBuffer>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QThread>

// The PDF is laid out twice with the same code: a first pass only measures and counts the pages, the second
// draws, so that every footer can say "Page n of N". Layout decisions use font metrics of the PDF device
// (never the painter's), which makes the two passes agree exactly.
namespace bidlab::ui {

namespace {

constexpr int kResolution = 300; // dots per inch of the PDF's coordinate system
constexpr qreal kMarginMm = 15;
constexpr qreal kFooterMm = 8; // band at the bottom of the printable area for the page number
constexpr qreal kChartAspect = 0.58; // chart height over width
constexpr qsizetype kMeasuredRows = 5000; // column widths are fitted to the first rows only
constexpr qreal kBodyPt = 8.5;
constexpr qreal kTablePt = 8;
constexpr qreal kSmallestTablePt = 6; // tables too wide for the page shrink to this, then elide

const QColor kText(0x1F, 0x23, 0x28);
const QColor kMuted(0x5B, 0x64, 0x70);
const QColor kAccent(0x2F, 0x55, 0x97);
const QColor kHeaderFill(0xE4, 0xEB, 0xF5);
const QColor kZebraFill(0xF6, 0xF8, 0xFA);
const QColor kRule(0xC8, 0xD0, 0xDA);

QString tr(const char* text)
{
    return QCoreApplication::translate("bidlab", text);
}

// A table as it is printed: header names, cell texts, and per column an alignment and an elision mode.
struct TextTable
{
    QString title;
    QStringList headers;
    QList<Qt::Alignment> alignments;
    QList<Qt::TextElideMode> elisions;
    QList<QStringList> rows;
};

bool isNumeric(report::ColumnKind kind)
{
    using report::ColumnKind;
    return kind == ColumnKind::Integer || kind == ColumnKind::Decimal || kind == ColumnKind::Money
        || kind == ColumnKind::Percent;
}

TextTable textTable(const report::Table& table)
{
    TextTable text;
    text.title = table.title;
    for (const report::Column& column : table.columns) {
        text.headers << column.name;
        text.alignments << (isNumeric(column.kind) ? Qt::AlignRight : Qt::AlignLeft);
        text.elisions << Qt::ElideRight;
    }
    text.rows.reserve(table.rows.size());
    for (const report::Row& row : table.rows) {
        QStringList cells;
        for (qsizetype c = 0; c < table.columns.size(); ++c)
            cells << report::formatCell(c < row.size() ? row[c] : QVariant(), table.columns[c]);
        text.rows << cells;
    }
    return text;
}

TextTable parametersTable(const report::Report& report)
{
    TextTable text;
    text.title = tr("Parameters");
    text.headers = QStringList { tr("Parameter"), tr("Value") };
    text.alignments = { Qt::AlignLeft, Qt::AlignLeft };
    text.elisions = { Qt::ElideRight, Qt::ElideMiddle }; // values are often paths: keep both ends
    for (const auto& [name, value] : report.parameters)
        text.rows << QStringList { name, value };
    return text;
}

TextTable kpiTable(const report::Report& report)
{
    TextTable text;
    text.title = tr("Key figures");
    text.headers = QStringList { tr("Key figure"), tr("Value"), tr("Note") };
    text.alignments = { Qt::AlignLeft, Qt::AlignRight, Qt::AlignLeft };
    text.elisions = { Qt::ElideRight, Qt::ElideRight, Qt::ElideRight };
    for (const report::Kpi& kpi : report.kpis)
        text.rows << QStringList { kpi.name, report::formatCell(kpi.value, kpi.format), kpi.note };
    return text;
}

// Shrinks natural column widths to `available`: a column narrower than its fair share keeps its width, the
// others share what is left equally (their text is then elided).
QList<qreal> fitWidths(QList<qreal> widths, qreal available)
{
    const qreal total = std::accumulate(widths.cbegin(), widths.cend(), 0.0);
    if (total <= 0)
        return widths;
    if (total <= available) {
        // Spread the spare width in proportion, so that every table spans the text block.
        for (qreal& w : widths)
            w *= available / total;
        return widths;
    }
    QList<bool> fixed(widths.size(), false);
    qreal remaining = available;
    qsizetype open = widths.size();
    for (bool changed = true; changed && open > 0;) {
        changed = false;
        const qreal share = remaining / open;
        for (qsizetype i = 0; i < widths.size(); ++i) {
            if (!fixed[i] && widths[i] <= share) {
                fixed[i] = true;
                remaining -= widths[i];
                --open;
                changed = true;
            }
        }
    }
    for (qsizetype i = 0; i < widths.size(); ++i) {
        if (!fixed[i])
            widths[i] = remaining / open;
    }
    return widths;
}

// Lays out (and, with a painter, draws) the whole report page by page.
class PdfComposer
{
public:
    // Without a painter the composer only measures: pageCount() then says how many pages the PDF will have.
    PdfComposer(QPdfWriter& writer, QPainter* painter, int pageTotal)
        : m_writer(writer)
        , m_painter(painter)
        , m_pageTotal(pageTotal)
    {
        const QRectF printable(QPointF(0, 0), QSizeF(writer.width(), writer.height()));
        m_footer = printable;
        m_footer.setTop(printable.bottom() - mm(kFooterMm));
        m_content = printable;
        m_content.setBottom(m_footer.top() - mm(2));
    }

    void compose(const report::Report& report)
    {
        m_footerTitle = report.title;
        startPage();
        drawTitleBlock(report);
        if (!report.parameters.isEmpty())
            drawTable(parametersTable(report));
        if (!report.kpis.isEmpty())
            drawTable(kpiTable(report));
        // Figures before the data they come from: the reader sees the picture, then the appendix of rows.
        for (const report::Chart& chart : report.charts)
            drawChart(chart);
        for (const report::Table& table : report.tables)
            drawTable(textTable(table));
        if (!report.notes.isEmpty())
            drawNotes(report.notes);
    }

    int pageCount() const { return m_page; }

private:
    qreal mm(qreal millimetres) const { return millimetres * kResolution / 25.4; }

    static QFont font(qreal points, bool bold = false)
    {
        QFont font;
        font.setFamilies({ QStringLiteral("Lato"), QStringLiteral("Noto Sans"), QStringLiteral("DejaVu Sans"),
                           QStringLiteral("Liberation Sans"), QStringLiteral("Arial") });
        font.setStyleHint(QFont::SansSerif);
        // No cosmetic shaping: ligatures such as "fi" or "ti" would come out of the PDF as one glyph that
        // copy-paste and text search cannot read. Scripts that need shaping still get it.
        font.setStyleStrategy(QFont::PreferNoShaping);
        font.setPointSizeF(points);
        font.setBold(bold);
        return font;
    }

    QFontMetricsF metrics(const QFont& font) const { return QFontMetricsF(font, &m_writer); }

    void startPage()
    {
        if (m_painter && m_page > 0)
            m_writer.newPage();
        ++m_page;
        m_y = m_content.top();
        drawFooter();
    }

    // Starts a new page unless `height` fits below the current position (or the page is still empty).
    void ensureSpace(qreal height)
    {
        if (m_y + height > m_content.bottom() && m_y > m_content.top())
            startPage();
    }

    // The report's title on the left, "Page n of N" on the right, under a thin rule.
    void drawFooter()
    {
        if (!m_painter)
            return;
        const QFont small = font(7.5);
        m_painter->save();
        m_painter->setPen(QPen(kRule, mm(0.2)));
        m_painter->drawLine(m_footer.topLeft(), m_footer.topRight());
        m_painter->setFont(small);
        m_painter->setPen(kMuted);
        const QString page = tr("Page %1 of %2").arg(m_page).arg(m_pageTotal);
        const QRectF band = m_footer.adjusted(0, mm(1), 0, 0);
        const qreal pageWidth = metrics(small).horizontalAdvance(page);
        m_painter->drawText(band, Qt::AlignRight | Qt::AlignVCenter, page);
        const QString title
            = metrics(small).elidedText(m_footerTitle, Qt::ElideRight, band.width() - pageWidth - mm(5));
        m_painter->drawText(band, Qt::AlignLeft | Qt::AlignVCenter, title);
        m_painter->restore();
    }

    // Word-wrapped text at the current position, on the next page if it does not fit on this one.
    void drawParagraph(const QString& text, const QFont& font, const QColor& color)
    {
        const QRectF area(m_content.left(), m_y, m_content.width(), m_content.height());
        const int flags = Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap;
        const qreal height = metrics(font).boundingRect(area, flags, text).height();
        ensureSpace(height);
        if (m_painter) {
            m_painter->setFont(font);
            m_painter->setPen(color);
            m_painter->drawText(QRectF(area.left(), m_y, area.width(), height), flags, text);
        }
        m_y += height;
    }

    void drawTitleBlock(const report::Report& report)
    {
        const QString title = report.title.isEmpty() ? tr("Report") : report.title;
        drawParagraph(title, font(18, true), kText);
        m_y += mm(1);
        if (!report.subtitle.isEmpty())
            drawParagraph(report.subtitle, font(10), kMuted);
        if (report.created.isValid()) {
            const QString created = report.created.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
            drawParagraph(tr("Created %1").arg(created), font(kBodyPt), kMuted);
        }
        m_y += mm(2);
        if (m_painter) {
            m_painter->setPen(QPen(kAccent, mm(0.6)));
            m_painter->drawLine(QPointF(m_content.left(), m_y), QPointF(m_content.right(), m_y));
        }
        m_y += mm(5);
    }

    qreal headingHeight() const { return metrics(font(11, true)).height() + mm(2.5); }

    void drawHeading(const QString& text)
    {
        const QFont heading = font(11, true);
        if (m_painter) {
            m_painter->setFont(heading);
            m_painter->setPen(kAccent);
            const QRectF area(m_content.left(), m_y, m_content.width(), metrics(heading).height());
            m_painter->drawText(area, Qt::AlignLeft | Qt::AlignVCenter,
                                metrics(heading).elidedText(text, Qt::ElideRight, m_content.width()));
        }
        m_y += headingHeight();
    }

    // Table geometry: the font, the column widths (natural and fitted to the page) and the row height.
    struct TableLayout
    {
        qreal points = kTablePt;
        QFont body;
        QFont header;
        QList<qreal> natural; // header and cell text plus padding
        QList<qreal> widths; // as drawn: spread or shrunk to the text block's width
        qreal rowHeight = 0;
        qreal padding = 0;
    };

    TableLayout layoutAt(const TextTable& table, qreal points) const
    {
        TableLayout layout;
        layout.points = points;
        layout.padding = mm(1.5);
        layout.body = font(points);
        layout.header = font(points, true);
        const QFontMetricsF body = metrics(layout.body);
        const QFontMetricsF header = metrics(layout.header);
        const qsizetype measured = std::min(table.rows.size(), kMeasuredRows);
        for (qsizetype c = 0; c < table.headers.size(); ++c) {
            qreal width = header.horizontalAdvance(table.headers[c]);
            for (qsizetype r = 0; r < measured; ++r)
                width = std::max(width, body.horizontalAdvance(table.rows[r][c]));
            layout.natural << width + 2 * layout.padding;
        }
        layout.widths = fitWidths(layout.natural, m_content.width());
        layout.rowHeight = body.height() * 1.55;
        return layout;
    }

    // The largest font size, down to the smallest allowed, at which the table fits across the page.
    TableLayout layoutTable(const TextTable& table) const
    {
        for (qreal points = kTablePt;; points -= 0.5) {
            TableLayout layout = layoutAt(table, points);
            const qreal total = std::accumulate(layout.natural.cbegin(), layout.natural.cend(), 0.0);
            if (total <= m_content.width() || points <= kSmallestTablePt)
                return layout;
        }
    }

    // Column bands for a table too wide for the page even in the smallest font: each band starts with the first
    // column (the row's key) and takes the next columns while they fit. A column wider than 45 % of the page
    // counts as that much (it is elided), so one long text column does not split the table by itself.
    QList<QList<qsizetype>> columnBands(const QList<qreal>& natural) const
    {
        const qreal cap = m_content.width() * 0.45;
        const auto width = [&](qsizetype c) { return std::min(natural[c], cap); };
        qreal total = 0;
        for (qsizetype c = 0; c < natural.size(); ++c)
            total += width(c);
        QList<qsizetype> all(natural.size());
        std::iota(all.begin(), all.end(), 0);
        if (total <= m_content.width() || natural.size() < 3)
            return { all };
        QList<QList<qsizetype>> bands;
        QList<qsizetype> band { 0 };
        qreal used = width(0);
        for (qsizetype c = 1; c < natural.size(); ++c) {
            if (used + width(c) > m_content.width() && band.size() > 1) {
                bands << band;
                band = { 0 };
                used = width(0);
            }
            band << c;
            used += width(c);
        }
        bands << band;
        return bands;
    }

    // The columns of one band, as a table of its own.
    static TextTable bandOf(const TextTable& table, const QList<qsizetype>& columns, const QString& title)
    {
        TextTable part;
        part.title = title;
        for (const qsizetype c : columns) {
            part.headers << table.headers[c];
            part.alignments << table.alignments[c];
            part.elisions << table.elisions[c];
        }
        part.rows.reserve(table.rows.size());
        for (const QStringList& row : table.rows) {
            QStringList cells;
            for (const qsizetype c : columns)
                cells << row[c];
            part.rows << cells;
        }
        return part;
    }

    // One row of cells; `fill` paints the background first (header, zebra stripes).
    void drawRow(const QStringList& cells, const TextTable& table, const TableLayout& layout, const QFont& font,
                 const QColor& fill)
    {
        if (!m_painter)
            return;
        const QRectF rowRect(m_content.left(), m_y, m_content.width(), layout.rowHeight);
        if (fill.isValid())
            m_painter->fillRect(rowRect, fill);
        m_painter->setFont(font);
        m_painter->setPen(kText);
        const QFontMetricsF fm = metrics(font);
        qreal x = m_content.left();
        for (qsizetype c = 0; c < cells.size(); ++c) {
            const QRectF cell(x + layout.padding, m_y, layout.widths[c] - 2 * layout.padding, layout.rowHeight);
            const QString shown = fm.elidedText(cells[c], table.elisions[c], cell.width());
            m_painter->drawText(cell, int(table.alignments[c] | Qt::AlignVCenter), shown);
            x += layout.widths[c];
        }
    }

    void drawRule(const QColor& color, qreal width)
    {
        if (m_painter) {
            m_painter->setPen(QPen(color, width));
            m_painter->drawLine(QPointF(m_content.left(), m_y), QPointF(m_content.right(), m_y));
        }
    }

    void drawTableHeader(const TextTable& table, const TableLayout& layout)
    {
        drawRow(table.headers, table, layout, layout.header, kHeaderFill);
        m_y += layout.rowHeight;
        drawRule(kMuted, mm(0.25));
    }

    // "No rows." across a table without rows, under its header.
    void drawNoRows(const TableLayout& layout)
    {
        if (m_painter) {
            QFont italic = layout.body;
            italic.setItalic(true);
            m_painter->setFont(italic);
            m_painter->setPen(kMuted);
            m_painter->drawText(QRectF(m_content.left() + layout.padding, m_y, m_content.width(), layout.rowHeight),
                                Qt::AlignLeft | Qt::AlignVCenter, tr("No rows."));
        }
        m_y += layout.rowHeight;
    }

    // A table under its heading. One too wide for the page is printed in column bands, one after the other.
    void drawTable(const TextTable& table)
    {
        if (table.headers.isEmpty())
            return;
        TableLayout layout = layoutTable(table);
        QList<QList<qsizetype>> bands = columnBands(layout.natural);
        if (bands.size() == 1) {
            drawTableBlock(table, layout);
            return;
        }
        // Split anyway: then in the normal size, which reads better than the smallest.
        layout = layoutAt(table, kTablePt);
        bands = columnBands(layout.natural);
        const QString name = table.title.isEmpty() ? tr("Table") : table.title;
        const QString count = QString::number(table.headers.size());
        for (qsizetype b = 0; b < bands.size(); ++b) {
            // The first band counts its key column; the others repeat it and count only their own columns.
            const qsizetype first = b == 0 ? 1 : bands[b][1] + 1;
            const QString title = tr("%1 (columns %2\u2013%3 of %4)")
                                      .arg(name, QString::number(first), QString::number(bands[b].back() + 1), count);
            const TextTable part = bandOf(table, bands[b], title);
            drawTableBlock(part, layoutAt(part, layout.points));
        }
    }

    // A table split over as many pages as it needs, with its heading (marked as continued) and its header row
    // repeated at the top of every page.
    void drawTableBlock(const TextTable& table, const TableLayout& layout)
    {
        const bool titled = !table.title.isEmpty();
        // Keep the heading with the header and the first rows.
        const qsizetype keep = std::clamp<qsizetype>(table.rows.size(), 1, 3);
        ensureSpace((titled ? headingHeight() : 0) + layout.rowHeight * qreal(1 + keep));
        if (titled)
            drawHeading(table.title);
        drawTableHeader(table, layout);
        if (table.rows.isEmpty())
            drawNoRows(layout);
        for (qsizetype r = 0; r < table.rows.size(); ++r) {
            if (m_y + layout.rowHeight > m_content.bottom()) {
                drawRule(kRule, mm(0.2));
                startPage();
                if (titled)
                    drawHeading(tr("%1 (continued)").arg(table.title));
                drawTableHeader(table, layout);
            }
            drawRow(table.rows[r], table, layout, layout.body, r % 2 == 1 ? kZebraFill : QColor());
            m_y += layout.rowHeight;
        }
        drawRule(kRule, mm(0.2));
        m_y += mm(7);
    }

    // A chart across the text block, drawn as vectors by the same code as the screen.
    void drawChart(const report::Chart& chart)
    {
        const qreal height = m_content.width() * kChartAspect;
        ensureSpace(height);
        if (m_painter) {
            m_painter->save();
            renderChart(*m_painter, QRectF(m_content.left(), m_y, m_content.width(), height), chart);
            m_painter->restore();
        }
        m_y += height + mm(7);
    }

    void drawNotes(const QStringList& notes)
    {
        ensureSpace(headingHeight() + metrics(font(kBodyPt)).height() * 2);
        drawHeading(tr("Notes"));
        for (const QString& note : notes) {
            drawParagraph(QStringLiteral("\u2022  ") + note, font(kBodyPt), kText);
            m_y += mm(1.2);
        }
    }

    QPdfWriter& m_writer;
    QPainter* m_painter; // null in the measuring pass
    int m_pageTotal;
    QRectF m_content; // where the report's content goes, in device pixels
    QRectF m_footer;
    QString m_footerTitle;
    int m_page = 0;
    qreal m_y = 0; // top of the free space on the current page
};

void setUpWriter(QPdfWriter& writer, const report::Report& report)
{
    writer.setResolution(kResolution);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                     QMarginsF(kMarginMm, kMarginMm, kMarginMm, kMarginMm), QPageLayout::Millimeter));
    writer.setTitle(report.title);
    writer.setCreator(QStringLiteral("BidLab ") + QLatin1String(BIDLAB_VERSION));
}

} // namespace

Status writePdf(const report::Report& report, const QString& path)
{
    // Charts are QGraphicsWidgets and text needs the GUI font database: both want a QApplication, and
    // QtWidgets objects belong to its thread.
    auto* app = qobject_cast<QApplication*>(QCoreApplication::instance());
    if (!app) {
        return Error { tr("Cannot write the PDF '%1': PDF export needs a QApplication (the offscreen platform is "
                          "enough).")
                           .arg(path) };
    }
    if (!report.charts.isEmpty() && QThread::currentThread() != app->thread()) {
        return Error {
            tr("Cannot write the PDF '%1': reports with charts are drawn in the GUI thread only.").arg(path)
        };
    }

    QByteArray pdf;
    {
        QBuffer buffer(&pdf);
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter writer(&buffer);
        setUpWriter(writer, report);

        PdfComposer counter(writer, nullptr, 0);
        counter.compose(report);

        QPainter painter;
        if (!painter.begin(&writer))
            return Error { tr("Cannot write the PDF '%1': the PDF painter could not start.").arg(path) };
        painter.setRenderHint(QPainter::Antialiasing);
        PdfComposer composer(writer, &painter, counter.pageCount());
        composer.compose(report);
        painter.end();
    }
    // The complete document goes to disk in one atomic step.
    return writeFileAtomically(path, [&pdf, &path](QIODevice& device, QString* error) {
        if (device.write(pdf) != pdf.size()) {
            *error = tr("Cannot write the PDF '%1': %2").arg(path, device.errorString());
            return false;
        }
        return true;
    });
}

} // namespace bidlab::ui
