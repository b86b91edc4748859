#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what the tests need (Debian 12), builds, and runs the whole suite headless:
#   1. the dev preset (RelWithDebInfo, warnings as errors): every test (unit, integration, gui);
#   2. the asan preset (AddressSanitizer + UBSan): the unit tests.
# Exits non-zero on any failure. --quick skips the sanitizer pass. BIDLAB_REQUIRE_DATA=1 turns a skipped
# real-data test into a failure (CI sets it).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=deps.sh
source "$repo/packaging/deps.sh"
bidlab_install_packages "${BIDLAB_BUILD_PACKAGES[@]}" "${BIDLAB_TEST_PACKAGES[@]}"

quick=0
[ "${1:-}" = "--quick" ] && quick=1

cd "$repo"
# ccache hits across clones of the repository (same sources, other folder).
export CCACHE_BASEDIR="$repo" CCACHE_NOHASHDIR=1
shared=$(bidlab_find_shared_data "$repo")
if [ -n "$shared" ]; then
  echo "Shared data: $shared"
else
  echo "Shared data: not found (tests that need it will skip; set BIDLAB_SHARED_DATA)"
fi
export QT_QPA_PLATFORM=offscreen

step() { printf '\n== %s (%s)\n' "$1" "$(date +%T)"; }

step "configure dev"
cmake --preset dev -DBIDLAB_WERROR=ON -DBIDLAB_SHARED_DATA="${shared:-/nonexistent}" >/dev/null
step "build dev"
cmake --build --preset dev
step "test dev"
ctest --preset dev

if [ $quick -eq 0 ]; then
  step "configure asan"
  cmake --preset asan -DBIDLAB_WERROR=ON -DBIDLAB_SHARED_DATA="${shared:-/nonexistent}" >/dev/null
  step "build asan (unit tests)"
  cmake --build --preset asan --target unit-tests
  step "test asan (unit)"
  ctest --preset asan
fi
step "all tests passed"
