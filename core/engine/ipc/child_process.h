// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

class QProcess;

namespace bidlab::ipc {

// Prepares `process` (before start()) so that the child
//  - inherits `fds` (their close-on-exec flag is cleared in the child only, so no other child gets them),
//  - is killed when the thread that starts it ends (PR_SET_PDEATHSIG, SIGKILL; and if the parent is
//    already gone when the child starts, it exits at once — the getppid() check closes that race). Start
//    children from one long-lived thread: the signal follows the forking thread, not the process.
//  - runs at `nice` (0..19), below the engine and the GUI.
void prepareChild(QProcess& process, std::vector<int> fds, int nice);

} // namespace bidlab::ipc
