// SPDX-License-Identifier: MIT
#pragma once

#include "core/aggregate/aggregate_result.h"
#include "core/jobs/job.h"

#include <functional>

class QThreadPool;

namespace bidlab::aggregate {

// How a caller follows and stops a scan. Both functions are called from the calling thread only.
struct ScanControl
{
    std::function<bool()> canceled; // true: stop as soon as possible (between chunks)
    std::function<void(qint64 done, qint64 total, const QString& text)> progress; // bytes of the file
    QThreadPool* pool = nullptr; // the pool whose free threads help; nullptr: jobs::jobPool()
};

// Aggregates a CSV (or gzip-compressed CSV) file. Plain files are memory-mapped and split into byte ranges
// that start at line starts; the ranges are scanned in parallel, each into its own hash aggregate, and
// merged in file order. A range whose speculative start fell inside a quoted field with newlines is read
// again from where the previous range really ended, so the answer never depends on where the cuts fell.
// A gzip stream cannot be split: one thread inflates it into blocks cut at record ends while the other
// threads scan the blocks. Memory is bounded by the number of groups and a few chunks, not by rows.
// Bad rows are counted and the first 100 listed; they never stop the scan. The error is for what stops it:
// a missing, unreadable or empty file, parameters that do not fit the header, a damaged gzip stream, a
// cancel ("Cancelled.").
Expected<AggregateResult> aggregateFile(const AggregateParams& params, const ScanControl& control = {});

// The same as a background job (jobs::runJob): progress by bytes, cancel, suspend.
void runAggregateJob(QPromise<jobs::JobResult<AggregateResult>>& promise, const AggregateParams& params);

} // namespace bidlab::aggregate
