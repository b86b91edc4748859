// SPDX-License-Identifier: MIT
#include "tests/fuzz/fuzz_targets.h"

#include <cstdio>
#include <cstdlib>

namespace bidlab::fuzz {

void check(bool condition, const char* what)
{
    if (condition)
        return;
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
}

} // namespace bidlab::fuzz
