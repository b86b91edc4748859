// SPDX-License-Identifier: MIT
#pragma once

#include "core/anomaly/detection.h"

#include <memory>

#include <QWidget>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QDateTimeAxis;
class QLineSeries;
class QScatterSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace bidlab::ui {

// Two charts over the same time axis: the series with its detections marked, and the anomaly score with
// the threshold. Raster series, no animation (they are grabbed and exported as they are shown).
class AnomalyChart : public QWidget
{
    Q_OBJECT
public:
    explicit AnomalyChart(QWidget* parent = nullptr);

    void setResult(std::shared_ptr<const anomaly::DetectionResult> result, double threshold);
    void setThreshold(double threshold);
    void clear();

    // For tests: points drawn.
    qsizetype valuePointCount() const;
    qsizetype detectionPointCount() const;

private:
    struct Plot
    {
        QChart* chart;
        QChartView* view;
        QDateTimeAxis* x;
        QValueAxis* y;
    };
    Plot makePlot(const QString& yTitle);
    void updateMarkers();

    std::shared_ptr<const anomaly::DetectionResult> m_result;
    double m_threshold = anomaly::kDefaultThreshold;
    Plot m_valuePlot;
    Plot m_scorePlot;
    QLineSeries* m_values;
    QScatterSeries* m_detections;
    QLineSeries* m_scores;
    QLineSeries* m_thresholdLine;
};

} // namespace bidlab::ui
