// SPDX-License-Identifier: MIT
#pragma once

#include <sys/types.h>

#include <QList>
#include <QString>

// Finding the worker processes a test's code started, to kill one or to check that none is left.
namespace bidlab::test {

// Live children of `parent` whose command name (as the kernel truncates it: 15 bytes) starts with `name`.
// Zombies (exited, not yet reaped) are not counted.
QList<pid_t> childProcesses(pid_t parent, const QString& name = QStringLiteral("bidlab-lab-work"));

// True when the process no longer runs: it does not exist, or it is a zombie waiting to be reaped (orphans of
// a killed parent are reaped by init, which in a container may never do it).
bool processGone(pid_t pid);

// Waits up to timeoutMs for `count` children named `name` to appear; returns them (fewer on timeout).
QList<pid_t> waitForChildren(pid_t parent, int count, int timeoutMs = 30'000,
                             const QString& name = QStringLiteral("bidlab-lab-work"));

} // namespace bidlab::test
