// SPDX-License-Identifier: MIT
#include "ui/widgets/scatter_plot.h"

#include "ui/widgets/number_text.h"

#include <algorithm>

#include <QChart>
#include <QLegend>
#include <QScatterSeries>
#include <QValueAxis>

namespace bidlab::ui {

ScatterPlot::ScatterPlot(const QString& title, const QString& xTitle, const QString& yTitle, QWidget* parent)
    : ChartView(parent)
    , m_series(new QScatterSeries)
    , m_x(new QValueAxis)
    , m_y(new QValueAxis)
{
    auto* chart = new QChart;
    chart->setTitle(title);
    QFont titleFont = chart->titleFont();
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    chart->setDropShadowEnabled(false);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->hide();
    m_series->setMarkerSize(8);
    m_series->setColor(QColor(0x4e, 0x79, 0xa7));
    m_series->setBorderColor(Qt::transparent);
    m_x->setTitleText(xTitle);
    m_y->setTitleText(yTitle);
    chart->addSeries(m_series);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    m_series->attachAxis(m_x);
    m_series->attachAxis(m_y);
    showChart(chart);
    setHoverText(m_series, [this](const QXYSeries& series, const QPointF& point) -> QString {
        const QList<QPointF> points = series.points();
        const auto at = std::find(points.cbegin(), points.cend(), point);
        const qsizetype index = at - points.cbegin();
        const QString label = index < m_labels.size() ? m_labels[index] : QString();
        return (label.isEmpty() ? QString() : label + QStringLiteral("\n")) + m_y->titleText() + QStringLiteral(": ")
            + compactNumber(point.y()) + QStringLiteral("\n") + m_x->titleText() + QStringLiteral(": ")
            + compactNumber(point.x());
    });
}

void ScatterPlot::setYRange(double yMin, double yMax)
{
    m_fixedY = true;
    m_y->setRange(yMin, yMax);
}

qsizetype ScatterPlot::pointCount() const
{
    return m_series->count();
}

void ScatterPlot::setPoints(const QList<QPointF>& points, const QStringList& labels)
{
    m_labels = labels;
    m_series->replace(points);
    double xMax = 0;
    double yMax = 0;
    for (const QPointF& p : points) {
        xMax = std::max(xMax, p.x());
        yMax = std::max(yMax, p.y());
    }
    m_x->setRange(0, xMax > 0 ? xMax * 1.08 : 1.0);
    m_x->applyNiceNumbers();
    if (!m_fixedY) {
        m_y->setRange(0, yMax > 0 ? yMax * 1.08 : 1.0);
        m_y->applyNiceNumbers();
    }
}

} // namespace bidlab::ui
