#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the libFuzzer targets with Debian's clang 14 (g++ has no libFuzzer): ASan + UBSan + libFuzzer.
#   tests/fuzz/build.sh [OUTDIR]            (default build/fuzz; needs clang and libclang-rt-14-dev)
# Run one for minutes, growing its corpus in a scratch folder, then keep the new inputs worth keeping:
#   build/fuzz/openrtb_request -max_total_time=600 -max_len=4096 /tmp/corpus tests/fuzz/corpus/openrtb_request
#   build/fuzz/openrtb_request -merge=1 -use_counters=0 tests/fuzz/corpus/openrtb_request /tmp/corpus
# (-use_counters=0 keeps one input per covered edge: a small corpus that still reaches everything.)
# A crash leaves crash-<sha1>: add it to the corpus folder (the g++ suite replays every file there) and fix.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$repo/build/fuzz}
mkdir -p "$out"
cxx=${CXX_FUZZ:-clang++}
flags=(-std=c++20 -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
  -DBIDLAB_LIBFUZZER -DQT_NO_CAST_FROM_ASCII -DQT_NO_CAST_TO_ASCII -I"$repo" $(pkg-config --cflags Qt6Core simdjson))
libs=($(pkg-config --libs Qt6Core simdjson))
common=("$repo/tests/fuzz/fuzz_check.cpp" "$repo/core/common/money.cpp")
openrtb=("$repo"/core/openrtb/*.cpp)
replay=("$repo/core/replay/auction_log.cpp")

build() { # name, sources...
  local name=$1
  shift
  echo "building $out/$name"
  "$cxx" "${flags[@]}" "$@" "${common[@]}" "${libs[@]}" -o "$out/$name"
}
build openrtb_request "$repo/tests/fuzz/fuzz_openrtb_request.cpp" "${openrtb[@]}"
build openrtb_response "$repo/tests/fuzz/fuzz_openrtb_response.cpp" "${openrtb[@]}"
build auction_log "$repo/tests/fuzz/fuzz_auction_log.cpp" "${replay[@]}"
