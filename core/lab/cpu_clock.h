// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

namespace bidlab::lab {

// CPU time used so far by all threads of the calling process (user + system), in nanoseconds.
std::uint64_t processCpuNs();

} // namespace bidlab::lab
