// SPDX-License-Identifier: MIT
#include "core/jobs/job_pool.h"

#include <algorithm>

#include <QThread>
#include <QThreadPool>

namespace bidlab::jobs {

QThreadPool* jobPool()
{
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool; // lives until exit; worker threads are joined by QThreadPool's destructor
        p->setObjectName(QStringLiteral("bidlab-jobs"));
        p->setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
        p->setExpiryTimeout(60'000);
        return p;
    }();
    return pool;
}

int setJobThreadCount(int threads)
{
    jobPool()->setMaxThreadCount(std::clamp(threads, 1, 256));
    return jobPool()->maxThreadCount();
}

} // namespace bidlab::jobs
