// SPDX-License-Identifier: MIT
#pragma once

#include "ui/widgets/chart_view.h"

#include <QStringList>

QT_BEGIN_NAMESPACE
class QScatterSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace bidlab::ui {

// A scatter plot whose points are replaced as a whole (one replace() per update), each with a label the
// hover tooltip shows ("campaign 17: 42 % at 1.25 CPM").
class ScatterPlot : public ChartView
{
    Q_OBJECT
public:
    ScatterPlot(const QString& title, const QString& xTitle, const QString& yTitle, QWidget* parent = nullptr);

    // `labels` runs parallel to `points` (may be empty). The y axis can be pinned to [yMin, yMax].
    void setPoints(const QList<QPointF>& points, const QStringList& labels = {});
    void setYRange(double yMin, double yMax);
    qsizetype pointCount() const;
    QScatterSeries* series() const { return m_series; }

private:
    QScatterSeries* m_series;
    QValueAxis* m_x;
    QValueAxis* m_y;
    QStringList m_labels;
    bool m_fixedY = false;
};

} // namespace bidlab::ui
