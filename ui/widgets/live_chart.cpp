// SPDX-License-Identifier: MIT
#include "ui/widgets/live_chart.h"

#include <algorithm>
#include <cmath>

#include <QGraphicsLineItem>
#include <QGraphicsSimpleTextItem>
#include <QLegend>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPen>
#include <QValueAxis>

namespace bidlab::ui {

namespace {

// Buckets of the min-max decimation: two points per pixel column of the plot at most.
constexpr qsizetype kMinBuckets = 200;

// The smallest "nice" step (1, 2, 2.5 or 5 times a power of ten) of at least `raw`.
double niceStep(double raw)
{
    if (!(raw > 0) || !std::isfinite(raw))
        return 1.0;
    const double decade = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double factor : { 1.0, 2.0, 2.5, 5.0, 10.0 }) {
        if (factor * decade >= raw * (1 - 1e-9))
            return factor * decade;
    }
    return 10 * decade;
}

// printf format for labels at a given step: no decimals for steps of 1 and more.
QString labelFormatFor(double step)
{
    const int decimals = step >= 1 ? 0 : std::min(6, int(std::ceil(-std::log10(step) - 1e-9)));
    return QStringLiteral("%.") + QString::number(decimals) + QStringLiteral("f");
}

// A linear axis with ticks at multiples of a nice step (set with the range). The step must never be zero:
// Qt Charts would place ticks forever.
QValueAxis* makeLinearAxis()
{
    auto* axis = new QValueAxis;
    axis->setRange(0, 1);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(0.25);
    axis->setLabelFormat(labelFormatFor(0.25));
    axis->setTruncateLabels(false); // "40000" stays whole rather than "40…"
    return axis;
}

// Marker labels longer than this are cut (the tooltip keeps them whole); close markers stagger their labels
// over this many rows.
constexpr int kMarkerLabelChars = 24;
constexpr int kMarkerLabelRows = 3;

} // namespace

struct LiveChart::Marker
{
    double x = 0;
    QGraphicsLineItem* line = nullptr; // owned by the chart (its child item)
    QGraphicsSimpleTextItem* label = nullptr;

    ~Marker()
    {
        delete label;
        delete line;
    }
};

struct LiveChart::Line
{
    TimeSeriesRing ring;
    QLineSeries* series = nullptr;
    bool secondary = false;
    QList<QPointF> frame; // the window's points, reused every frame
};

struct LiveChart::Axis
{
    AxisSpec spec;
    QAbstractAxis* axis = nullptr;
};

LiveChart::LiveChart(const QString& title, const QString& xTitle, const AxisSpec& yAxis, QWidget* parent)
    : ChartView(parent)
    , m_primary(std::make_unique<Axis>())
    , m_x(makeLinearAxis())
{
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setDropShadowEnabled(false);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    QFont titleFont = chart->titleFont();
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);

    m_x->setTitleText(xTitle);
    m_x->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(m_x, Qt::AlignBottom);

    m_primary->spec = yAxis;
    if (yAxis.scale == Scale::Logarithmic) {
        auto* log = new QLogValueAxis;
        log->setBase(10);
        log->setLabelFormat(QStringLiteral("%g"));
        log->setMinorTickCount(0); // decades only: minor lines crowd a small chart (and cost a frame)
        log->setTruncateLabels(false);
        m_primary->axis = log;
    } else {
        m_primary->axis = makeLinearAxis();
    }
    m_primary->axis->setTitleText(yAxis.title);
    chart->addAxis(m_primary->axis, Qt::AlignLeft);
    showChart(chart);
    setWindow(m_window);
    connect(chart, &QChart::plotAreaChanged, this, &LiveChart::placeMarkers);
}

LiveChart::~LiveChart() = default;

void LiveChart::setSecondaryAxis(const AxisSpec& spec)
{
    m_secondary = std::make_unique<Axis>();
    m_secondary->spec = spec;
    QValueAxis* linear = makeLinearAxis();
    linear->setGridLineVisible(false);
    linear->setTitleText(spec.title);
    m_secondary->axis = linear;
    chart()->addAxis(linear, Qt::AlignRight);
    applyPalette();
}

int LiveChart::addLine(const QString& name, const QColor& color, bool secondary, Qt::PenStyle style)
{
    auto line = std::make_unique<Line>();
    line->ring.reset(m_capacity);
    line->secondary = secondary && m_secondary;
    line->series = new QLineSeries;
    line->series->setName(name);
    QPen pen(color);
    pen.setWidthF(1.6);
    pen.setStyle(style);
    line->series->setPen(pen);
    chart()->addSeries(line->series);
    line->series->attachAxis(m_x);
    line->series->attachAxis(line->secondary ? m_secondary->axis : m_primary->axis);
    setHoverText(line->series, defaultHoverText);
    m_lines.push_back(std::move(line));
    return int(m_lines.size()) - 1;
}

void LiveChart::setCapacity(qsizetype points)
{
    m_capacity = std::max<qsizetype>(points, 2);
    for (auto& line : m_lines)
        line->ring.reset(m_capacity);
    refresh();
}

void LiveChart::setWindow(double width)
{
    m_window = std::max(width, 1.0);
    m_x->setTickInterval(niceStep(m_window / 6));
}

void LiveChart::append(int line, double x, double y)
{
    Line& target = *m_lines[std::size_t(line)];
    const Axis& axis = target.secondary ? *m_secondary : *m_primary;
    if (axis.spec.scale == Scale::Logarithmic && !(y > 0))
        return;
    target.ring.append(x, y);
}

void LiveChart::clear()
{
    for (auto& line : m_lines)
        line->ring.clear();
    m_markers.clear();
    refresh();
}

