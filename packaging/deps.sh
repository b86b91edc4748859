#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian 12 packages BidLab needs to build, test and run, but only those that are missing,
# so that a second run costs a few dpkg queries. Sourced by run.sh and test.sh.
set -euo pipefail

BIDLAB_BUILD_PACKAGES=(
  cmake ninja-build g++ pkg-config ccache
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev libqt6svg6-dev libgl1-mesa-dev libxkbcommon-dev
  libeigen3-dev libxlsxwriter-dev nlohmann-json3-dev libsimdjson-dev libboost-dev zlib1g-dev
  # Plugins that dependency scanning cannot see: the platform plugins and Qt's SQLite driver.
  qt6-qpa-plugins libqt6sql6-sqlite
  fonts-dejavu-core
)
BIDLAB_TEST_PACKAGES=(
  xvfb xauth poppler-utils unzip
  python3-numpy python3-scipy
)

bidlab_missing_packages() {
  local missing=()
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  echo "${missing[@]:-}"
}

bidlab_install_packages() {
  local missing
  missing=$(bidlab_missing_packages "$@")
  [ -z "$missing" ] && return 0
  echo "BidLab needs these Debian packages: $missing"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo="sudo"
    else
      echo "error: not root and no sudo; install them with: apt-get install $missing" >&2
      return 1
    fi
  fi
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
}

# The folder of the shared real data sets: $BIDLAB_SHARED_DATA, else ../shared/data beside the checkout,
# else /work/shared/data (where this project's machines keep it). Prints nothing when none exists.
bidlab_find_shared_data() {
  local repo=$1
  for candidate in "${BIDLAB_SHARED_DATA:-}" "$repo/../shared/data" /work/shared/data; do
    if [ -n "$candidate" ] && [ -d "$candidate" ]; then
      (cd "$candidate" && pwd)
      return 0
    fi
  done
}
