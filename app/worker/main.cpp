// SPDX-License-Identifier: MIT
// bidlab-worker: a bidder process, started and supervised by the engine (core/engine). Not run by hand.
#include "app/worker/bidder_process.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

int usage()
{
    std::fprintf(stderr,
                 "bidlab-worker: a bidder process that the BidLab engine starts itself, with two shared-memory\n"
                 "descriptors (the hub and its own rings).\n"
                 "usage: bidlab-worker --hub-fd FD --shm-fd FD\n"
                 "To run a simulation, use 'bidlab' (GUI) or 'bidlab-cli simulate'.\n");
    return 2;
}

bool parseFd(const char* text, int* fd)
{
    char* end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (end == text || *end != '\0' || value < 0 || value > 65535)
        return false;
    *fd = static_cast<int>(value);
    return true;
}

} // namespace

int main(int argc, char* argv[])
{
    int hubFd = -1;
    int workerFd = -1;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--help" || arg == "-h")
            return usage();
        if (i + 1 < argc && arg == "--hub-fd" && parseFd(argv[i + 1], &hubFd))
            ++i;
        else if (i + 1 < argc && arg == "--shm-fd" && parseFd(argv[i + 1], &workerFd))
            ++i;
        else
            return usage();
    }
    if (hubFd < 0 || workerFd < 0)
        return usage();
    auto process = bidlab::worker::BidderProcess::attach(hubFd, workerFd);
    if (!process) {
        std::fprintf(stderr, "bidlab-worker: %s\n", process.error().toLocal8Bit().constData());
        return 3;
    }
    if (!(*process)->prepare())
        return 4;
    return (*process)->run();
}
