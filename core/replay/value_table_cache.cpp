// SPDX-License-Identifier: MIT
#include "core/replay/value_table_cache.h"

#include <QHash>

namespace bidlab::replay {

ValueTableKey valueTableKey(const QString& campaign, const ValueTableInput& input)
{
    ValueTableKey key;
    key.campaign = campaign;
    key.episodeLength = input.episodeLength;
    key.budget = input.budget;
    key.maxBid = input.maxBid;
    key.averageCtr = input.averageCtr;
    const std::vector<double>& pdf = input.market.pdf();
    key.marketHash = qHashBits(pdf.data(), pdf.size() * sizeof(double));
    return key;
}

ValueTableCache::ValueTableCache(std::size_t capacityBytes)
    : m_capacity(capacityBytes)
{ }

ValueTableCache& ValueTableCache::shared()
{
    static ValueTableCache cache;
    return cache;
}

std::shared_ptr<const ValueTable> ValueTableCache::find(const ValueTableKey& key)
{
    std::lock_guard lock(m_mutex);
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it->first == key) {
            m_entries.splice(m_entries.begin(), m_entries, it); // now the most recently used
            return m_entries.front().second;
        }
    }
    return nullptr;
}

void ValueTableCache::insert(const ValueTableKey& key, std::shared_ptr<const ValueTable> table)
{
    std::lock_guard lock(m_mutex);
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it->first == key) {
            m_bytes -= it->second->bytes();
            m_entries.erase(it);
            break;
        }
    }
    m_bytes += table->bytes();
    m_entries.emplace_front(key, std::move(table));
    evict();
}

void ValueTableCache::evict()
{
    // The newest table stays even when it alone is above the capacity.
    while (m_bytes > m_capacity && m_entries.size() > 1) {
        m_bytes -= m_entries.back().second->bytes();
        m_entries.pop_back();
    }
}

void ValueTableCache::clear()
{
    std::lock_guard lock(m_mutex);
    m_entries.clear();
    m_bytes = 0;
}

std::size_t ValueTableCache::count() const
{
    std::lock_guard lock(m_mutex);
    return m_entries.size();
}

std::size_t ValueTableCache::bytes() const
{
    std::lock_guard lock(m_mutex);
    return m_bytes;
}

Expected<std::shared_ptr<const ValueTable>> obtainValueTable(const QString& campaign, const ValueTableInput& input,
                                                             ValueTableCache& cache, QThreadPool* pool,
                                                             const std::function<bool(int rowsDone)>& keepGoing,
                                                             bool* fromCache)
{
    const ValueTableKey key = valueTableKey(campaign, input);
    if (auto table = cache.find(key)) {
        if (fromCache)
            *fromCache = true;
        return std::shared_ptr<const ValueTable>(std::move(table));
    }
    if (fromCache)
        *fromCache = false;
    auto computed = computeValueTable(input, pool, keepGoing);
    if (!computed)
        return Error { computed.error() };
    auto table = std::make_shared<const ValueTable>(std::move(computed).value());
    cache.insert(key, table);
    return std::shared_ptr<const ValueTable>(std::move(table));
}

} // namespace bidlab::replay
