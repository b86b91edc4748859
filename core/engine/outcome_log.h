// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"
#include "core/common/money.h"

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include <QStringList>

class QSaveFile;

namespace bidlab::engine {

// The per-minute, per-campaign, per-device outcome log the aggregation job reads (CSV: date, hour, minute,
// campaign, device, requests, bids, impressions, clicks, conversions, cost, revenue). Minutes are of the
// world clock; each count lands in the minute it happened (a click in its click's minute). Requests that
// got no bid are under the campaign "(none)". Written as minutes close, committed atomically at the end.
class OutcomeLog
{
public:
    struct Row
    {
        std::int64_t requests = 0;
        std::int64_t bids = 0;
        std::int64_t impressions = 0;
        std::int64_t clicks = 0;
        std::int64_t conversions = 0;
        Micros cost = 0;
        Micros revenue = 0;
    };

    // Opens `path` for writing (the header line goes in at once).
    static Expected<std::unique_ptr<OutcomeLog>> open(const QString& path, QStringList campaignNames);
    ~OutcomeLog();

    // The row of (minute of simTimeMs, campaign or -1 for none, device).
    Row& row(std::int64_t simTimeMs, int campaign, int device);
    // Writes every minute before the one of simTimeMs minus `lagMinutes` (late answers may still land in
    // the minutes kept).
    void flushBefore(std::int64_t simTimeMs, int lagMinutes = 2);
    // Writes the rest and commits the file.
    Status finish();

    std::int64_t rowsWritten() const { return m_rowsWritten; }

private:
    OutcomeLog() = default;
    void writeMinute(std::int64_t minute, const std::vector<Row>& rows);

    std::unique_ptr<QSaveFile> m_file;
    QStringList m_campaigns;
    std::map<std::int64_t, std::vector<Row>> m_minutes; // minute -> (campaigns + 1) x 3 devices
    std::int64_t m_cachedMinute = INT64_MIN;
    std::vector<Row>* m_cachedRows = nullptr;
    std::int64_t m_rowsWritten = 0;
    bool m_failed = false;
};

} // namespace bidlab::engine
