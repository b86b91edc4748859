// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"
#include "core/replay/value_table.h"

#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <mutex>

#include <QString>

class QThreadPool;

namespace bidlab::replay {

// What a value table depends on: the campaign and (N, B), plus the inputs that could differ for the same
// campaign name (another info.json): the average CTR, the bid cap and the market distribution.
struct ValueTableKey
{
    QString campaign;
    int episodeLength = 0;
    int budget = 0;
    int maxBid = 0;
    double averageCtr = 0.0;
    std::size_t marketHash = 0;
    bool operator==(const ValueTableKey&) const = default;
};

ValueTableKey valueTableKey(const QString& campaign, const ValueTableInput& input);

// Computed value tables kept for reuse per (campaign, N, B), least recently used first out once their
// size passes the capacity. Thread-safe. Tables are shared and immutable.
class ValueTableCache
{
public:
    explicit ValueTableCache(std::size_t capacityBytes = std::size_t(512) << 20);

    // The process's cache, used by the replay job.
    static ValueTableCache& shared();

    std::shared_ptr<const ValueTable> find(const ValueTableKey& key);
    void insert(const ValueTableKey& key, std::shared_ptr<const ValueTable> table);
    void clear();
    std::size_t count() const;
    std::size_t bytes() const;

private:
    void evict();

    mutable std::mutex m_mutex;
    std::list<std::pair<ValueTableKey, std::shared_ptr<const ValueTable>>> m_entries; // most recent first
    std::size_t m_capacity;
    std::size_t m_bytes = 0;
};

// The table for `input`: from the cache when it is there, else computed on `pool` and cached. *fromCache
// says which.
Expected<std::shared_ptr<const ValueTable>> obtainValueTable(const QString& campaign, const ValueTableInput& input,
                                                             ValueTableCache& cache, QThreadPool* pool,
                                                             const std::function<bool(int rowsDone)>& keepGoing,
                                                             bool* fromCache = nullptr);

} // namespace bidlab::replay
