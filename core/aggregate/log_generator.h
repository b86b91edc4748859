// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"

#include <cstdint>
#include <functional>

#include <QDate>
#include <QString>

namespace bidlab::aggregate {

// A synthetic ad log in the seed's schema, for benchmarks and demos:
// date,campaign_id,device,impressions,clicks,conversions,cost,revenue
// Each campaign has its own click-through and conversion rates and price; clicks and conversions are
// binomial draws. The rows depend only on the spec (blocks of rows have their own seeded generators), not
// on the thread count.
struct LogSpec
{
    qint64 rows = 1'000'000;
    int campaigns = 1000;
    int days = 31;
    int devices = 3; // mobile, desktop, tablet, tv, other (up to 5)
    std::uint64_t seed = 1;
    QDate firstDay { 2024, 1, 1 };
};

// Writes the log to `path` atomically; a path ending in ".gz" is gzip-compressed. Rows are formatted in
// parallel on the job pool. progress(rowsDone, rowsTotal) is called on the calling thread; canceled()
// stops the writing (the target is then left untouched).
Status generateLog(const LogSpec& spec, const QString& path, const std::function<void(qint64, qint64)>& progress = {},
                   const std::function<bool()>& canceled = {});

} // namespace bidlab::aggregate
