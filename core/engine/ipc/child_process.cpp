// SPDX-License-Identifier: MIT
#include "core/engine/ipc/child_process.h"

#include <csignal>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <QProcess>

namespace bidlab::ipc {

void prepareChild(QProcess& process, std::vector<int> fds, int nice)
{
    const pid_t parent = getpid();
    // Runs in the child between fork and exec: system calls only (async-signal-safe).
    process.setChildProcessModifier([fds = std::move(fds), nice, parent]() {
        for (const int fd : fds)
            fcntl(fd, F_SETFD, 0);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(127);
        setpriority(PRIO_PROCESS, 0, nice);
    });
}

} // namespace bidlab::ipc
