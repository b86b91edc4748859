// SPDX-License-Identifier: MIT
#include "ui/abtests/planning_view.h"

#include "ui/charts/chart_builder.h"

#include <cmath>

#include <QChart>
#include <QChartView>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

namespace bidlab::ui {

namespace {

QDoubleSpinBox* spin(double min, double max, double value, int decimals, double step, const QString& suffix = {})
{
    auto* box = new QDoubleSpinBox;
    box->setRange(min, max);
    box->setDecimals(decimals);
    box->setSingleStep(step);
    box->setValue(value);
    box->setSuffix(suffix);
    box->setKeyboardTracking(false);
    return box;
}

QString units(double n)
{
    QLocale locale = QLocale::c();
    locale.setNumberOptions(QLocale::DefaultNumberOptions);
    return locale.toString(qint64(std::ceil(n)));
}

} // namespace

PlanningView::PlanningView(QWidget* parent)
    : QWidget(parent)
    , m_baseline(spin(0.001, 99.999, 5.0, 3, 0.1, QStringLiteral(" %")))
    , m_lift(spin(-99.0, 1000.0, 10.0, 2, 1.0, QStringLiteral(" %")))
    , m_alpha(spin(0.0001, 0.5, 0.05, 4, 0.01))
    , m_power(spin(0.05, 0.9999, 0.8, 3, 0.05))
    , m_ratio(spin(0.01, 100, 1.0, 2, 0.1))
    , m_units(spin(10, 1e12, 20000, 0, 1000))
    , m_answer(new QLabel(this))
    , m_curve(new QChartView(this))
{
    auto* form = new QFormLayout;
    form->addRow(tr("Control rate (baseline)"), m_baseline);
    form->addRow(tr("Relative lift to detect"), m_lift);
    form->addRow(tr("Alpha (two-sided)"), m_alpha);
    form->addRow(tr("Power wanted"), m_power);
    form->addRow(tr("Treatment units per control unit"), m_ratio);
    form->addRow(tr("Control units available"), m_units);
    form->addRow(m_answer);
    m_answer->setWordWrap(true);
    m_answer->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_answer->setObjectName(QStringLiteral("planningAnswer"));
    auto* left = new QWidget(this);
    left->setLayout(form);
    left->setMaximumWidth(460);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(left);
    layout->addWidget(m_curve, 1);
    m_curve->setRenderHint(QPainter::Antialiasing);
    for (QDoubleSpinBox* box : { m_baseline, m_lift, m_alpha, m_power, m_ratio, m_units })
        connect(box, &QDoubleSpinBox::valueChanged, this, &PlanningView::update);
    update();
}

void PlanningView::setBaseline(double rate)
{
    if (rate > 0 && rate < 1)
        m_baseline->setValue(rate * 100);
}

QString PlanningView::answerText() const
{
    return m_answer->text();
}

void PlanningView::update()
{
    const stats::PlanningInputs in { m_baseline->value() / 100, m_alpha->value(), m_power->value(), m_ratio->value() };
    const double target = in.baseline * (1 + m_lift->value() / 100);
    const double n = m_units->value();
    const bool testable = target > 0 && target < 1 && target != in.baseline;
    double needed = 0; // control units for the target; 0 when there is none
    if (const std::optional<double> size = stats::requiredSampleSize(in, target))
        needed = *size;
    QStringList lines;
    lines << (needed > 0 ? tr("To detect %1 % → %2 % with power %3: <b>%4</b> control and <b>%5</b> treatment units.")
                               .arg(in.baseline * 100, 0, 'f', 3)
                               .arg(target * 100, 0, 'f', 3)
                               .arg(in.power)
                               .arg(units(needed), units(needed * in.ratio))
                         : tr("That lift gives no rate to detect (it must stay between 0 and 100 % and differ from the "
                              "baseline)."));
    const std::optional<double> mde = stats::minimumDetectableRate(in, n);
    lines << (mde ? tr("With %1 control units the smallest detectable rate is <b>%2 %</b> (a lift of <b>%3 %</b>).")
                        .arg(units(n))
                        .arg(*mde * 100, 0, 'f', 3)
                        .arg((*mde / in.baseline - 1) * 100, 0, 'f', 2)
                  : tr("With %1 control units no rate up to 100 % is detectable.").arg(units(n)));
    if (testable)
        lines << tr("Power with %1 control units against %2 %: <b>%3 %</b>.")
                     .arg(units(n))
                     .arg(target * 100, 0, 'f', 3)
                     .arg(stats::powerOfTest(in.baseline, target, n, in.alpha, in.ratio) * 100, 0, 'f', 1);
    m_answer->setText(lines.join(QStringLiteral("<br><br>")));

    // The power curve up to twice the units needed (or the units available).
    report::Chart chart;
    chart.title = tr("Power against control units");
    chart.kind = report::ChartKind::Line;
    chart.xTitle = tr("control units");
    chart.yTitle = tr("power");
    report::Series series { tr("power at a lift of %1 %").arg(m_lift->value()), {} };
    const double top = std::max(needed * 2, n);
    for (int i = 1; testable && i <= 100; ++i) {
        const double size = top * i / 100;
        series.points << QPointF(size, stats::powerOfTest(in.baseline, target, size, in.alpha, in.ratio));
    }
    chart.series = { series };
    QChart* old = m_curve->chart();
    m_curve->setChart(buildChart(chart));
    delete old;
}

} // namespace bidlab::ui
