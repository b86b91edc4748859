// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"
#include "core/replay/replay_job.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSettings;
class QSpinBox;

namespace bidlab::ui {

// The Replay tab's left-side controls: the campaign folder (its info.json) and the log in it, the
// strategy, c0, the episode length and how many auctions to replay, and Run; Run live replays the same
// through the live engine at the live QPS chosen here.
class ReplayControls : public QWidget
{
    Q_OBJECT
public:
    explicit ReplayControls(QWidget* parent = nullptr);

    // The replay the inputs describe, or why they do not describe one yet.
    Expected<replay::ReplayParams> params() const;

    void setCampaignFolder(const QString& folder);
    void setLog(const QString& path);
    void setStrategy(const QString& name);
    void setRunning(bool running);
    // Requests per second of a live replay; 0: unlimited (as fast as the workers answer).
    qint64 liveQps() const;
    void setLiveQps(qint64 qps);

    void saveSettings(QSettings& settings) const;
    void restoreSettings(QSettings& settings);

Q_SIGNALS:
    void runRequested();
    void runLiveRequested();

private:
    void browseFolder();
    void browseLog();
    void refreshLogs();
    void refreshBudget();
    QString infoPath() const;

    QLineEdit* m_folder;
    QComboBox* m_log;
    QComboBox* m_strategy;
    QComboBox* m_c0;
    QSpinBox* m_episode;
    QSpinBox* m_limit;
    QDoubleSpinBox* m_b0;
    QLabel* m_budget;
    QPushButton* m_run;
    QSpinBox* m_liveQps;
    QPushButton* m_runLive;
};

} // namespace bidlab::ui
