// SPDX-License-Identifier: MIT
#include "ui/anomalies/anomaly_chart.h"

#include <algorithm>

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <QValueAxis>

namespace bidlab::ui {

namespace {

template<class S> S* attach(QChart* chart, S* series, QDateTimeAxis* x, QValueAxis* y)
{
    chart->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
    return series;
}

} // namespace

AnomalyChart::Plot AnomalyChart::makePlot(const QString& yTitle)
{
    Plot plot { new QChart, nullptr, new QDateTimeAxis, new QValueAxis };
    plot.chart->setAnimationOptions(QChart::NoAnimation);
    plot.chart->legend()->setAlignment(Qt::AlignBottom);
    plot.chart->setMargins(QMargins(4, 4, 4, 4));
    plot.x->setFormat(QStringLiteral("MM-dd HH:mm"));
    plot.x->setTitleText(tr("time"));
    plot.y->setTitleText(yTitle);
    plot.chart->addAxis(plot.x, Qt::AlignBottom);
    plot.chart->addAxis(plot.y, Qt::AlignLeft);
    plot.view = new QChartView(plot.chart, this);
    plot.view->setRenderHint(QPainter::Antialiasing);
    return plot;
}

AnomalyChart::AnomalyChart(QWidget* parent)
    : QWidget(parent)
    , m_valuePlot(makePlot(tr("value")))
    , m_scorePlot(makePlot(tr("score")))
{
    m_values = attach(m_valuePlot.chart, new QLineSeries, m_valuePlot.x, m_valuePlot.y);
    m_values->setName(tr("value"));
    m_detections = attach(m_valuePlot.chart, new QScatterSeries, m_valuePlot.x, m_valuePlot.y);
    m_detections->setName(tr("detection"));
    m_detections->setMarkerSize(9);
    m_detections->setColor(QColor(0xd6, 0x27, 0x28));
    m_detections->setBorderColor(QColor(0xd6, 0x27, 0x28));
    m_scores = attach(m_scorePlot.chart, new QLineSeries, m_scorePlot.x, m_scorePlot.y);
    m_scores->setName(tr("score"));
    m_thresholdLine = attach(m_scorePlot.chart, new QLineSeries, m_scorePlot.x, m_scorePlot.y);
    m_thresholdLine->setName(tr("threshold"));
    QPen dashed(QColor(0xd6, 0x27, 0x28));
    dashed.setStyle(Qt::DashLine);
    m_thresholdLine->setPen(dashed);
    m_scorePlot.y->setRange(0.0, 1.0);
    m_valuePlot.view->setObjectName(QStringLiteral("anomalyValueChart"));
    m_scorePlot.view->setObjectName(QStringLiteral("anomalyScoreChart"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_valuePlot.view, 3);
    layout->addWidget(m_scorePlot.view, 2);
}

void AnomalyChart::setResult(std::shared_ptr<const anomaly::DetectionResult> result, double threshold)
{
    m_result = std::move(result);
    m_threshold = threshold;
    if (!m_result || m_result->series.values.empty()) {
        clear();
        return;
    }
    const auto& series = m_result->series;
    QList<QPointF> values;
    QList<QPointF> scores;
    values.reserve(series.size());
    scores.reserve(series.size());
    for (std::size_t i = 0; i < series.values.size(); ++i) {
        const auto ms = static_cast<qreal>(series.timesMs[i]);
        values.append({ ms, series.values[i] });
        scores.append({ ms, m_result->scores[i] });
    }
    m_values->replace(values); // replace, not clear + append: one repaint
    m_scores->replace(scores);
    const auto [low, high] = std::minmax_element(series.values.begin(), series.values.end());
    const double pad = *high > *low ? 0.05 * (*high - *low) : 1.0;
    m_valuePlot.y->setRange(*low - pad, *high + pad);
    const QDateTime first = QDateTime::fromMSecsSinceEpoch(series.timesMs.front());
    const QDateTime last = QDateTime::fromMSecsSinceEpoch(series.timesMs.back());
    for (Plot* plot : { &m_valuePlot, &m_scorePlot })
        plot->x->setRange(first, last);
    m_valuePlot.chart->setTitle(series.source.section(QLatin1Char('/'), -1));
    m_scorePlot.chart->setTitle(tr("%1 (probation: first %2 rows)").arg(m_result->detector).arg(m_result->probation));
    updateMarkers();
}

void AnomalyChart::setThreshold(double threshold)
{
    m_threshold = threshold;
    updateMarkers();
}

void AnomalyChart::updateMarkers()
{
    if (!m_result || m_result->series.values.empty())
        return;
    const auto& series = m_result->series;
    QList<QPointF> marks;
    for (std::size_t i = 0; i < series.values.size(); ++i) {
        if (m_result->scores[i] >= m_threshold)
            marks.append({ static_cast<qreal>(series.timesMs[i]), series.values[i] });
    }
    m_detections->replace(marks);
    m_thresholdLine->replace({ { static_cast<qreal>(series.timesMs.front()), m_threshold },
                               { static_cast<qreal>(series.timesMs.back()), m_threshold } });
}

void AnomalyChart::clear()
{
    m_result.reset();
    for (QXYSeries* s : std::initializer_list<QXYSeries*> { m_values, m_detections, m_scores, m_thresholdLine })
        s->clear();
    m_valuePlot.chart->setTitle(QString());
    m_scorePlot.chart->setTitle(QString());
}

qsizetype AnomalyChart::valuePointCount() const
{
    return m_values->count();
}

qsizetype AnomalyChart::detectionPointCount() const
{
    return m_detections->count();
}

} // namespace bidlab::ui
