// SPDX-License-Identifier: MIT
#pragma once

#include "core/stats/power.h"

#include <QWidget>

class QDoubleSpinBox;
class QLabel;
QT_BEGIN_NAMESPACE
class QChartView;
QT_END_NAMESPACE

namespace bidlab::ui {

// Planning a test of rates before it runs: the units it needs for a lift, the smallest lift that a given
// number of units detects, and the power curve over sample sizes. Answers update as the inputs change.
class PlanningView : public QWidget
{
    Q_OBJECT
public:
    explicit PlanningView(QWidget* parent = nullptr);

    void setBaseline(double rate); // e.g. the control's observed rate
    QString answerText() const; // for tests

private:
    void update();

    QDoubleSpinBox* m_baseline; // %
    QDoubleSpinBox* m_lift; // relative, %
    QDoubleSpinBox* m_alpha;
    QDoubleSpinBox* m_power;
    QDoubleSpinBox* m_ratio;
    QDoubleSpinBox* m_units;
    QLabel* m_answer;
    QChartView* m_curve;
};

} // namespace bidlab::ui
