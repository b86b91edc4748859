// SPDX-License-Identifier: MIT
#pragma once

#include "core/anomaly/detection.h"

#include <memory>

#include <QAbstractTableModel>

namespace bidlab::ui {

// The detections of a scored series (row, timestamp, value, score), one line each, in time order. It
// shares the result it shows and only holds the indices of the rows at or above the threshold.
class DetectionTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { RowColumn, TimeColumn, ValueColumn, ScoreColumn, ColumnCount };

    explicit DetectionTableModel(QObject* parent = nullptr);

    void setResult(std::shared_ptr<const anomaly::DetectionResult> result, double threshold);
    void setThreshold(double threshold);
    // The series row of a table row.
    qsizetype seriesRow(int tableRow) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void collect();

    std::shared_ptr<const anomaly::DetectionResult> m_result;
    double m_threshold = anomaly::kDefaultThreshold;
    std::vector<qsizetype> m_rows;
};

} // namespace bidlab::ui
