// SPDX-License-Identifier: MIT
#include "ui/jobs/job_view.h"

#include "core/jobs/job.h"
#include "core/jobs/job_tracker.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

namespace bidlab::ui {

JobView::JobView(QWidget* parent)
    : QWidget(parent)
    , m_bar(new QProgressBar(this))
    , m_label(new QLabel(this))
    , m_elapsed(new QLabel(this))
    , m_pause(new QToolButton(this))
    , m_cancel(new QToolButton(this))
    , m_tick(new QTimer(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_bar->setRange(0, jobs::kProgressMax);
    m_bar->setTextVisible(true);
    m_bar->setFormat(QStringLiteral("%p%"));
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_pause->setCheckable(true);
    m_pause->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    m_pause->setToolTip(tr("Pause the job between two chunks of work"));
    m_cancel->setIcon(style()->standardIcon(QStyle::SP_DialogCancelButton));
    m_cancel->setToolTip(tr("Cancel the job"));
    m_cancel->setObjectName(QStringLiteral("cancelJob"));
    layout->addWidget(m_bar, 2);
    layout->addWidget(m_label, 3);
    layout->addWidget(m_elapsed);
    layout->addWidget(m_pause);
    layout->addWidget(m_cancel);
    m_pause->setEnabled(false);
    m_cancel->setEnabled(false);
    m_tick->setInterval(250);
    connect(m_tick, &QTimer::timeout, this, &JobView::updateElapsed);
}

void JobView::setTracker(jobs::JobTracker* tracker)
{
    if (m_tracker)
        disconnect(m_tracker, nullptr, this, nullptr);
    m_tracker = tracker;
    if (!tracker)
        return;
    connect(tracker, &jobs::JobTracker::started, this, &JobView::onStarted);
    connect(tracker, &jobs::JobTracker::progressChanged, this, &JobView::onProgress);
    connect(tracker, &jobs::JobTracker::finished, this,
            [this](jobs::JobTracker::Outcome outcome, const QString& message) {
                onFinished(static_cast<int>(outcome), message);
            });
    connect(tracker, &jobs::JobTracker::suspendedChanged, this, [this](bool suspended) {
        m_pause->setChecked(suspended);
        m_label->setText(suspended ? tr("Paused") : m_label->text());
    });
    connect(m_cancel, &QToolButton::clicked, tracker, &jobs::JobTracker::cancel);
    connect(m_pause, &QToolButton::toggled, tracker, &jobs::JobTracker::setSuspended);
}

QString JobView::statusText() const
{
    return m_label->text();
}

int JobView::progressValue() const
{
    return m_bar->value();
}

void JobView::onStarted()
{
    m_bar->setValue(0);
    m_label->setText(tr("Starting…"));
    m_pause->setChecked(false);
    m_pause->setEnabled(true);
    m_cancel->setEnabled(true);
    m_clock.start();
    m_tick->start();
    updateElapsed();
}

void JobView::onProgress(int value, const QString& text)
{
    m_bar->setValue(value);
    if (!text.isEmpty())
        m_label->setText(text);
}

void JobView::onFinished(int outcome, const QString& message)
{
    m_tick->stop();
    updateElapsed();
    m_pause->setEnabled(false);
    m_cancel->setEnabled(false);
    switch (static_cast<jobs::JobTracker::Outcome>(outcome)) {
    case jobs::JobTracker::Outcome::Succeeded:
        m_bar->setValue(jobs::kProgressMax);
        m_label->setText(tr("Done"));
        break;
    case jobs::JobTracker::Outcome::Failed:
        m_label->setText(tr("Failed: %1").arg(message));
        break;
    case jobs::JobTracker::Outcome::Canceled:
        m_label->setText(message);
        break;
    }
}

void JobView::updateElapsed()
{
    const qint64 ms = m_clock.isValid() ? m_clock.elapsed() : 0;
    m_elapsed->setText(QStringLiteral("%1 s").arg(static_cast<double>(ms) / 1000.0, 0, 'f', 1));
}

} // namespace bidlab::ui
