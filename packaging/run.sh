#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what BidLab needs (Debian 12), builds a release and launches the GUI. Arguments go to bidlab,
# e.g. ./packaging/run.sh --start
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=deps.sh
source "$repo/packaging/deps.sh"
bidlab_install_packages "${BIDLAB_BUILD_PACKAGES[@]}"

cd "$repo"
# ccache hits across clones of the repository (same sources, other folder).
export CCACHE_BASEDIR="$repo" CCACHE_NOHASHDIR=1
[ -f build/release/CMakeCache.txt ] || cmake --preset release >/dev/null
cmake --build --preset release

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  cat >&2 <<MSG
BidLab is built (build/release/app/bidlab), but there is no display to show its window.
  - On a desktop: run this from a terminal inside your graphical session.
  - Over ssh: connect with 'ssh -X' (X11 forwarding), or use a virtual display:
      xvfb-run -a build/release/app/bidlab --screenshot shot.png   (saves a picture of the window)
  - Headless work: build/release/app/bidlab-cli --help
MSG
  exit 1
fi
exec "$repo/build/release/app/bidlab" "$@"
