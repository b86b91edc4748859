// SPDX-License-Identifier: MIT
// The engine runner's worker slots: start, notice a death, take back its requests, restart with back-off,
// give up on a crash loop, retire, kill a hung worker.
#include "core/engine/engine_runner.h"
#include "core/engine/ipc/cycle_clock.h"

#include <QCoreApplication>

namespace bidlab::engine::detail {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("Engine", text);
}

} // namespace

void EngineRunner::spawn(WorkerSlot& slot, std::int64_t now)
{
    Expected<WorkerChannel> channel = WorkerChannel::create(slot.id);
    if (!channel) {
        slot.state = WorkerState::Failed;
        event(EventSeverity::Error, EventKind::WorkerCrashed,
              tr("Worker %1 cannot be started: %2").arg(slot.id).arg(channel.error()), slot.id);
        return;
    }
    slot.channel = std::move(channel).value();
    slot.state = slot.incarnation == 0 ? WorkerState::Starting : WorkerState::Restarting;
    slot.restartAtNs = 0;
    ++slot.incarnation;
    slot.processRunning = true;
    slot.expectExit = false;
    slot.retiring = false;
    slot.misordered = 0;
    slot.lastProgressNs = now;
    const int incarnation = slot.incarnation;
    const int id = slot.id;
    const int hubFd = m_hub->fd();
    const int workerFd = slot.channel->fd();
    const QString program = m_program;
    const int nice = m_config.workerNice;
    QMetaObject::invokeMethod(
        m_supervisor,
        [=, supervisor = m_supervisor] { supervisor->spawn(id, incarnation, program, hubFd, workerFd, nice); },
        Qt::QueuedConnection);
}

void EngineRunner::handleNotice(const SupervisorNotice& n)
{
    if (n.slot < 0 || static_cast<std::size_t>(n.slot) >= m_slots.size())
        return;
    WorkerSlot& slot = *m_slots[static_cast<std::size_t>(n.slot)];
    if (n.incarnation != slot.incarnation)
        return; // about an older process of this slot
    switch (n.kind) {
    case SupervisorNotice::Started:
        slot.pid = n.pid;
        break;
    case SupervisorNotice::StderrLine:
        event(EventSeverity::Warning, EventKind::WorkerStderr, tr("Worker %1: %2").arg(n.slot).arg(n.text), n.slot);
        break;
    case SupervisorNotice::Exited:
    case SupervisorNotice::FailedToStart:
        workerGone(slot, n);
        break;
    case SupervisorNotice::AllStopped:
        break;
    }
}

void EngineRunner::workerGone(WorkerSlot& slot, const SupervisorNotice& n)
{
    slot.processRunning = false;
    const std::int64_t now = ipc::steadyNowNs();
    if (slot.channel) {
        collect(now); // what it published before it died is valid
        if (m_batch && m_batch->complete())
            finishBatch();
    }
    const std::size_t lost = slot.channel ? slot.channel->unanswered() : 0;
    if (slot.expectExit && n.kind == SupervisorNotice::Exited && !n.crashed && n.exitCode == 0) {
        reclaim(slot, now);
        slot.state = WorkerState::Stopped;
        slot.channel.reset();
        if (slot.retiring)
            event(EventSeverity::Info, EventKind::WorkerRetired, tr("Worker %1 drained and retired.").arg(slot.id),
                  slot.id);
        slot.retiring = false;
        return;
    }
    const QString why = n.kind == SupervisorNotice::FailedToStart
        ? tr("could not start: %1").arg(n.text)
        : (n.crashed ? tr("was killed by a signal") : tr("exited with code %1").arg(n.exitCode));
    QString message;
    if (slot.channel && slot.channel->header().status.load() == protocol::kFailed)
        message = QString::fromUtf8(slot.channel->header().message);
    reclaim(slot, now);
    slot.channel.reset();
    const double detectMs = slot.killRequestedNs ? static_cast<double>(n.atNs - slot.killRequestedNs) / 1e6 : 0.0;
    event(EventSeverity::Error, EventKind::WorkerCrashed,
          tr("Worker %1 (pid %2) %3 with %4 requests in flight%5%6.")
              .arg(slot.id)
              .arg(slot.pid)
              .arg(why)
              .arg(lost)
              .arg(message.isEmpty() ? QString() : QStringLiteral(": ") + message)
              .arg(slot.killRequestedNs ? tr("; noticed %1 ms after the kill").arg(detectMs, 0, 'f', 2) : QString()),
          slot.id, static_cast<qint64>(lost), slot.killRequestedNs ? n.atNs - slot.killRequestedNs : 0);
    if (n.kind == SupervisorNotice::FailedToStart) { // never restart a program that cannot start
        slot.state = WorkerState::Failed;
        return;
    }
    if (slot.retiring) { // it was on its way out anyway
        slot.retiring = false;
        slot.state = WorkerState::Stopped;
        return;
    }
    if (slot.recordCrash(now, m_config.crashLoopLimit,
                         static_cast<std::int64_t>(m_config.crashLoopWindowSeconds) * 1'000'000'000)) {
        slot.state = WorkerState::Failed;
        event(EventSeverity::Error, EventKind::CrashLoop,
              tr("Worker %1 crashed %2 times within %3 s; it is not restarted again (crash loop).")
                  .arg(slot.id)
                  .arg(slot.crashTimes.size())
                  .arg(m_config.crashLoopWindowSeconds),
              slot.id, static_cast<qint64>(slot.crashTimes.size()));
        if (m_crashLoopSlot == slot.id)
            m_crashLoopSlot = -1;
        return;
    }
    slot.state = WorkerState::Restarting;
    slot.restartAtNs = now + slot.restartDelayNs();
}

void EngineRunner::reclaim(WorkerSlot& slot, std::int64_t now)
{
    if (!slot.channel)
        return;
    WorkerChannel& channel = *slot.channel;
    const std::size_t n = channel.unanswered();
    std::size_t timedOut = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const bidding::BidRequest& request = channel.request(k);
        const std::int64_t created = channel.created(k);
        if (!m_batch && now - created > m_tmaxNs) {
            m_exchange->timedOut(request, nullptr);
            record(request.id, Outcome::Timeout);
            ++timedOut;
        } else {
            m_pending.push_back({ request, created });
        }
    }
    channel.forget(n);
    if (n)
        event(EventSeverity::Info, EventKind::WorkerCrashed,
              tr("%1 requests taken back from worker %2: %3 sent again, %4 past tmax counted as timeouts.")
                  .arg(n)
                  .arg(slot.id)
                  .arg(n - timedOut)
                  .arg(timedOut),
              slot.id, static_cast<qint64>(n));
}

