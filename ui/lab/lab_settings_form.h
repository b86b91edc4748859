// SPDX-License-Identifier: MIT
#pragma once

#include "core/lab/experiment.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSettings;
class QSpinBox;

namespace bidlab::ui {

// The lab's left-hand controls: task kind and size, tasks and serial tasks, executors, worker range, repeats;
// Run and Cancel; and a button that sets the seed's own experiment.
class LabSettingsForm : public QWidget
{
    Q_OBJECT
public:
    explicit LabSettingsForm(QWidget* parent = nullptr);

    lab::ExperimentSpec spec() const;
    void setSpec(const lab::ExperimentSpec& spec);
    // The seed's compare_performance: 4 × primes below 100,000, 1..4 workers, threads and processes.
    static lab::ExperimentSpec seedExperiment();

    void setRunning(bool running);

    void save(QSettings& settings) const;
    void restore(QSettings& settings);

Q_SIGNALS:
    void runRequested();
    void cancelRequested();

private:
    void onKindChanged();
    void updateRunnable();

    QComboBox* m_kind;
    QSpinBox* m_n;
    QLabel* m_meaning;
    QSpinBox* m_tasks;
    QSpinBox* m_serial;
    QCheckBox* m_threads;
    QCheckBox* m_processes;
    QSpinBox* m_minWorkers;
    QSpinBox* m_maxWorkers;
    QSpinBox* m_repeats;
    QLabel* m_estimate;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QPushButton* m_seed;
    bool m_running = false;
};

} // namespace bidlab::ui
