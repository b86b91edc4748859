// SPDX-License-Identifier: MIT
#pragma once

#include "core/stats/ab_analysis.h"

#include <optional>

#include <QList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
QT_END_NAMESPACE

namespace bidlab::ui {

// One line of a forest plot: a comparison's lift and its interval.
struct ForestRow
{
    QString label; // "homepage: B"
    double lift = 0; // fraction
    std::optional<stats::Interval> interval;
    stats::Decision decision = stats::Decision::NotSignificant;
    bool selected = false;
};

// A forest plot of lifts: one horizontal interval per comparison, the estimate as a dot, a dashed line at no
// effect; green for a significant increase, red for a decrease, grey otherwise; the selected row drawn
// thicker. It shows as many of the rows it is given as its height leaves readable. Qt Charts, raster, no
// animation.
class ForestPlot : public QWidget
{
    Q_OBJECT
public:
    explicit ForestPlot(QWidget* parent = nullptr);

    // `rows` in table order; `total` is how many comparisons the table has, `confidence` the interval's level.
    void setRows(const QList<ForestRow>& rows, int total, int confidence);
    int shownRows() const; // how many rows are drawn
    QChart* chart() const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    int capacity() const;
    void rebuild();

    QChartView* m_view;
    QList<ForestRow> m_rows;
    int m_total = 0;
    int m_confidence = 95;
    int m_builtCapacity = -1;
};

} // namespace bidlab::ui