int LiveChart::addMarker(double x, const QString& label, const QColor& color)
{
    auto marker = std::make_unique<Marker>();
    marker->x = x;
    QPen pen(color);
    pen.setWidthF(1.2);
    pen.setStyle(Qt::DashLine);
    marker->line = new QGraphicsLineItem(chart());
    marker->line->setPen(pen);
    marker->line->setZValue(chart()->zValue() + 10); // above the series
    const QString whole = label + QStringLiteral(" (") + QString::number(x, 'f', 1) + QStringLiteral(" s)");
    marker->line->setToolTip(whole);
    const QString shown = label.size() > kMarkerLabelChars ? label.left(kMarkerLabelChars - 1) + QChar(0x2026) : label;
    marker->label = new QGraphicsSimpleTextItem(shown, chart());
    marker->label->setBrush(color);
    QFont font = marker->label->font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    marker->label->setFont(font);
    marker->label->setToolTip(whole);
    marker->label->setZValue(marker->line->zValue());
    marker->line->hide();
    marker->label->hide();
    m_markers.push_back(std::move(marker));
    if (m_markers.size() > std::size_t(kMaxMarkers))
        m_markers.pop_front();
    return int(m_markers.size()) - 1;
}

void LiveChart::clearMarkers()
{
    m_markers.clear();
}

const QGraphicsLineItem* LiveChart::markerLine(int marker) const
{
    return m_markers[std::size_t(marker)]->line;
}

const QGraphicsSimpleTextItem* LiveChart::markerLabel(int marker) const
{
    return m_markers[std::size_t(marker)]->label;
}

// Puts each marker at its time in the plot area (hidden outside the window); labels of markers too close
// to each other go one row lower.
void LiveChart::placeMarkers()
{
    const QRectF plot = chart()->plotArea();
    const double xMin = m_x->min();
    const double xMax = m_x->max();
    double previousRight = -1e300;
    int row = 0;
    for (const auto& marker : m_markers) {
        const bool inside = marker->x >= xMin && marker->x <= xMax && xMax > xMin && plot.width() > 0;
        marker->line->setVisible(inside);
        marker->label->setVisible(inside);
        if (!inside)
            continue;
        const double at = plot.left() + (marker->x - xMin) / (xMax - xMin) * plot.width();
        marker->line->setLine(at, plot.top(), at, plot.bottom());
        const QRectF text = marker->label->boundingRect();
        row = at < previousRight ? (row + 1) % kMarkerLabelRows : 0;
        const double left = std::min(at + 2, plot.right() - text.width());
        marker->label->setPos(left, plot.top() + 1 + row * text.height());
        previousRight = std::max(previousRight, left + text.width());
    }
}

void LiveChart::refresh()
{
    double newest = 0;
    for (const auto& line : m_lines) {
        if (!line->ring.isEmpty())
            newest = std::max(newest, line->ring.last().x());
    }
    const double xMax = std::max(newest, m_window);
    const double xMin = xMax - m_window;
    const qsizetype buckets = std::max<qsizetype>(kMinBuckets, chart()->plotArea().width());
    YExtent primary, secondary;
    for (auto& line : m_lines) {
        const YExtent extent = line->ring.copyWindow(xMin, buckets, line->frame);
        (line->secondary ? secondary : primary).add(extent);
        line->series->replace(line->frame);
    }
    m_x->setRange(xMin, xMax);
    setAxisRange(*m_primary, primary);
    if (m_secondary)
        setAxisRange(*m_secondary, secondary);
    placeMarkers();
}

void LiveChart::setAxisRange(Axis& axis, const YExtent& extent)
{
    const AxisSpec& spec = axis.spec;
    double low = 0;
    double high = 0;
    if (spec.scale == Scale::Logarithmic) {
        // Whole decades around the data.
        const YExtent data = extent.isEmpty() ? YExtent { 1, 10 } : extent;
        low = spec.min.value_or(std::pow(10.0, std::floor(std::log10(data.min))));
        high = spec.max.value_or(std::pow(10.0, std::ceil(std::log10(data.max))));
        if (high <= low)
            high = low * 10;
    } else {
        // From zero (or the data's minimum when negative) to a nice step above the maximum.
        const double dataMax = extent.isEmpty() ? 1.0 : std::max(extent.max, 0.0);
        const double dataMin = extent.isEmpty() ? 0.0 : std::min(extent.min, 0.0);
        // A flat line (all zeros, say) still gets an axis of a sensible height.
        const double span = dataMax > dataMin ? dataMax - dataMin : std::max(std::fabs(dataMax), 1.0);
        const double step = niceStep(span / 4);
        low = spec.min.value_or(std::floor(dataMin / step) * step);
        high = spec.max.value_or(std::max(std::ceil(dataMax / step) * step, low + 4 * step));
        auto* linear = static_cast<QValueAxis*>(axis.axis);
        const double tick = std::max(niceStep((high - low) / 5), 1e-9);
        if (linear->tickInterval() != tick) {
            linear->setTickInterval(tick);
            linear->setLabelFormat(labelFormatFor(tick));
        }
    }
    axis.axis->setRange(low, high); // Qt Charts does nothing when the range is the same
}

QLineSeries* LiveChart::series(int line) const
{
    return m_lines[std::size_t(line)]->series;
}

QAbstractAxis* LiveChart::xAxis() const
{
    return m_x;
}

QAbstractAxis* LiveChart::yAxis(bool secondary) const
{
    return secondary ? (m_secondary ? m_secondary->axis : nullptr) : m_primary->axis;
}

} // namespace bidlab::ui
