// SPDX-License-Identifier: MIT
#pragma once

#include "core/common/money.h"

#include <cstdint>

namespace bidlab::bidding {

// First-price bid shading learnt from win/loss feedback: bids are multiplied by a factor s in [min, max];
// s is tuned by a two-sided probe (Kiefer-Wolfowitz style): alternate periods bid at s + δ and s - δ,
// compare the surplus earned per unit of value offered, (value - price) over won bids, and step s toward
// the better side. It needs no model of the market and follows it when it moves.
//
// One shader per campaign. The engine feeds it the exchange's outcomes and publishes factor() to every
// bidder, so that all workers shade alike (and deterministic runs stay independent of the worker count).
class BidShader
{
public:
    struct Options
    {
        double initial = 0.85;
        double min = 0.30;
        double max = 1.00;
        double probe = 0.04; // δ
        double step = 0.02;
        std::int64_t bidsPerPeriod = 500; // feedback needed before a period ends
    };

    BidShader();
    explicit BidShader(const Options& options);

    // The factor bids should use now (the probe side of the current period included).
    double factor() const;
    // The learnt centre, without the probe.
    double centre() const { return m_centre; }

    // One bid made at factor(): its (shaded) price, and whether it won (first price: it paid that price).
    void record(Micros shadedBidCpm, bool won);
    // Ends the period when enough feedback arrived; returns true when factor() changed.
    bool advance();

private:
    Options m_options;
    double m_centre;
    int m_side = +1; // probe side of the current period
    std::int64_t m_bids = 0;
    double m_valueOffered = 0.0; // sum of unshaded values of the period's bids
    double m_surplus = 0.0; // sum over won bids of value - price
    double m_upperScore = -1.0; // surplus per value offered at s + δ, -1 until measured
};

} // namespace bidlab::bidding
