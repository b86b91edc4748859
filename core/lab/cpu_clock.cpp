// SPDX-License-Identifier: MIT
#include "core/lab/cpu_clock.h"

#include <ctime>

namespace bidlab::lab {

std::uint64_t processCpuNs()
{
    timespec now {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<std::uint64_t>(now.tv_sec) * 1'000'000'000u + static_cast<std::uint64_t>(now.tv_nsec);
}

} // namespace bidlab::lab
