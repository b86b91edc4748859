// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/engine_config.h"
#include "core/engine/engine_snapshot.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSlider;
class QSpinBox;

namespace bidlab::ui {

// The Live bidding tab's left-hand controls: worker processes and target QPS (slider + spin box, QPS on a
// logarithmic scale, or unlimited), the bid strategy and its parameters, and the settings fixed for a run
// (auction type, tmax, bot share, seed, ...), which are disabled with a tooltip while a run goes on. Live
// changes are announced shortly after the person stops moving a control (150 ms), well within a second.
class LiveControls : public QWidget
{
    Q_OBJECT
public:
    explicit LiveControls(QWidget* parent = nullptr);

    // The config the controls describe, over the scenario they were last given (its other fields kept).
    engine::EngineConfig config() const;
    void setConfig(const engine::EngineConfig& config);
    // Enables what may change in this state; shows the state and the elapsed time.
    void setRunState(engine::EngineState state);
    void setElapsed(double seconds);

    double chartWindowSeconds() const;
    void setChartWindowSeconds(double seconds);

    // The widgets, for tests that move them like a person does.
    QSlider* workersSlider() const { return m_workersSlider; }
    QSpinBox* workersSpin() const { return m_workersSpin; }
    QSlider* qpsSlider() const { return m_qpsSlider; }
    QSpinBox* qpsSpin() const { return m_qpsSpin; }
    QCheckBox* unlimitedCheck() const { return m_unlimited; }
    QComboBox* strategyCombo() const { return m_strategy; }
    QComboBox* auctionCombo() const { return m_auction; }

Q_SIGNALS:
    void workerCountChanged(int workers);
    void targetQpsChanged(qint64 qps, bool unlimited);
    void strategyChanged(const bidlab::bidding::StrategyParams& params);
    void chartWindowChanged(double seconds);

private:
    void compact();
    QGroupBox* createRunBox();
    QGroupBox* createWorkersBox();
    QGroupBox* createTrafficBox();
    QGroupBox* createStrategyBox();
    QGroupBox* createFixedBox();
    QGroupBox* createChartsBox();
    void showStrategyParameters();
    bidding::StrategyParams strategyParams() const;
    void setQpsFromSlider(int position);
    void setQpsFromSpin(int qps);
    void updateShadingEnabled();

    engine::EngineConfig m_base;
    bool m_running = false;
    QTimer m_workersDebounce;
    QTimer m_qpsDebounce;
    QTimer m_strategyDebounce;

    QLabel* m_state = nullptr;
    QLabel* m_elapsed = nullptr;
    QSlider* m_workersSlider = nullptr;
    QSpinBox* m_workersSpin = nullptr;
    QSlider* m_qpsSlider = nullptr;
    QSpinBox* m_qpsSpin = nullptr;
    QCheckBox* m_unlimited = nullptr;
    QComboBox* m_strategy = nullptr;
    QFormLayout* m_strategyForm = nullptr;
    QDoubleSpinBox* m_baseBid = nullptr;
    QDoubleSpinBox* m_averageCtr = nullptr;
    QDoubleSpinBox* m_randomMin = nullptr;
    QDoubleSpinBox* m_randomMax = nullptr;
    QDoubleSpinBox* m_bidCap = nullptr; // StrategyParams::maxBidCpm, every strategy
    QDoubleSpinBox* m_ortbC = nullptr;
    QDoubleSpinBox* m_ortbLambda = nullptr;
    QComboBox* m_ortbForm = nullptr;
    QCheckBox* m_shading = nullptr;
    QLabel* m_strategyNote = nullptr;
    QGroupBox* m_fixedBox = nullptr;
    QComboBox* m_auction = nullptr;
    QSpinBox* m_tmax = nullptr;
    QDoubleSpinBox* m_botShare = nullptr;
    QLineEdit* m_seed = nullptr;
    QSpinBox* m_campaigns = nullptr;
    QCheckBox* m_evenPacing = nullptr;
    QSpinBox* m_duration = nullptr;
    QComboBox* m_window = nullptr;
};

} // namespace bidlab::ui
