// SPDX-License-Identifier: MIT
#include "core/engine/worker_supervisor.h"

#include "core/engine/ipc/child_process.h"
#include "core/engine/ipc/cycle_clock.h"

#include <chrono>

namespace bidlab::engine {

WorkerSupervisor::WorkerSupervisor(Notify notify)
    : m_notify(std::move(notify))
{ }

WorkerSupervisor::~WorkerSupervisor()
{
    for (auto& [slot, child] : m_children) {
        if (child.process && child.process->state() != QProcess::NotRunning) {
            child.process->disconnect(this);
            child.process->kill();
            child.process->waitForFinished(2000);
        }
    }
}

void WorkerSupervisor::spawn(int slot, int incarnation, const QString& program, int hubFd, int workerFd, int nice)
{
    Child& child = m_children[slot];
    if (child.process) { // the previous incarnation has finished; drop its object (and its signals) now
        child.process->disconnect(this);
        if (child.process->state() != QProcess::NotRunning) {
            child.process->kill();
            child.process->waitForFinished(1000);
        }
    }
    child.process = std::make_unique<QProcess>();
    child.incarnation = incarnation;
    child.pendingStderr.clear();
    QProcess* process = child.process.get();
    process->setProgram(program);
    process->setArguments(
        { QStringLiteral("--hub-fd"), QString::number(hubFd), QStringLiteral("--shm-fd"), QString::number(workerFd) });
    process->setProcessChannelMode(QProcess::SeparateChannels);
    process->setStandardOutputFile(QProcess::nullDevice());
    ipc::prepareChild(*process, { hubFd, workerFd }, nice);

    connect(process, &QProcess::started, this, [this, slot, incarnation, process] {
        m_notify(
            { SupervisorNotice::Started, slot, incarnation, process->processId(), 0, false, {}, ipc::steadyNowNs() });
    });
    connect(process, &QProcess::readyReadStandardError, this, [this, slot, process] { readStderr(slot, process); });
    connect(process, &QProcess::finished, this,
            [this, slot, incarnation, process](int code, QProcess::ExitStatus status) {
                readStderr(slot, process);
                m_notify({ SupervisorNotice::Exited,
                           slot,
                           incarnation,
                           process->processId(),
                           code,
                           status == QProcess::CrashExit,
                           {},
                           ipc::steadyNowNs() });
            });
    connect(process, &QProcess::errorOccurred, this, [this, slot, incarnation, process](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            m_notify({ SupervisorNotice::FailedToStart, slot, incarnation, 0, -1, false, process->errorString(),
                       ipc::steadyNowNs() });
    });
    process->start(QIODevice::ReadOnly);
}

void WorkerSupervisor::readStderr(int slot, QProcess* process)
{
    const auto it = m_children.find(slot);
    if (it == m_children.end() || it->second.process.get() != process)
        return;
    QByteArray& pending = it->second.pendingStderr;
    pending += process->readAllStandardError();
    qsizetype newline;
    while ((newline = pending.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(pending.left(newline)).trimmed();
        pending.remove(0, newline + 1);
        if (!line.isEmpty())
            m_notify({ SupervisorNotice::StderrLine, slot, it->second.incarnation, process->processId(), 0, false, line,
                       ipc::steadyNowNs() });
    }
}

void WorkerSupervisor::kill(int slot, int incarnation)
{
    const auto it = m_children.find(slot);
    if (it != m_children.end() && it->second.incarnation == incarnation && it->second.process
        && it->second.process->state() != QProcess::NotRunning)
        it->second.process->kill();
}

void WorkerSupervisor::stopAll(int graceMs)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(graceMs);
    for (auto& [slot, child] : m_children) {
        QProcess* process = child.process.get();
        if (!process || process->state() == QProcess::NotRunning)
            continue;
        const auto left
            = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (!process->waitForFinished(static_cast<int>(std::max<std::int64_t>(1, left.count())))) {
            process->kill();
            process->waitForFinished(2000);
        }
    }
    m_notify({ SupervisorNotice::AllStopped, -1, 0, 0, 0, false, {}, ipc::steadyNowNs() });
}

} // namespace bidlab::engine
