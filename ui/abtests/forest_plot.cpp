// SPDX-License-Identifier: MIT
#include "ui/abtests/forest_plot.h"

#include <algorithm>
#include <cmath>

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSet>
#include <QVBoxLayout>
#include <QValueAxis>

namespace bidlab::ui {

namespace {

QColor colorOf(stats::Decision decision)
{
    switch (decision) {
    case stats::Decision::Better:
        return QColor(0x2e, 0x7d, 0x32);
    case stats::Decision::Worse:
        return QColor(0xc6, 0x28, 0x28);
    default:
        return QColor(0x75, 0x75, 0x75);
    }
}

// Category labels must be unique, and short enough to leave room for the plot.
QStringList axisLabels(const QList<ForestRow>& rows)
{
    QStringList labels;
    QSet<QString> seen;
    for (const ForestRow& row : rows) {
        QString label = row.label.size() > 32 ? row.label.left(31) + QStringLiteral("…") : row.label;
        const QString base = label;
        for (int n = 2; seen.contains(label); ++n)
            label = QStringLiteral("%1 (%2)").arg(base).arg(n);
        seen.insert(label);
        labels << label;
    }
    return labels;
}

} // namespace

ForestPlot::ForestPlot(QWidget* parent)
    : QWidget(parent)
    , m_view(new QChartView(new QChart, this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->chart()->setAnimationOptions(QChart::NoAnimation);
    m_view->chart()->legend()->hide();
    setMinimumSize(320, 240);
    rebuild();
}

QChart* ForestPlot::chart() const
{
    return m_view->chart();
}

void ForestPlot::setRows(const QList<ForestRow>& rows, int total, int confidence)
{
    m_rows = rows;
    m_total = total;
    m_confidence = confidence;
    rebuild();
}

int ForestPlot::capacity() const
{
    // Qt Charts elides a category label taller than its band: about 24 pixels a row once the title and the x
    // axis have their room.
    return std::clamp((height() - 110) / 24, 3, 60);
}

int ForestPlot::shownRows() const
{
    return std::min(int(m_rows.size()), capacity());
}

void ForestPlot::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (capacity() != m_builtCapacity && int(m_rows.size()) > std::min(capacity(), m_builtCapacity))
        rebuild();
}

void ForestPlot::rebuild()
{
    QChart* chart = m_view->chart();
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    m_builtCapacity = capacity();
    const int n = shownRows();
    if (m_rows.isEmpty())
        chart->setTitle(tr("No lifts to show yet"));
    else if (n < m_total)
        chart->setTitle(tr("Lift of the first %1 of %2 comparisons (table order)").arg(n).arg(m_total));
    else
        chart->setTitle(tr("Lift with its %1 % interval").arg(m_confidence));
    // Row i is drawn at y = n - i, so the table's first row is on top.
    double low = 0, high = 0;
    for (const ForestRow& row : m_rows.first(n)) {
        low = std::min({ low, row.lift, row.interval ? row.interval->low : row.lift });
        high = std::max({ high, row.lift, row.interval ? row.interval->high : row.lift });
    }
    const double pad = std::max(0.01, (high - low) * 0.06);
    auto* x = new QValueAxis;
    x->setRange((low - pad) * 100, (high + pad) * 100);
    x->setLabelFormat(QStringLiteral("%.3g"));
    x->setTitleText(tr("lift (%)"));
    x->applyNiceNumbers();
    auto* y = new QCategoryAxis;
    y->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
    y->setStartValue(0.5);
    const QStringList labels = axisLabels(m_rows.first(n));
    for (int i = n - 1; i >= 0; --i)
        y->append(labels[i], double(n - i) + 0.5);
    y->setRange(0.5, std::max(1, n) + 0.5);
    y->setGridLineVisible(false);
    QFont small = y->labelsFont();
    small.setPointSizeF(std::max(7.0, small.pointSizeF() - 1));
    y->setLabelsFont(small);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);

    auto attach = [&](QAbstractSeries* series) {
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
    };
    auto* zero = new QLineSeries;
    zero->append({ QPointF(0, 0.5), QPointF(0, std::max(1, n) + 0.5) });
    zero->setPen(QPen(QColor(0x9e, 0x9e, 0x9e), 1, Qt::DashLine));
    attach(zero);
    for (int i = 0; i < n; ++i) {
        const ForestRow& row = m_rows[i];
        const double at = double(n - i);
        const QColor color = colorOf(row.decision);
        if (row.interval) {
            auto* line = new QLineSeries;
            line->append({ QPointF(row.interval->low * 100, at), QPointF(row.interval->high * 100, at) });
            line->setPen(QPen(color, row.selected ? 4 : 2));
            attach(line);
        }
        auto* dot = new QScatterSeries;
        dot->append(row.lift * 100, at);
        dot->setColor(color);
        dot->setBorderColor(row.selected ? QColor(Qt::black) : color);
        dot->setMarkerSize(row.selected ? 13 : 9);
        attach(dot);
    }
}

} // namespace bidlab::ui
