// SPDX-License-Identifier: MIT
#pragma once

#include "ui/widgets/chart_view.h"
#include "ui/widgets/time_series_ring.h"

#include <deque>
#include <memory>
#include <optional>
#include <vector>

QT_BEGIN_NAMESPACE
class QAbstractAxis;
class QGraphicsLineItem;
class QGraphicsSimpleTextItem;
class QLineSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace bidlab::ui {

// A live line chart over a rolling time window (Qt Charts' guidance for 10 Hz dashboards): points go into
// ring buffers as they come (append), and refresh() moves them to the screen once per frame with one
// replace() and one setRange() per series and axis. No animation, raster series (grabs and PDFs see them).
// One or two y axes: the secondary one sits on the right (e.g. ROAS beside money). Vertical markers with a
// label (an alert, a change of settings) scroll with the lines.
class LiveChart : public ChartView
{
    Q_OBJECT
public:
    enum class Scale { Linear, Logarithmic };
    struct AxisSpec
    {
        QString title; // with units: "latency (ms)"
        Scale scale = Scale::Linear;
        std::optional<double> min = std::nullopt; // fixed bounds; otherwise they follow the data (linear: from 0)
        std::optional<double> max = std::nullopt;
    };

    LiveChart(const QString& title, const QString& xTitle, const AxisSpec& yAxis, QWidget* parent = nullptr);
    ~LiveChart() override;

    void setSecondaryAxis(const AxisSpec& axis);
    // A line on the primary (or secondary) axis; returns its index. Lines are drawn in the order added.
    int addLine(const QString& name, const QColor& color, bool secondary = false, Qt::PenStyle style = Qt::SolidLine);
    // Points kept per line (the longest window times the rate of points). Clears the chart.
    void setCapacity(qsizetype points);
    // The time window shown, in x units (seconds); the x axis ends at the newest point.
    void setWindow(double width);
    double window() const { return m_window; }

    // Adds a point to a line's ring; nothing is drawn until refresh(). Points a logarithmic axis cannot
    // place (y <= 0) and non-finite ones are left out.
    void append(int line, double x, double y);
    // Draws what the rings hold in the window: one replace() per line, one setRange() per axis.
    void refresh();
    // Clears the lines and the markers.
    void clear();

    // A vertical line across the plot at time x (x units, like append()) with a short label at its top; the
    // full label is its tooltip. It scrolls with the window and shows while x is inside it; the oldest
    // markers go beyond kMaxMarkers. Drawn at the next refresh(). Returns its index (counted from the
    // oldest kept marker).
    static constexpr int kMaxMarkers = 256;
    int addMarker(double x, const QString& label, const QColor& color = QColor(220, 120, 0));
    void clearMarkers();
    int markerCount() const { return int(m_markers.size()); }
    // The marker's drawing (for tests and styling); valid until the marker goes.
    const QGraphicsLineItem* markerLine(int marker) const;
    const QGraphicsSimpleTextItem* markerLabel(int marker) const;

    int lineCount() const { return int(m_lines.size()); }
    QLineSeries* series(int line) const;
    QAbstractAxis* xAxis() const;
    QAbstractAxis* yAxis(bool secondary = false) const;

private:
    struct Line;
    struct Axis;
    struct Marker;
    void setAxisRange(Axis& axis, const YExtent& extent);
    void placeMarkers();

    std::vector<std::unique_ptr<Line>> m_lines;
    std::deque<std::unique_ptr<Marker>> m_markers;
    std::unique_ptr<Axis> m_primary;
    std::unique_ptr<Axis> m_secondary;
    QValueAxis* m_x;
    double m_window = 60.0;
    qsizetype m_capacity = 6000;
};

} // namespace bidlab::ui
