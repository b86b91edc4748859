// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>

#include <QObject>
#include <QProcess>
#include <QString>

namespace bidlab::engine {

// What the supervisor tells the engine about its processes.
struct SupervisorNotice
{
    enum Kind { Started, Exited, FailedToStart, StderrLine, AllStopped };
    Kind kind = Started;
    int slot = -1;
    int incarnation = 0;
    qint64 pid = 0;
    int exitCode = 0;
    bool crashed = false; // killed by a signal
    QString text;
    std::int64_t atNs = 0; // steady clock when it was noticed
};

// Starts and watches the bidlab-worker processes. Lives in one long-lived thread with an event loop (the
// engine's supervisor thread): PR_SET_PDEATHSIG kills a child when the thread that forked it ends, so every
// child is forked here and this thread outlives them. One QProcess per incarnation (a restarted worker
// is a new process and a new object), as KDAB's hotspot does to never mix signals of old and new.
class WorkerSupervisor : public QObject
{
    Q_OBJECT
public:
    using Notify = std::function<void(const SupervisorNotice&)>;
    explicit WorkerSupervisor(Notify notify);
    ~WorkerSupervisor() override;

public Q_SLOTS:
    // Starts a worker that inherits the two descriptors (hub and its own segment).
    void spawn(int slot, int incarnation, const QString& program, int hubFd, int workerFd, int nice);
    void kill(int slot, int incarnation); // SIGKILL
    // After the engine raised the hub's shutdown flag: waits up to graceMs for every worker to exit,
    // kills the rest, then notifies AllStopped.
    void stopAll(int graceMs);

private:
    struct Child
    {
        std::unique_ptr<QProcess> process;
        int incarnation = 0;
        QByteArray pendingStderr;
    };
    void readStderr(int slot, QProcess* process);

    Notify m_notify;
    std::map<int, Child> m_children;
};

} // namespace bidlab::engine
