// SPDX-License-Identifier: MIT
#pragma once

#include "core/stats/ab_analysis.h"

#include <memory>

#include <QAbstractTableModel>

namespace bidlab::ui {

// The comparisons of an A/B analysis as a table: one row per treatment arm against its control. Display
// texts follow the metric (rates in %, revenue and ROAS as decimals); SortRole gives numbers (p-values,
// lifts) so that a proxy sorts them as numbers, with empty values last.
class AbResultsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Experiment,
        Arms,
        Control,
        Treatment,
        Lift,
        LiftInterval,
        PValue,
        AdjustedPValue,
        Decision,
        Warnings,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int ComparisonRole = Qt::UserRole + 2; // the row's index in the analysis

    explicit AbResultsModel(QObject* parent = nullptr);

    void setAnalysis(std::shared_ptr<const stats::Analysis> analysis);
    const stats::Analysis* analysis() const { return m_analysis.get(); }
    const stats::Comparison* comparison(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // How the values of a metric read: "4.857 %", "12.3400".
    static QString valueText(stats::Metric metric, std::optional<double> value);
    static QString percentText(std::optional<double> fraction, int decimals = 2);

private:
    QVariant display(const stats::Comparison& c, int column) const;
    QVariant sortValue(const stats::Comparison& c, int column) const;

    std::shared_ptr<const stats::Analysis> m_analysis;
};

} // namespace bidlab::ui
