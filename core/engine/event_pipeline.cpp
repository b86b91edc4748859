// SPDX-License-Identifier: MIT
#include "core/engine/event_pipeline.h"

#include <algorithm>
#include <cctype>

#include <QCoreApplication>

namespace bidlab::engine {

EventPipeline::EventPipeline(const Options& options, const std::vector<std::string>& userAgents)
    : m_options(options)
    , m_errors(static_cast<std::size_t>(std::max(1, options.errorQueueCapacity)))
{
    m_botAgent.reserve(userAgents.size());
    for (const std::string& agent : userAgents)
        m_botAgent.push_back(isBotAgent(agent) ? 1 : 0);
}

bool EventPipeline::isBotAgent(std::string_view userAgent)
{
    std::string lower(userAgent);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const char* pattern : { "bot", "crawler", "spider", "scraper" }) {
        if (lower.find(pattern) != std::string::npos)
            return true;
    }
    return false;
}

const char* EventPipeline::invalidReason(const AdEvent& e) const
{
    if (e.type > static_cast<std::uint8_t>(AdEventType::Conversion))
        return QT_TRANSLATE_NOOP("EventPipeline", "unknown event type");
    if (e.campaign >= m_options.campaigns)
        return QT_TRANSLATE_NOOP("EventPipeline", "unknown campaign");
    if (e.userAgent >= m_botAgent.size())
        return QT_TRANSLATE_NOOP("EventPipeline", "unknown user agent");
    if (e.timeMs <= 0)
        return QT_TRANSLATE_NOOP("EventPipeline", "missing timestamp");
    if (e.amount < 0)
        return QT_TRANSLATE_NOOP("EventPipeline", "negative amount");
    const auto type = static_cast<AdEventType>(e.type);
    if (type != AdEventType::Impression && e.originMs <= 0)
        return QT_TRANSLATE_NOOP("EventPipeline", "missing origin time");
    if (type != AdEventType::Impression && e.originMs > e.timeMs)
        return QT_TRANSLATE_NOOP("EventPipeline", "happens before its origin");
    return nullptr;
}

EventPipeline::Verdict EventPipeline::process(const AdEvent& e)
{
    ++m_stats.processed;
    if (const char* reason = invalidReason(e)) {
        reject(reason, e);
        return Verdict::Invalid;
    }
    if (m_botAgent[e.userAgent]) {
        ++m_stats.bots;
        return Verdict::Bot;
    }
    const auto type = static_cast<AdEventType>(e.type);
    if (type == AdEventType::Click && isDuplicateClick(e)) {
        ++m_stats.duplicates;
        return Verdict::Duplicate;
    }
    if (type == AdEventType::Conversion
        && e.timeMs - e.originMs > static_cast<std::int64_t>(m_options.attributionWindowSeconds) * 1000) {
        ++m_stats.unattributed;
        return Verdict::Unattributed;
    }
    ++m_stats.accepted;
    return Verdict::Accepted;
}

bool EventPipeline::isDuplicateClick(const AdEvent& click)
{
    const std::int64_t window = static_cast<std::int64_t>(m_options.duplicateWindowSeconds) * 1000;
    // Forget first clicks that have left the window (events arrive in time order).
    while (!m_clickExpiry.empty() && m_clickExpiry.front().first < click.timeMs - window) {
        const auto [time, impression] = m_clickExpiry.front();
        m_clickExpiry.pop_front();
        const auto it = m_firstClick.find(impression);
        if (it != m_firstClick.end() && it->second == time)
            m_firstClick.erase(it);
    }
    const auto [it, inserted] = m_firstClick.try_emplace(click.impressionId, click.timeMs);
    if (!inserted && click.timeMs - it->second <= window)
        return true;
    it->second = click.timeMs;
    m_clickExpiry.emplace_back(click.timeMs, click.impressionId);
    return false;
}

void EventPipeline::reject(const char* reason, const AdEvent& event)
{
    ++m_stats.invalid;
    m_errors[m_errorNext] = { reason, event };
    m_errorNext = (m_errorNext + 1) % m_errors.size();
    m_errorCount = std::min(m_errorCount + 1, m_errors.size());
}

QList<EventPipeline::ValidationError> EventPipeline::takeErrors()
{
    QList<ValidationError> errors;
    errors.reserve(static_cast<qsizetype>(m_errorCount));
    for (std::size_t k = m_errorCount; k > 0; --k) { // oldest first
        const QueuedError& e = m_errors[(m_errorNext + m_errors.size() - k) % m_errors.size()];
        errors.append({ QCoreApplication::translate("EventPipeline", e.reason), e.event });
    }
    m_errorCount = 0;
    return errors;
}

} // namespace bidlab::engine
