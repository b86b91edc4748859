// SPDX-License-Identifier: MIT
#pragma once

class QThreadPool;

namespace bidlab::jobs {

// The application's pool for long background jobs, separate from QThreadPool::globalInstance() so that
// short tasks elsewhere never wait behind a long job. Its size is the user's choice.
QThreadPool* jobPool();

// Sets the number of threads of the job pool, clamped to 1..256; returns the size in effect.
int setJobThreadCount(int threads);

} // namespace bidlab::jobs
