// SPDX-License-Identifier: MIT
#pragma once

#include "core/train/hyper_search.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QPlainTextEdit;
class QSettings;
class QSpinBox;
class QStackedWidget;

namespace bidlab::ui {

// The Training panel's left-side controls: the data file and its mapping, the model and its parameters,
// the split, and the search space. It turns them into requests; the panel runs them.
class TrainingSettingsForm : public QWidget
{
    Q_OBJECT
public:
    explicit TrainingSettingsForm(QWidget* parent = nullptr);

    // The request, or a sentence saying which field is wrong.
    Expected<train::TrainRequest> trainRequest() const;
    Expected<train::TuneRequest> tuneRequest() const;

    QString dataPath() const;
    void setDataPath(const QString& path);
    train::ColumnMapping mapping() const;

    void save(QSettings& settings) const;
    void restore(QSettings& settings);

Q_SIGNALS:
    void dataChanged(); // the file or its mapping changed: time for a new preview
    void trainRequested();
    void tuneRequested();

private:
    QWidget* dataGroup();
    QWidget* modelGroup();
    QWidget* splitGroup();
    QWidget* searchGroup();

    QLineEdit* m_path;
    QComboBox* m_format;
    QLineEdit* m_label;
    QComboBox* m_model;
    QStackedWidget* m_modelPages;
    QComboBox* m_optimizer;
    QLineEdit* m_l2;
    QLineEdit* m_l1;
    QSpinBox* m_hashBits;
    QSpinBox* m_iterations;
    QLineEdit* m_learningRate;
    QSpinBox* m_epochs;
    QSpinBox* m_trees;
    QSpinBox* m_depth;
    QSpinBox* m_minLeaf;
    QSpinBox* m_featuresPerSplit;
    QComboBox* m_criterion;
    QDoubleSpinBox* m_validation;
    QDoubleSpinBox* m_test;
    QSpinBox* m_seed;
    QPlainTextEdit* m_space;
    QCheckBox* m_random;
    QSpinBox* m_trials;
    QSpinBox* m_folds;
};

} // namespace bidlab::ui
