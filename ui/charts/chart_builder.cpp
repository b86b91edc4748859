// SPDX-License-Identifier: MIT
#include "ui/charts/chart_builder.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QCoreApplication>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPainter>
#include <QScatterSeries>
#include <QValueAxis>

namespace bidlab::ui {

namespace {

using report::Chart;
using report::ChartKind;

// The smallest and largest value seen; empty until the first one.
struct Extent
{
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();
    bool wholeNumbers = true; // every value added is an integer (worker counts, days, ranks)

    bool isEmpty() const { return min > max; }
    void add(double value)
    {
        min = std::min(min, value);
        max = std::max(max, value);
        wholeNumbers = wholeNumbers && value == std::trunc(value);
    }
};

// A point can be drawn when both coordinates are finite, and, on a logarithmic y axis, y is positive.
bool drawable(const QPointF& p, bool logY)
{
    return std::isfinite(p.x()) && std::isfinite(p.y()) && (!logY || p.y() > 0);
}

QList<QPointF> drawablePoints(const report::Series& series, bool logY)
{
    QList<QPointF> points;
    points.reserve(series.points.size());
    std::copy_if(series.points.cbegin(), series.points.cend(), std::back_inserter(points),
                 [logY](const QPointF& p) { return drawable(p, logY); });
    return points;
}

// Labels that suit the time span on show: seconds for a short live run, dates for a long campaign.
QString timeFormatFor(double spanMs)
{
    constexpr double hour = 3600'000.0;
    if (spanMs <= hour)
        return QStringLiteral("HH:mm:ss");
    if (spanMs <= 48 * hour)
        return QStringLiteral("HH:mm");
    if (spanMs <= 90 * 24 * hour)
        return QStringLiteral("MM-dd");
    return QStringLiteral("yyyy-MM-dd");
}

// The x axis of line and scatter charts: times or plain numbers, over the data's range.
QAbstractAxis* makeXAxis(const Chart& spec, Extent x)
{
    if (x.isEmpty())
        x = Extent { 0, 1 };
    if (x.min == x.max)
        x = Extent { x.min - 1, x.max + 1, x.wholeNumbers }; // one x value: give the axis a width
    if (spec.xIsTime) {
        auto* axis = new QDateTimeAxis;
        axis->setFormat(timeFormatFor(x.max - x.min));
        axis->setTickCount(6);
        axis->setRange(QDateTime::fromMSecsSinceEpoch(qint64(x.min)), QDateTime::fromMSecsSinceEpoch(qint64(x.max)));
        return axis;
    }
    auto* axis = new QValueAxis;
    axis->setRange(x.min, x.max);
    if (x.wholeNumbers && x.max - x.min <= 12) { // a tick per value, labelled 1, 2, 3 rather than 1.0, 2.0
        axis->setTickCount(static_cast<int>(x.max - x.min) + 1);
        axis->setLabelFormat(QStringLiteral("%d"));
        return axis;
    }
    axis->applyNiceNumbers();
    return axis;
}

// The y axis: logarithmic (whole decades) or linear with a little room above and below the data.
QAbstractAxis* makeYAxis(Extent y, bool logY, bool fromZero)
{
    if (logY) {
        auto* axis = new QLogValueAxis;
        axis->setBase(10);
        axis->setLabelFormat(QStringLiteral("%g"));
        if (y.isEmpty())
            y = Extent { 1, 10 };
        const double low = std::pow(10.0, std::floor(std::log10(y.min)));
        double high = std::pow(10.0, std::ceil(std::log10(y.max)));
        if (high <= low)
            high = low * 10;
        axis->setRange(low, high);
        return axis;
    }
    auto* axis = new QValueAxis;
    if (y.isEmpty())
        y = Extent { 0, 1 };
    if (fromZero)
        y.add(0); // bars grow from zero
    const double pad = y.max > y.min ? (y.max - y.min) * 0.05 : std::max(1.0, std::fabs(y.max) * 0.1);
    // Padding never pushes an axis across zero: counts, money and rates that are all >= 0 start at 0 at most.
    const double low = y.min >= 0 ? std::max(y.min - pad, 0.0) : y.min - pad;
    const double high = y.max <= 0 ? std::min(y.max + pad, 0.0) : y.max + pad;
    axis->setRange(low, high);
    axis->applyNiceNumbers();
    return axis;
}

// Text without cosmetic shaping: ligatures such as "fi" would reach a PDF as glyphs that copy-paste and search
// cannot read. Scripts that need shaping still get it.
QFont plain(QFont font)
{
    font.setStyleStrategy(QFont::PreferNoShaping);
    return font;
}

void attach(QChart* chart, QAbstractSeries* series, QAbstractAxis* x, QAbstractAxis* y)
{
    chart->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
}

// The range of an axis made above (time axes in milliseconds since the epoch), for the markers.
std::pair<double, double> yRange(const QAbstractAxis* axis)
{
    if (const auto* log = qobject_cast<const QLogValueAxis*>(axis))
        return { log->min(), log->max() };
    const auto* linear = qobject_cast<const QValueAxis*>(axis);
    return { linear->min(), linear->max() };
}

std::pair<double, double> xRange(const QAbstractAxis* axis)
{
    if (const auto* time = qobject_cast<const QDateTimeAxis*>(axis))
        return { double(time->min().toMSecsSinceEpoch()), double(time->max().toMSecsSinceEpoch()) };
    return yRange(axis);
}

// One marker's line: dashed, from the bottom of the plot up to `top`, with `label` (if any) standing on its top
// end (so the line never crosses the text), left out of the legend.
void addMarkerLine(QChart* chart, const report::Marker& marker, double low, double top, const QString& label,
                   QAbstractAxis* xAxis, QAbstractAxis* yAxis)
{
    const QColor color(230, 126, 0);
    auto* line = new QLineSeries;
    line->setName(marker.label);
    line->append({ { marker.x, low }, { marker.x, top } });
    line->setPen(QPen(color, 1.2, Qt::DashLine));
    if (!label.isEmpty()) {
        line->setPointLabelsFormat(label);
        line->setPointLabelsColor(color);
        line->setPointLabelsFont(plain(line->pointLabelsFont()));
        line->setPointLabelsClipping(false);
        line->setPointLabelsVisible(true);
        line->setPointConfiguration(0, QXYSeries::PointConfiguration::LabelVisibility, false);
    }
    attach(chart, line, xAxis, yAxis);
    const QList<QLegendMarker*> legend = chart->legend()->markers(line);
    for (QLegendMarker* entry : legend)
        entry->setVisible(false);
}

// A distinct label among a group of close markers: the first marker that carries it, and how often it comes.
struct GroupLabel
{
    qsizetype first = 0;
    QString label;
    int count = 1;
};

QList<GroupLabel> distinctLabels(const QList<report::Marker>& markers, qsizetype start, qsizetype end)
{
    QList<GroupLabel> labels;
    for (qsizetype i = start; i < end; ++i) {
        const auto same = std::find_if(labels.begin(), labels.end(),
                                       [&](const GroupLabel& l) { return l.label == markers[i].label; });
        if (same != labels.end())
            ++same->count;
        else
            labels.append({ i, markers[i].label });
    }
    return labels;
}

// The text on level `k` of a group with `levels` levels: a label (long ones cut, "×N" when it repeats), or on
// the last level, when more labels are left than that, how many.
QString levelText(const QList<GroupLabel>& labels, int k, int levels)
{
    constexpr qsizetype kLabelChars = 40;
    if (k == levels - 1 && labels.size() > levels)
        return QCoreApplication::translate("ChartBuilder", "+%1 more").arg(labels.size() - k);
    const QString& label = labels[k].label;
    QString text = label.size() > kLabelChars ? label.left(kLabelChars - 1) + QChar(0x2026) : label;
    if (labels[k].count > 1)
        text += QStringLiteral(" ×%1").arg(labels[k].count);
    return text;
}

// The chart's markers. Markers close together (within a share of the x axis from the first of their group) form a
// group: each distinct label of a group is written once, at its first marker, a step lower than the one before,
// up to kLevels (levelText). Every marker keeps its line; unlabelled ones stop under the labels.
void addMarkers(QChart* chart, const Chart& spec, QAbstractAxis* xAxis, QAbstractAxis* yAxis)
{
    constexpr int kLevels = 3;
    constexpr double kCloseShare = 0.08; // of the x axis
    const auto [low, high] = yRange(yAxis);
    const auto [xLow, xHigh] = xRange(xAxis);
    const auto heightAt = [&](int level) {
        const double share = 0.88 - 0.1 * level;
        return spec.logY ? low * std::pow(high / low, share) : low + (high - low) * share;
    };
    QList<report::Marker> markers;
    std::copy_if(spec.markers.cbegin(), spec.markers.cend(), std::back_inserter(markers),
                 [](const report::Marker& m) { return std::isfinite(m.x); });
    std::stable_sort(markers.begin(), markers.end(),
                     [](const report::Marker& a, const report::Marker& b) { return a.x < b.x; });
    for (qsizetype start = 0, end = 0; start < markers.size(); start = end) {
        while (end < markers.size() && markers[end].x - markers[start].x < kCloseShare * (xHigh - xLow))
            ++end;
        const QList<GroupLabel> labels = distinctLabels(markers, start, end);
        std::vector<int> level(std::size_t(end - start), kLevels - 1);
        std::vector<QString> text(std::size_t(end - start));
        for (int k = 0; k < std::min(int(labels.size()), kLevels); ++k) {
            level[std::size_t(labels[k].first - start)] = k;
            text[std::size_t(labels[k].first - start)] = levelText(labels, k, kLevels);
        }
        for (qsizetype i = start; i < end; ++i)
            addMarkerLine(chart, markers[i], low, heightAt(level[std::size_t(i - start)]), text[std::size_t(i - start)],
                          xAxis, yAxis);
    }
}

// Line and scatter charts: one QXYSeries per report series, over shared x and y axes, then the markers.
void addXySeries(QChart* chart, const Chart& spec)
{
    Extent x, y;
    QList<QList<QPointF>> data;
    for (const report::Series& series : spec.series) {
        data << drawablePoints(series, spec.logY);
        for (const QPointF& p : data.back()) {
            x.add(p.x());
            y.add(p.y());
        }
    }
    for (const report::Marker& marker : spec.markers) {
        if (std::isfinite(marker.x))
            x.add(marker.x); // a marker before the first point or after the last one stays on the chart
    }
    QAbstractAxis* xAxis = makeXAxis(spec, x);
    QAbstractAxis* yAxis = makeYAxis(y, spec.logY, false);
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    for (qsizetype i = 0; i < spec.series.size(); ++i) {
        QXYSeries* series = nullptr;
        if (spec.kind == ChartKind::Scatter) {
            auto* scatter = new QScatterSeries;
            scatter->setMarkerSize(7);
            scatter->setBorderColor(Qt::transparent);
            series = scatter;
        } else {
            series = new QLineSeries;
        }
        series->setName(spec.series[i].name);
        series->append(data[i]);
        attach(chart, series, xAxis, yAxis);
    }
    addMarkers(chart, spec, xAxis, yAxis);
}

// Bar charts: one QBarSet per report series, x being the category index; a missing category is zero.
void addBarSeries(QChart* chart, const Chart& spec)
{
    qsizetype categoryCount = spec.categories.size();
    for (const report::Series& series : spec.series) {
        for (const QPointF& p : series.points) {
            if (std::isfinite(p.x()) && p.x() >= 0)
                categoryCount = std::max<qsizetype>(categoryCount, qsizetype(std::llround(p.x())) + 1);
        }
    }
    // A logarithmic axis cannot place a bar of zero or less: such charts fall back to a linear axis.
    bool logY = spec.logY;
    auto* bars = new QBarSeries;
    Extent y;
    for (const report::Series& series : spec.series) {
        QList<qreal> values(categoryCount, 0.0);
        for (const QPointF& p : series.points) {
            const qint64 index = std::isfinite(p.x()) ? std::llround(p.x()) : -1;
            if (index >= 0 && index < categoryCount && std::isfinite(p.y()))
                values[index] = p.y();
        }
        for (const qreal value : values) {
            y.add(value);
            logY = logY && value > 0;
        }
        auto* set = new QBarSet(series.name);
        set->append(values);
        bars->append(set);
    }
    auto* xAxis = new QBarCategoryAxis;
    QStringList labels = spec.categories.mid(0, categoryCount);
    for (qsizetype i = labels.size(); i < categoryCount; ++i)
        labels << QString::number(i + 1);
    xAxis->append(labels);
    QAbstractAxis* yAxis = makeYAxis(y, logY, true);
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    attach(chart, bars, xAxis, yAxis);
}

} // namespace

QChart* buildChart(const report::Chart& spec)
{
    auto* chart = new QChart;
    // The theme first: it resets colours and fonts of whatever is already in the chart.
    chart->setTheme(QChart::ChartThemeLight);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setDropShadowEnabled(false);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(6, 6, 6, 6));
    chart->setTitle(spec.title);
    QFont titleFont = plain(chart->titleFont());
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    chart->legend()->setFont(plain(chart->legend()->font()));

