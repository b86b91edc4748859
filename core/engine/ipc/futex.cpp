// SPDX-License-Identifier: MIT
#include "core/engine/ipc/futex.h"

#include <cerrno>
#include <ctime>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace bidlab::ipc {

bool futexWait(std::atomic<std::uint32_t>* word, std::uint32_t expected, std::int64_t timeoutNs)
{
    timespec timeout {};
    timespec* limit = nullptr;
    if (timeoutNs >= 0) {
        timeout.tv_sec = static_cast<time_t>(timeoutNs / 1'000'000'000);
        timeout.tv_nsec = static_cast<long>(timeoutNs % 1'000'000'000);
        limit = &timeout;
    }
    // Shared futex (no FUTEX_PRIVATE_FLAG): the kernel keys it by the physical page, so a word in a
    // MAP_SHARED mapping pairs waiters and wakers of different processes.
    const long rc = syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(word), FUTEX_WAIT, expected, limit, nullptr, 0);
    return !(rc == -1 && errno == ETIMEDOUT);
}

void futexWake(std::atomic<std::uint32_t>* word, int count)
{
    syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(word), FUTEX_WAKE, count, nullptr, nullptr, 0);
}

} // namespace bidlab::ipc
