// SPDX-License-Identifier: MIT
#pragma once

#include "core/engine/ad_event.h"

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <QList>
#include <QString>
#include <queue>

namespace bidlab::engine {

// What the seed's RealTimeAdStreamProcessor only sketched, done: validation with an error queue, bot
// filtering by user agent, duplicate-click filtering within a window, and an attribution window for
// conversions. Clicks and conversions happen later than their impression: schedule() holds them until the
// world clock reaches them (advanceTo), and they are judged in time order (ties broken by impression id,
// so the same events give the same verdicts in any run).
class EventPipeline
{
public:
    enum class Verdict : std::uint8_t { Accepted, Bot, Duplicate, Unattributed, Invalid };

    struct Options
    {
        int campaigns = 0;
        int attributionWindowSeconds = 24 * 3600;
        int duplicateWindowSeconds = 60;
        int errorQueueCapacity = 1000; // the newest errors kept with their record; all are counted
    };

    struct Stats
    {
        std::int64_t processed = 0; // every event judged
        std::int64_t accepted = 0;
        std::int64_t bots = 0;
        std::int64_t duplicates = 0;
        std::int64_t unattributed = 0;
        std::int64_t invalid = 0;
        std::int64_t filtered() const { return bots + duplicates + unattributed; }
        bool operator==(const Stats&) const = default;
    };

    struct ValidationError
    {
        QString reason;
        AdEvent event;
    };

    EventPipeline(const Options& options, const std::vector<std::string>& userAgents);

    // The seed's _is_bot: a user agent that says "bot", "crawler", "spider" or "scraper".
    static bool isBotAgent(std::string_view userAgent);
    // Why an event is malformed, or nullptr when it is well formed.
    const char* invalidReason(const AdEvent& event) const;

    // Judges one event now (events must come in time order for the duplicate window to be exact).
    Verdict process(const AdEvent& event);

    // Holds an event until the clock reaches its time.
    void schedule(const AdEvent& event) { m_pending.push(event); }
    std::size_t pending() const { return m_pending.size(); }
    // Judges every held event due at or before nowMs, in time order; onVerdict(event, verdict) for each.
    template<class F> void advanceTo(std::int64_t nowMs, F&& onVerdict)
    {
        while (!m_pending.empty() && m_pending.top().timeMs <= nowMs) {
            const AdEvent event = m_pending.top();
            m_pending.pop();
            onVerdict(event, process(event));
        }
    }
    // Judges every held event (the end of a run).
    template<class F> void drain(F&& onVerdict) { advanceTo(INT64_MAX, onVerdict); }

    const Stats& stats() const { return m_stats; }
    // The error queue: the newest errors (reason + record), oldest first; takes them out.
    QList<ValidationError> takeErrors();

private:
    struct Later
    {
        bool operator()(const AdEvent& a, const AdEvent& b) const
        {
            if (a.timeMs != b.timeMs)
                return a.timeMs > b.timeMs;
            if (a.impressionId != b.impressionId)
                return a.impressionId > b.impressionId;
            return a.type > b.type;
        }
    };
    bool isDuplicateClick(const AdEvent& click);
    void reject(const char* reason, const AdEvent& event);

    Options m_options;
    std::vector<std::uint8_t> m_botAgent; // per interned user agent
    std::priority_queue<AdEvent, std::vector<AdEvent>, Later> m_pending;
    std::unordered_map<std::uint64_t, std::int64_t> m_firstClick; // impression -> time of its first click
    std::deque<std::pair<std::int64_t, std::uint64_t>> m_clickExpiry; // (time, impression), oldest first
    // The error queue: a ring of the newest errors, their reasons untranslated until taken (no allocation
    // per rejected event).
    struct QueuedError
    {
        const char* reason;
        AdEvent event;
    };
    std::vector<QueuedError> m_errors; // capacity errorQueueCapacity, allocated once
    std::size_t m_errorNext = 0; // where the next error goes
    std::size_t m_errorCount = 0; // errors in the ring
    Stats m_stats;
};

} // namespace bidlab::engine
