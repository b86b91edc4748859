// SPDX-License-Identifier: MIT
#include "core/replay/value_table.h"

#include "core/jobs/parallel_for.h"

#include <algorithm>
#include <atomic>
#include <cmath>

#include <QCoreApplication>

namespace bidlab::replay {

namespace {

// A row is saturated from the first budget whose value is this close to the most the remaining auctions
// can bring (REPLAY.md §5 step 3): every larger budget then takes that maximum.
constexpr double kSaturation = 1e-10;
constexpr int kChunk = 64; // budgets per parallel work item

} // namespace

ValueTable::ValueTable(int episodeLength, int budget)
    : m_episodeLength(episodeLength)
    , m_budget(budget)
    , m_values(static_cast<std::size_t>(episodeLength) * static_cast<std::size_t>(budget + 1), 0.0)
{ }

std::span<const double> ValueTable::row(int n) const
{
    const std::size_t width = static_cast<std::size_t>(m_budget) + 1;
    return { m_values.data() + static_cast<std::size_t>(n) * width, width };
}

std::span<double> ValueTable::mutableRow(int n)
{
    const std::size_t width = static_cast<std::size_t>(m_budget) + 1;
    return { m_values.data() + static_cast<std::size_t>(n) * width, width };
}

int ValueTable::bid(int auctionsLeft, int budget, double pctr, int maxBid) const
{
    const std::span<const double> v = row(auctionsLeft - 1);
    const double here = v[static_cast<std::size_t>(budget)];
    const int limit = std::min(budget, maxBid);
    int bid = 0;
    for (int delta = 1; delta <= limit; ++delta) {
        if (pctr + (v[static_cast<std::size_t>(budget - delta)] - here) >= 0)
            bid = delta;
        else
            break;
    }
    return bid;
}

// The dynamic programme of REPLAY.md §5, with the floating-point operations in the reference's order so
// that the table (and so every bid) is bit for bit the reference's.
class ValueTableBuilder
{
public:
    ValueTableBuilder(const ValueTableInput& input, QThreadPool* pool)
        : m_input(input)
        , m_pool(pool)
        , m_table(input.episodeLength, input.budget)
        , m_bound(static_cast<std::size_t>(input.budget) + 1, 0)
    {
        const int top = std::min(input.maxBid, input.market.maxPrice());
        for (int delta = 0; delta <= top; ++delta)
            m_increment += input.market.probability(delta) * input.averageCtr;
    }

    void computeRow(int n)
    {
        const std::span<const double> previous = m_table.row(n - 1);
        const std::span<double> next = m_table.mutableRow(n);
        computeBounds(previous);
        m_maxValue = m_maxValue + m_increment;

        const int budget = m_input.budget;
        std::atomic<int> saturatedAt { budget + 1 };
        const qsizetype chunks = (budget + kChunk - 1) / kChunk;
        jobs::parallelFor(m_pool, chunks, [&](qsizetype chunk) {
            const int begin = 1 + static_cast<int>(chunk) * kChunk;
            const int end = std::min(budget + 1, begin + kChunk);
            if (begin > saturatedAt.load(std::memory_order_relaxed))
                return; // wholly above a saturated budget: overwritten below
            for (int b = begin; b < end; ++b) {
                next[b] = expectedValue(previous, b);
                if (std::abs(next[b] - m_maxValue) < kSaturation) {
                    int seen = saturatedAt.load(std::memory_order_relaxed);
                    while (b < seen && !saturatedAt.compare_exchange_weak(seen, b, std::memory_order_relaxed)) { }
                    break;
                }
            }
        });
        next[0] = 0.0;
        std::fill(next.begin() + std::min(saturatedAt.load() + 1, budget + 1), next.end(), m_maxValue);
    }

    ValueTable take() { return std::move(m_table); }

private:
    // bound[b]: the largest price still worth winning at budget b, from one pointer that only moves down.
    void computeBounds(std::span<const double> previous)
    {
        const double ctr = m_input.averageCtr;
        const int maxBid = m_input.maxBid;
        int pointer = m_input.budget - 1;
        for (int b = m_input.budget; b >= 1; --b) {
            while (pointer >= 0 && (previous[pointer] - previous[b]) + ctr >= 0)
                --pointer;
            m_bound[b] = pointer < 0 ? std::min(maxBid, b) : std::min(maxBid, b - pointer - 1);
        }
    }

    // V(b) + Σ_{δ=0..bound[b]} m(δ) · (θ + V(b-δ) - V(b)), summed in δ order.
    double expectedValue(std::span<const double> previous, int b) const
    {
        const double ctr = m_input.averageCtr;
        const double here = previous[b];
        const double* pdf = m_input.market.pdf().data();
        double sum = here;
        for (int delta = 0; delta <= m_bound[b]; ++delta)
            sum += pdf[delta] * (ctr + (previous[b - delta] - here));
        return sum;
    }

    const ValueTableInput& m_input;
    QThreadPool* m_pool;
    ValueTable m_table;
    std::vector<int> m_bound;
    double m_increment = 0.0;
    double m_maxValue = 0.0;
};

Expected<ValueTable> computeValueTable(const ValueTableInput& input, QThreadPool* pool,
                                       const std::function<bool(int rowsDone)>& keepGoing)
{
    if (input.episodeLength < 1)
        return Error { QCoreApplication::translate("Replay", "The episode length must be at least 1, not %1.")
                           .arg(input.episodeLength) };
    if (input.budget < 0)
        return Error {
            QCoreApplication::translate("Replay", "The budget must not be negative, not %1.").arg(input.budget)
        };
    if (input.maxBid < 0 || input.market.pdf().empty())
        return Error { QCoreApplication::translate("Replay", "The value table needs a market-price distribution.") };
    const std::int64_t entries = std::int64_t(input.episodeLength) * (std::int64_t(input.budget) + 1);
    if (entries > kMaxValueTableEntries)
        return Error { QCoreApplication::translate("Replay",
                                                   "A value table for %1 auctions and a budget of %2 would hold %3 "
                                                   "million entries; the limit is %4 million. Lower c0 or the "
                                                   "episode length.")
                           .arg(input.episodeLength)
                           .arg(input.budget)
                           .arg(entries / 1'000'000)
                           .arg(kMaxValueTableEntries / 1'000'000) };
    ValueTableBuilder builder(input, pool);
    for (int n = 1; n < input.episodeLength; ++n) {
        builder.computeRow(n);
        if (keepGoing && !keepGoing(n + 1))
            return Error { QCoreApplication::translate("Replay", "The value table was cancelled.") };
    }
    return builder.take();
}

} // namespace bidlab::replay
