// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>

// The fuzz targets as plain functions: build.sh wraps each in LLVMFuzzerTestOneInput for libFuzzer (clang),
// and the normal test suite (g++) feeds them the saved corpus (tests/unit/replay/test_fuzz_corpus.cpp).
// Each returns 0, and aborts when it finds a broken invariant (sanitizers catch the rest).
namespace bidlab::fuzz {

int openRtbRequest(const std::uint8_t* data, std::size_t size);
int openRtbResponse(const std::uint8_t* data, std::size_t size);
int auctionLog(const std::uint8_t* data, std::size_t size);

// Aborts with a message when `condition` is false: a finding for the fuzzer.
void check(bool condition, const char* what);

} // namespace bidlab::fuzz