void EngineRunner::superviseSlots(std::int64_t now)
{
    for (const auto& slotPtr : m_slots) {
        WorkerSlot& slot = *slotPtr;
        if ((slot.state == WorkerState::Starting || slot.state == WorkerState::Restarting) && slot.channel) {
            const std::uint32_t status = slot.channel->header().status.load(std::memory_order_acquire);
            if (status == protocol::kReady) {
                const bool restart = slot.state == WorkerState::Restarting;
                slot.state = WorkerState::Running;
                slot.pid = slot.channel->header().pid.load();
                slot.lastProgressNs = now;
                if (restart) {
                    ++slot.restarts;
                    ++m_totalRestarts;
                }
                if (m_nextId == 0) // the run's traffic starts with its first worker
                    m_paceNextNs = static_cast<double>(now);
                const qint64 sinceKill = slot.killRequestedNs ? now - slot.killRequestedNs : 0;
                const QString replaced = sinceKill
                    ? tr(" (replaced %1 ms after the kill)").arg(static_cast<double>(sinceKill) / 1e6, 0, 'f', 1)
                    : QString();
                slot.killRequestedNs = 0;
                event(EventSeverity::Info, restart ? EventKind::WorkerRestarted : EventKind::WorkerStarted,
                      tr("Worker %1 is running (pid %2)%3.").arg(slot.id).arg(slot.pid).arg(replaced), slot.id,
                      slot.pid, sinceKill);
                if (m_crashLoopSlot == slot.id)
                    killWorker(slot.id);
            }
        }
        if (slot.state == WorkerState::Restarting && !slot.channel && now >= slot.restartAtNs && !m_stopping)
            spawn(slot, now);
        // A worker that makes no progress with requests in its ring is hung: kill it; the crash path recovers.
        if (slot.state == WorkerState::Running && slot.channel && slot.channel->inFlight() > 0 && slot.processRunning
            && !slot.killRequestedNs) {
            // Generous: on a loaded machine a low-priority worker can wait seconds for a core.
            const std::int64_t limit = std::max<std::int64_t>(m_batch ? 10'000'000'000 : 5'000'000'000, 20 * m_tmaxNs);
            if (now - slot.lastProgressNs > limit) {
                event(EventSeverity::Error, EventKind::WorkerUnresponsive,
                      tr("Worker %1 answered nothing for %2 s with %3 requests in its ring; it is killed.")
                          .arg(slot.id)
                          .arg(static_cast<double>(now - slot.lastProgressNs) / 1e9, 0, 'f', 1)
                          .arg(slot.channel->inFlight()),
                      slot.id);
                killWorker(slot.id);
            }
        }
        if (slot.retiring && slot.channel && slot.channel->inFlight() == 0
            && !slot.channel->header().retire.load(std::memory_order_relaxed)) {
            slot.expectExit = true;
            slot.channel->header().retire.store(1, std::memory_order_release);
            slot.channel->nudge();
        }
    }
    checkModelDeployment();
    endIncidents(now);
}

void EngineRunner::killWorker(int id)
{
    if (id < 0 || static_cast<std::size_t>(id) >= m_slots.size())
        return;
    WorkerSlot& slot = *m_slots[static_cast<std::size_t>(id)];
    if (!slot.processRunning)
        return;
    slot.killRequestedNs = ipc::steadyNowNs();
    const int incarnation = slot.incarnation;
    QMetaObject::invokeMethod(
        m_supervisor, [supervisor = m_supervisor, id, incarnation] { supervisor->kill(id, incarnation); },
        Qt::QueuedConnection);
}

} // namespace bidlab::engine::detail
