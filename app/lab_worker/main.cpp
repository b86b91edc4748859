// SPDX-License-Identifier: MIT
// bidlab-lab-worker: a worker process of the parallelism lab's process executor, started by it with a
// shared-memory descriptor and a slot. Not meant to be run by hand. It links only the lab's task bodies and
// the engine's ring code, and starts no QCoreApplication: its start-up is part of what the lab measures.
#include "core/engine/ipc/shared_memory.h"
#include "core/lab/shared_task_data.h"
#include "core/lab/worker_loop.h"
#include "core/lab/worker_protocol.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

constexpr int kUsage = 2;
constexpr int kBadSegment = 3;

void usage()
{
    std::fputs("bidlab-lab-worker: a worker process that the parallelism lab starts itself, with a shared-memory\n"
               "descriptor and a worker slot.\n"
               "usage: bidlab-lab-worker --pool-fd FD --slot N [--data-fd FD]\n"
               "To run the lab, use 'bidlab --tab lab' or 'bidlab-cli bench parallel'.\n",
               stderr);
}

bool parseNumber(const char* text, long* value)
{
    char* end = nullptr;
    errno = 0;
    *value = std::strtol(text, &end, 10);
    return errno == 0 && end != text && *end == '\0' && *value >= 0 && *value < 1'000'000;
}

struct Arguments
{
    long poolFd = -1;
    long slot = -1;
    long dataFd = -1;
};

bool parseArguments(int argc, char* argv[], Arguments* args)
{
    for (int i = 1; i < argc; ++i) {
        long* target = nullptr;
        if (std::strcmp(argv[i], "--pool-fd") == 0)
            target = &args->poolFd;
        else if (std::strcmp(argv[i], "--slot") == 0)
            target = &args->slot;
        else if (std::strcmp(argv[i], "--data-fd") == 0)
            target = &args->dataFd;
        if (!target || i + 1 >= argc || !parseNumber(argv[++i], target))
            return false;
    }
    return args->poolFd >= 0 && args->slot >= 0;
}

int fail(const QString& message)
{
    std::fprintf(stderr, "bidlab-lab-worker: %s\n", qPrintable(message));
    return kBadSegment;
}

} // namespace

int main(int argc, char* argv[])
{
    using namespace bidlab;
    Arguments args;
    if (!parseArguments(argc, argv, &args)) {
        usage();
        return kUsage;
    }
    Expected<ipc::SharedMemory> segment
        = ipc::SharedMemory::attach(static_cast<int>(args.poolFd), sizeof(lab::PoolHeader));
    if (!segment)
        return fail(segment.error());
    Expected<lab::PoolLayout> pool
        = lab::PoolLayout::open(segment->data(), segment->size(), static_cast<int>(args.slot));
    if (!pool)
        return fail(pool.error());
    const auto count = static_cast<std::size_t>(pool->header().dataCount);
    Expected<lab::SharedTaskData> data = lab::SharedTaskData::attach(static_cast<int>(args.dataFd), count);
    if (!data)
        return fail(data.error());
    if (count > 0 && args.dataFd < 0)
        return fail(QStringLiteral("the pool has task data but no --data-fd was given."));
    data->touchPages(); // the page-table cost of a new process belongs to its start-up
    lab::runWorkerLoop(*pool, static_cast<int>(args.slot), data->view());
    return 0;
}
