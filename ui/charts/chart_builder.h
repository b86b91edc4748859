// SPDX-License-Identifier: MIT
#pragma once

#include "core/report/report.h"

#include <QRectF>

QT_BEGIN_NAMESPACE
class QChart;
class QPainter;
QT_END_NAMESPACE

// The one place where report charts become Qt Charts charts: screens and the PDF writer draw through it, so a
// chart looks the same wherever it appears (and a later move to Qt Graphs touches this folder only).
namespace bidlab::ui {

// A new QChart (owned by the caller) for a report chart: line charts as QLineSeries, bar charts as a QBarSeries
// over a QBarCategoryAxis, scatter charts as QScatterSeries. The x axis is a QDateTimeAxis when the x values are
// times (labels in local time), the y axis a QLogValueAxis when logY (points that are not positive are left
// out, as a logarithmic axis cannot place them). Axis titles carry the units the report gives, the legend
// sits below the plot when there is more than one series or a named one. No animation, and the series are
// drawn in raster (never on an OpenGL overlay), so that grab(), render() and PDF output capture them.
// Points with NaN or infinite coordinates are left out. Markers are dashed vertical lines from the bottom of
// the plot up to their label near the top, left out of the legend (line and scatter charts).
QChart* buildChart(const report::Chart& chart);

// Draws a report chart into `target` of any painter as vectors: on a PDF or SVG painter it stays sharp at
// any zoom. The chart is laid out at a screen-like size of `layoutWidth` pixels across (and the target's
// aspect ratio), then scaled onto the target, so its fonts keep the proportions they have on screen.
void renderChart(QPainter& painter, const QRectF& target, const report::Chart& chart, qreal layoutWidth = 900);

} // namespace bidlab::ui
