// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"

#include <functional>

#include <QChartView>

QT_BEGIN_NAMESPACE
class QXYSeries;
QT_END_NAMESPACE

namespace bidlab::ui {

// A chart on screen, for live and static charts alike: antialiased, no animation, a context menu that saves
// it as PNG or SVG, and a tooltip with the value of the point under the mouse. Every Qt Charts view of the
// application is one of these, so a later move to Qt Graphs replaces this folder only.
class ChartView : public QChartView
{
    Q_OBJECT
public:
    // Text of the hover tooltip for a point of a series.
    using HoverText = std::function<QString(const QXYSeries& series, const QPointF& point)>;

    explicit ChartView(QWidget* parent = nullptr);

    // Shows `chart` (the view takes it over, deleting the previous one) and gives every line or scatter
    // series of it the default hover tooltip.
    void showChart(QChart* chart);
    // The tooltip for one series (replacing the default text).
    void setHoverText(QXYSeries* series, HoverText text);

    // Saves the chart as it is on screen: PNG (raster, at the screen's pixel ratio) or SVG (vectors), by the
    // file name's suffix. Written atomically; errors name the file.
    Status saveImage(const QString& path);
    static QString imageFileFilters();

    // Colours the chart's background, texts, axes and grid from the widget's palette, so that charts follow the
    // light and dark themes (series keep their own colours). Done by showChart() and on palette changes.
    void applyPalette();

protected:
    void contextMenuEvent(QContextMenuEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void saveImageInteractively();
    void trackHover(QXYSeries* series);
};

// "name: value at x", with the chart's axis titles: the default hover text.
QString defaultHoverText(const QXYSeries& series, const QPointF& point);

} // namespace bidlab::ui
