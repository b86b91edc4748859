// SPDX-License-Identifier: MIT
#pragma once

#include <functional>

#include <QtGlobal>

class QThreadPool;

namespace bidlab::jobs {

// Runs body(i) for every i in [0, count) on the pool's free threads, the calling thread taking part, and
// returns when all started items are done. Indices are handed out in order, one at a time, so give it
// coarse items (chunks), and store each item's result in its own slot for a merge in index order: the
// outcome then does not depend on the thread count. Once stop() returns true no further item starts and
// the function returns false. Safe to call from a thread of the same pool (it never waits for a thread
// that could not start).
bool parallelFor(QThreadPool* pool, qsizetype count, const std::function<void(qsizetype)>& body,
                 const std::function<bool()>& stop = {});

} // namespace bidlab::jobs
