// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;
class QTimer;

namespace bidlab::jobs {
class JobTracker;
}

namespace bidlab::ui {

// Shows the job a JobTracker follows: a progress bar with the job's text, elapsed time, Pause/Resume and
// Cancel. Hidden while idle unless told otherwise; the last outcome stays visible in the label.
class JobView : public QWidget
{
    Q_OBJECT
public:
    explicit JobView(QWidget* parent = nullptr);

    void setTracker(jobs::JobTracker* tracker);

    // For tests and status texts.
    QString statusText() const;
    int progressValue() const;

private:
    void onStarted();
    void onProgress(int value, const QString& text);
    void onFinished(int outcome, const QString& message);
    void updateElapsed();

    jobs::JobTracker* m_tracker = nullptr;
    QProgressBar* m_bar;
    QLabel* m_label;
    QLabel* m_elapsed;
    QToolButton* m_pause;
    QToolButton* m_cancel;
    QTimer* m_tick;
    QElapsedTimer m_clock;
};

} // namespace bidlab::ui
