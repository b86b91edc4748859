// SPDX-License-Identifier: MIT
#include "core/jobs/parallel_for.h"

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

#include <QThreadPool>

namespace bidlab::jobs {

namespace {

struct SharedLoop
{
    std::atomic<qsizetype> next { 0 };
    std::atomic<bool> stopped { false };
    std::mutex mutex;
    std::condition_variable allDone;
    int running = 0; // helpers started and not yet finished; guarded by mutex
};

void drain(SharedLoop& loop, qsizetype count, const std::function<void(qsizetype)>& body,
           const std::function<bool()>& stop)
{
    while (!loop.stopped.load(std::memory_order_relaxed)) {
        if (stop && stop()) {
            loop.stopped = true;
            break;
        }
        const qsizetype i = loop.next.fetch_add(1, std::memory_order_relaxed);
        if (i >= count)
            break;
        body(i);
    }
}

} // namespace

bool parallelFor(QThreadPool* pool, qsizetype count, const std::function<void(qsizetype)>& body,
                 const std::function<bool()>& stop)
{
    if (count <= 0)
        return !(stop && stop());
    auto loop = std::make_shared<SharedLoop>();
    const qsizetype helpers = std::min<qsizetype>(count - 1, pool ? pool->maxThreadCount() : 0);
    for (qsizetype h = 0; h < helpers; ++h) {
        {
            std::lock_guard lock(loop->mutex);
            ++loop->running;
        }
        const bool started = pool->tryStart([loop, count, &body, &stop] {
            drain(*loop, count, body, stop);
            std::lock_guard lock(loop->mutex);
            if (--loop->running == 0)
                loop->allDone.notify_all();
        });
        if (!started) {
            std::lock_guard lock(loop->mutex);
            --loop->running;
            break; // no free thread: the calling thread does the rest
        }
    }
    drain(*loop, count, body, stop);
    std::unique_lock lock(loop->mutex);
    loop->allDone.wait(lock, [&] { return loop->running == 0; });
    return !loop->stopped.load();
}

} // namespace bidlab::jobs