    if (spec.kind == ChartKind::Bar)
        addBarSeries(chart, spec);
    else
        addXySeries(chart, spec);

    const auto axes = chart->axes();
    for (QAbstractAxis* axis : axes) {
        axis->setTitleText(axis->orientation() == Qt::Horizontal ? spec.xTitle : spec.yTitle);
        axis->setTitleFont(plain(axis->titleFont()));
        axis->setLabelsFont(plain(axis->labelsFont()));
    }

    const bool named = std::any_of(spec.series.cbegin(), spec.series.cend(),
                                   [](const report::Series& s) { return !s.name.isEmpty(); });
    chart->legend()->setVisible(spec.series.size() > 1 || named);
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

void renderChart(QPainter& painter, const QRectF& target, const report::Chart& spec, qreal layoutWidth)
{
    if (target.isEmpty())
        return;
    // The scene owns the chart and deletes it.
    QGraphicsScene scene;
    QChart* chart = buildChart(spec);
    scene.addItem(chart);
    const QRectF layoutRect(0, 0, layoutWidth, layoutWidth * target.height() / target.width());
    chart->setGeometry(layoutRect);
    // Lay the chart out now: without an event loop turn the axes and series would keep their initial places.
    if (chart->layout())
        chart->layout()->activate();
    scene.setSceneRect(layoutRect);
    // The scene paints its items through `painter`: lines, markers and text stay vectors.
    scene.render(&painter, target, layoutRect, Qt::KeepAspectRatio);
}

} // namespace bidlab::ui
