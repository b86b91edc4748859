// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/expected.h"
#include "core/replay/market_price.h"

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

class QThreadPool;

namespace bidlab::replay {

// RLB's value function V(n, b): the expected clicks still to come with n auctions left and b budget left,
// when every auction's CTR is taken as the campaign's average and the market price follows m(δ)
// ("approximation i" of Cai et al., WSDM 2017; REPLAY.md §5). Rows n = 0..N-1, budgets b = 0..B.
class ValueTable
{
public:
    ValueTable(int episodeLength, int budget);

    int episodeLength() const { return m_episodeLength; }
    int budget() const { return m_budget; }
    std::size_t bytes() const { return m_values.size() * sizeof(double); }

    std::span<const double> row(int n) const;
    double value(int n, int b) const { return row(n)[static_cast<std::size_t>(b)]; }

    // The bid at `auctionsLeft` auctions left (the current one included, 1..N) and budget `budget` (0..B):
    // the largest δ <= min(budget, maxBid) such that every step 1..δ keeps pctr + V(n-1, b-δ) - V(n-1, b)
    // >= 0, i.e. winning at price δ is still worth the budget it costs. 0 when even δ = 1 is not.
    int bid(int auctionsLeft, int budget, double pctr, int maxBid) const;

    // Exactly equal tables (the parallel computation must not change a bit).
    bool operator==(const ValueTable&) const = default;

private:
    friend class ValueTableBuilder;
    std::span<double> mutableRow(int n);

    int m_episodeLength;
    int m_budget;
    std::vector<double> m_values;
};

struct ValueTableInput
{
    int episodeLength = 1000; // N
    int budget = 0; // B
    double averageCtr = 0.0; // theta_avg
    int maxBid = 300;
    MarketPrice market;
};

// The largest table computeValueTable() accepts, in entries (N × (B+1)): 2 GiB of doubles.
inline constexpr std::int64_t kMaxValueTableEntries = std::int64_t(1) << 28;

// Fills the table row by row; within a row the budgets are shared out over `pool`'s threads (nullptr: this
// thread only), and the result is bit for bit the same for any thread count. `keepGoing(rowsDone)` is
// called on the calling thread after each row; returning false cancels (an Error saying so). Fails on
// inputs out of range (N < 1, B < 0, a table above kMaxValueTableEntries).
Expected<ValueTable> computeValueTable(const ValueTableInput& input, QThreadPool* pool = nullptr,
                                       const std::function<bool(int rowsDone)>& keepGoing = {});

} // namespace bidlab::replay
